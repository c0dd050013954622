import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule } from '@parley/platform';
import { ActivityModule } from './activity/activity.module';
import { CampaignModule } from './campaign/campaign.module';
import { leadsDatabase } from './database/leads.database';
import { LeadTransferModule } from './import-export/lead-transfer.module';
import { LeadModule } from './lead/lead.module';
import { LEADS_CONFIG, type LeadsConfig } from './leads.config';
import { QueueModule } from './queue/queue.module';
import { RoutingModule } from './routing/routing.module';
import { ScoringModule } from './scoring/scoring.module';

/** The leads service; a dynamic module so tests boot it with their own config. */
@Module({})
export class LeadsAppModule {
  static forRoot(config: LeadsConfig): DynamicModule {
    return {
      module: LeadsAppModule,
      global: true,
      imports: [
        PlatformModule.forService({ service: 'leads', config, database: leadsDatabase }),
        ScoringModule,
        LeadModule,
        ActivityModule,
        LeadTransferModule,
        RoutingModule,
        CampaignModule,
        QueueModule,
      ],
      providers: [{ provide: LEADS_CONFIG, useValue: config }],
      exports: [LEADS_CONFIG],
    };
  }
}
