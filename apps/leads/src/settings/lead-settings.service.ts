import { Injectable } from '@nestjs/common';
import type { LeadSettingsDto, LeadSettingsView, RequestContext, ScoreWeights } from '@parley/contracts';
import { TenantDb, ValidationException, type UnitOfWork } from '@parley/platform';
import { DEFAULT_SCORE_WEIGHTS } from '../scoring/lead-scorer';
import { LeadSettingsEntity } from './lead-settings.entity';
import { toLeadSettingsView } from './lead-settings.mapper';

/**
 * Per-tenant scoring weights and default routing. Changing the weights does not re-score existing
 * leads by itself (a tenant may have 100k of them): `POST /automation/leads/score` without ids does.
 */
@Injectable()
export class LeadSettingsService {
  constructor(private readonly db: TenantDb) {}

  async get(ctx: RequestContext): Promise<LeadSettingsView> {
    return toLeadSettingsView(await this.db.repo(ctx, LeadSettingsEntity).findOne({}));
  }

  /** The weights scoring uses inside a unit of work; defaults when the tenant never set any. */
  async weightsIn(uow: UnitOfWork): Promise<ScoreWeights> {
    const settings = await uow.repo(LeadSettingsEntity).findOne({});
    return settings?.scoreWeights ?? { ...DEFAULT_SCORE_WEIGHTS };
  }

  async update(dto: LeadSettingsDto, ctx: RequestContext): Promise<LeadSettingsView> {
    const weights = dto.score_weights;
    if (weights && weights.demographic + weights.behavioral + weights.engagement + weights.intent <= 0) {
      const message = 'score_weights must not all be 0';
      throw new ValidationException(message, { field: 'score_weights', fields: { score_weights: [message] } });
    }
    return this.db.transaction(ctx, async (uow) => {
      const settings = uow.repo(LeadSettingsEntity);
      const scoreWeights: ScoreWeights | null = weights
        ? { demographic: weights.demographic, behavioral: weights.behavioral, engagement: weights.engagement, intent: weights.intent }
        : null;
      // One statement so two first-time updates cannot race into a duplicate key; the routing cursor stays.
      await uow.manager.query(
        `INSERT INTO lead_settings (tenant_id, score_weights, default_routing, updated_at)
         VALUES ($1, COALESCE($2::jsonb, $3::jsonb), COALESCE($4, 'least_busy'), now())
         ON CONFLICT (tenant_id) DO UPDATE SET
           score_weights = COALESCE($2::jsonb, lead_settings.score_weights),
           default_routing = COALESCE($4, lead_settings.default_routing),
           updated_at = now()`,
        [
          settings.tenantId,
          scoreWeights ? JSON.stringify(scoreWeights) : null,
          JSON.stringify(DEFAULT_SCORE_WEIGHTS),
          dto.default_routing ?? null,
        ],
      );
      return toLeadSettingsView(await settings.findOne({}));
    });
  }
}
