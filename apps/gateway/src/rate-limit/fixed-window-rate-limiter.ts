/** A counter shared by every gateway replica. */
export interface CounterStore {
  /** Adds one to the counter under `key` and answers the new value. */
  increment(key: string): Promise<number>;
}

export interface LimitRule {
  name: string;
  limit: number;
  windowMs: number;
}

export interface LimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Epoch seconds when the binding window resets. */
  resetAt: number;
  retryAfterS: number;
  rule: string;
}

/**
 * Fixed-window limits over several rules at once (per user, per IP). The answer reports
 * the binding rule: the one exceeded, else the one with the least left.
 */
export class FixedWindowRateLimiter {
  constructor(
    private readonly store: CounterStore,
    private readonly now: () => number = Date.now,
  ) {}

  async check(hits: Array<{ rule: LimitRule; subject: string }>): Promise<LimitDecision | null> {
    const active = hits.filter((h) => h.rule.limit > 0);
    if (active.length === 0) return null;
    const now = this.now();
    const decisions = await Promise.all(
      active.map(async ({ rule, subject }): Promise<LimitDecision> => {
        const window = Math.floor(now / rule.windowMs);
        const count = await this.store.increment(`${rule.name}.${subject}.${window}`);
        const resetMs = (window + 1) * rule.windowMs;
        return {
          allowed: count <= rule.limit,
          limit: rule.limit,
          remaining: Math.max(0, rule.limit - count),
          resetAt: Math.ceil(resetMs / 1000),
          retryAfterS: Math.max(1, Math.ceil((resetMs - now) / 1000)),
          rule: rule.name,
        };
      }),
    );
    const denied = decisions.filter((d) => !d.allowed);
    const pool = denied.length > 0 ? denied : decisions;
    return pool.reduce((a, b) => (b.remaining < a.remaining || (b.remaining === a.remaining && b.resetAt > a.resetAt) ? b : a));
  }
}
