import { LRUCache } from 'lru-cache';
import type { CallingRules } from './calling-rules';

/**
 * Tenants' calling rules kept for a short TTL, because telephony checks before every dial. An
 * update on this replica drops the tenant's entry at once; other replicas see it when their entry
 * expires (CALLING_WINDOWS_CACHE_TTL_MS bounds how stale a check can be). A load that started
 * before an invalidation is answered but not kept, so it cannot put the old rules back.
 */
export class CallingRulesCache {
  private readonly entries: LRUCache<string, CallingRules>;
  private generation = 0;

  constructor(ttlMs: number, maxTenants = 10_000) {
    this.entries = new LRUCache({ max: maxTenants, ttl: Math.max(1, ttlMs) });
  }

  async get(tenantId: string, load: () => Promise<CallingRules>): Promise<CallingRules> {
    const cached = this.entries.get(tenantId);
    if (cached) return cached;
    const generation = this.generation;
    const rules = await load();
    if (generation === this.generation) this.entries.set(tenantId, rules);
    return rules;
  }

  invalidate(tenantId: string): void {
    this.generation += 1;
    this.entries.delete(tenantId);
  }
}
