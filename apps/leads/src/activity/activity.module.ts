import { Module } from '@nestjs/common';
import { LeadModule } from '../lead/lead.module';
import { ScoringModule } from '../scoring/scoring.module';
import { ActivityHandler } from './activity.handler';
import { ActivityService } from './activity.service';
import { CallEndedConsumer } from './call-ended.consumer';

@Module({
  imports: [LeadModule, ScoringModule],
  controllers: [ActivityHandler],
  providers: [ActivityService, CallEndedConsumer],
  exports: [ActivityService],
})
export class ActivityModule {}
