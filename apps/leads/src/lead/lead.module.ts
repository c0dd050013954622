import { Module } from '@nestjs/common';
import { ScoringModule } from '../scoring/scoring.module';
import { LeadAnalyticsService } from './lead-analytics.service';
import { LeadHandler } from './lead.handler';
import { LeadService } from './lead.service';

@Module({
  imports: [ScoringModule],
  controllers: [LeadHandler],
  providers: [LeadService, LeadAnalyticsService],
  exports: [LeadService],
})
export class LeadModule {}
