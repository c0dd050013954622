import { Module } from '@nestjs/common';
import { LeadSettingsHandler } from '../settings/lead-settings.handler';
import { LeadSettingsService } from '../settings/lead-settings.service';
import { LeadScorer } from './lead-scorer';
import { LeadScoringService } from './lead-scoring.service';
import { ScoringHandler } from './scoring.handler';

/** Scoring and the tenant settings that drive it; other modules inject LeadScoringService to re-score. */
@Module({
  controllers: [ScoringHandler, LeadSettingsHandler],
  providers: [LeadScorer, LeadScoringService, LeadSettingsService],
  exports: [LeadScorer, LeadScoringService, LeadSettingsService],
})
export class ScoringModule {}
