import type { LeadSettingsView } from '@parley/contracts';
import { DEFAULT_SCORE_WEIGHTS } from '../scoring/lead-scorer';
import type { LeadSettingsEntity } from './lead-settings.entity';

/** A tenant without a settings row gets the defaults (and `updated_at: null`). */
export function toLeadSettingsView(settings: LeadSettingsEntity | null): LeadSettingsView {
  if (!settings) return { score_weights: { ...DEFAULT_SCORE_WEIGHTS }, default_routing: 'least_busy', updated_at: null };
  return {
    score_weights: settings.scoreWeights,
    default_routing: settings.defaultRouting,
    updated_at: settings.updatedAt.toISOString(),
  };
}
