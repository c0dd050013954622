import { Module } from '@nestjs/common';
import { QueueModule } from '../queue/queue.module';
import { CampaignScheduler } from './campaign-scheduler';
import { CampaignHandler } from './campaign.handler';
import { CampaignService } from './campaign.service';

/** Campaigns, their lifecycle and the scheduler that starts them on time. */
@Module({ imports: [QueueModule], controllers: [CampaignHandler], providers: [CampaignService, CampaignScheduler] })
export class CampaignModule {}
