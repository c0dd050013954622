import { Inject, Injectable } from '@nestjs/common';
import type { CallingWindowsDto, CallingWindowsView, RequestContext } from '@parley/contracts';
import { TenantDb } from '@parley/platform';
import { COMPLIANCE_CONFIG, type ComplianceConfig } from '../compliance.config';
import { CallingRulesCache } from './calling-rules.cache';
import { callingRulesOf, toCallingWindowsView, type CallingRules } from './calling-rules';
import { CallingWindowsEntity } from './calling-windows.entity';
import { defaultWeeklyWindows, mergeWeeklyWindows } from './weekly-windows';

/** Each tenant's calling hours per day of week, the fallback zone, and whether they are enforced. */
@Injectable()
export class CallingWindowsService {
  private readonly cache: CallingRulesCache;

  constructor(
    private readonly db: TenantDb,
    @Inject(COMPLIANCE_CONFIG) private readonly config: ComplianceConfig,
  ) {
    this.cache = new CallingRulesCache(config.CALLING_WINDOWS_CACHE_TTL_MS);
  }

  async get(ctx: RequestContext): Promise<CallingWindowsView> {
    return toCallingWindowsView(await this.rules(ctx));
  }

  /** The rules a call check applies, from the per-tenant cache. */
  rules(ctx: RequestContext): Promise<CallingRules> {
    const repo = this.db.repo(ctx, CallingWindowsEntity);
    return this.cache.get(repo.tenantId, async () => callingRulesOf(await repo.findOne({}), this.config.DEFAULT_CALLING_TIMEZONE));
  }

  /**
   * Changes what the request names and keeps the rest. The row is created with the defaults if
   * missing and locked before it is merged, so concurrent updates of different days both land.
   */
  async update(dto: CallingWindowsDto, ctx: RequestContext): Promise<CallingWindowsView> {
    const row = await this.db.transaction(ctx, async (uow) => {
      const repo = uow.repo(CallingWindowsEntity);
      await uow.manager.query(
        `INSERT INTO calling_windows (tenant_id, windows) VALUES ($1, $2::jsonb) ON CONFLICT (tenant_id) DO NOTHING`,
        [repo.tenantId, JSON.stringify(defaultWeeklyWindows())],
      );
      const current = await uow.manager.findOneOrFail(CallingWindowsEntity, {
        where: { tenantId: repo.tenantId }, lock: { mode: 'pessimistic_write' },
      });
      current.windows = mergeWeeklyWindows(current.windows, dto.windows ?? {});
      if (dto.fallback_timezone !== undefined) current.fallbackTimezone = canonicalZone(dto.fallback_timezone);
      if (dto.enforced !== undefined) current.enforced = dto.enforced;
      const saved = await repo.save(current);
      await uow.emit('calling_windows.changed', { enforced: saved.enforced });
      return saved;
    });
    this.cache.invalidate(row.tenantId);
    return toCallingWindowsView(callingRulesOf(row, this.config.DEFAULT_CALLING_TIMEZONE));
  }
}

/** "america/new_york" → "America/New_York": zones are stored as Intl spells them (validation already checked the zone exists). */
function canonicalZone(zone: string | null): string | null {
  return zone === null ? null : new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
}
