import { Inject, Injectable } from '@nestjs/common';
import { RateLimitedException, type UnitOfWork } from '@parley/platform';
import { TELEPHONY_CONFIG, type TelephonyConfig } from '../telephony.config';

const WINDOW_S = 60;

/**
 * At most DIAL_RATE_LIMIT_PER_MINUTE outbound calls per tenant in any 60 s, counted from the calls
 * table itself, so every replica sees the same count. A per-tenant advisory lock held until the
 * dialing transaction commits makes concurrent dials queue for the count instead of all passing it.
 */
@Injectable()
export class DialRateLimit {
  constructor(@Inject(TELEPHONY_CONFIG) private readonly config: TelephonyConfig) {}

  /** Inside the transaction that records the call: refuses (429) when the tenant's window is full. */
  async admit(uow: UnitOfWork, tenantId: string): Promise<void> {
    const limit = this.config.DIAL_RATE_LIMIT_PER_MINUTE;
    if (limit <= 0) return;
    await uow.manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`parley-dial:${tenantId}`]);
    // The limit-th newest dial of the window: once it is older than the window, there is room again.
    const rows: Array<{ created_at: Date }> = await uow.manager.query(
      `SELECT created_at FROM calls
        WHERE tenant_id = $1 AND direction = 'outbound' AND created_at > now() - make_interval(secs => $2)
        ORDER BY created_at DESC OFFSET $3 - 1 LIMIT 1`,
      [tenantId, WINDOW_S, limit],
    );
    if (rows.length === 0) return;
    const retryAfterS = (rows[0].created_at.getTime() + WINDOW_S * 1000 - Date.now()) / 1000;
    throw new RateLimitedException(`at most ${limit} outbound calls a minute for this tenant; try again in a moment`, retryAfterS, {
      limit, window_s: WINDOW_S,
    });
  }
}
