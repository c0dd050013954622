import { Inject, Injectable, Logger } from '@nestjs/common';
import type { DomainEvents, RequestContext } from '@parley/contracts';
import { TenantDb } from '@parley/platform';
import { LeadEntity } from '../lead/lead.entity';
import { LEADS_CONFIG, type LeadsConfig } from '../leads.config';
import { WAITING_LEAD_SQL } from './queue-eligibility';

export type QueueSnapshot = DomainEvents['queue.updated'];

/** Up to this many waiting leads are counted exactly on every claim; past it a recent full count is used. */
const EXACT_COUNT_LIMIT = 100;

interface CachedSnapshot {
  snapshot: QueueSnapshot;
  at: number;
  refreshing?: Promise<QueueSnapshot>;
}

/** The queue's headline numbers for one tenant, as pushed in `queue:update`. */
@Injectable()
export class QueueSnapshotReader {
  private readonly logger = new Logger(QueueSnapshotReader.name);
  private readonly recent = new Map<string, CachedSnapshot>();

  constructor(
    private readonly db: TenantDb,
    @Inject(LEADS_CONFIG) private readonly config: LeadsConfig,
  ) {}

  /** Exact numbers now (a full count of the tenant's waiting leads). */
  async snapshot(ctx: RequestContext): Promise<QueueSnapshot> {
    const tenantId = this.db.repo(ctx, LeadEntity).tenantId;
    const snapshot = await this.db.dataSource.transaction(async (manager) => {
      // The planner prices a 100k-row count above jit_above_cost, and compiling costs ~10x the count itself.
      await manager.query(`SET LOCAL jit = off`);
      const rows: QueueSnapshot[] = await manager.query(
        `SELECT count(*)::int AS queue_length, count(*) FILTER (WHERE l.priority = 'hot')::int AS priority_leads,
           (SELECT count(*)::int FROM agent_presence p WHERE p.tenant_id = $1 AND p.status IN ('ready', 'busy')) AS active_agents
         FROM leads l WHERE ${WAITING_LEAD_SQL}`,
        [tenantId],
      );
      return rows[0];
    });
    this.recent.set(tenantId, { snapshot, at: Date.now() });
    return snapshot;
  }

  /**
   * The waiting count for a claim's answer, cheap enough for every `GET /queue/next`: exact while
   * the queue is short; for a long queue, the last full count (at most one debounce window old,
   * refreshed behind the answer), so fifty agents at once do not each count 100k leads.
   */
  async queueLength(ctx: RequestContext): Promise<number> {
    const tenantId = this.db.repo(ctx, LeadEntity).tenantId;
    const [{ waiting }]: Array<{ waiting: number }> = await this.db.dataSource.query(
      `SELECT count(*)::int AS waiting FROM (SELECT 1 FROM leads l WHERE ${WAITING_LEAD_SQL} LIMIT ${EXACT_COUNT_LIMIT + 1}) w`,
      [tenantId],
    );
    if (waiting <= EXACT_COUNT_LIMIT) return waiting;
    const cached = this.recent.get(tenantId);
    if (!cached) return (await this.snapshot(ctx)).queue_length;
    if (Date.now() - cached.at > this.config.QUEUE_UPDATE_DEBOUNCE_MS && !cached.refreshing) {
      cached.refreshing = this.snapshot(ctx);
      cached.refreshing.catch((error: unknown) => {
        cached.refreshing = undefined;
        this.logger.warn({ err: error, tenant_id: tenantId }, 'queue count refresh failed');
      });
    }
    return cached.snapshot.queue_length;
  }
}
