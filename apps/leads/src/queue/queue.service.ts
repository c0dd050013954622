import { Inject, Injectable } from '@nestjs/common';
import type { AgentStatus, QueueNextDto, QueueStatusDto, RequestContext } from '@parley/contracts';
import { TenantDb, UnauthorizedException } from '@parley/platform';
import type { EntityManager } from 'typeorm';
import { LeadEntity } from '../lead/lead.entity';
import { toLeadDto } from '../lead/lead.mapper';
import { LEADS_CONFIG, type LeadsConfig } from '../leads.config';
import { WAITING_LEAD_SQL } from './queue-eligibility';
import { QueueSnapshotReader } from './queue-snapshot.reader';
import { QueueUpdatePublisher } from './queue-update.publisher';

/**
 * Claims the caller's best waiting lead in one statement: the caller's own leads first, then
 * unassigned ones, each best score then oldest. SKIP LOCKED lets concurrent agents pass over a
 * row another agent is claiming instead of queueing behind it, so no two get the same lead. The
 * second lookup only runs when the caller has none of their own (CASE evaluates lazily).
 * $1 tenant, $2 agent, $3 claim seconds.
 */
const CLAIM_NEXT_SQL = `
  WITH mine AS (
    SELECT (SELECT l.id FROM leads l WHERE ${WAITING_LEAD_SQL} AND l.assigned_to = $2
            ORDER BY l.score DESC, l.created_at LIMIT 1 FOR UPDATE SKIP LOCKED) AS id
  ), pick AS (
    SELECT mine.id AS mine_id,
      CASE WHEN mine.id IS NOT NULL THEN mine.id ELSE
        (SELECT l.id FROM leads l WHERE ${WAITING_LEAD_SQL} AND l.assigned_to IS NULL
         ORDER BY l.score DESC, l.created_at LIMIT 1 FOR UPDATE SKIP LOCKED) END AS id
    FROM mine
  )
  UPDATE leads SET claimed_by = $2, claimed_at = now(), claim_expires_at = now() + $3 * interval '1 second',
    assigned_to = $2, updated_at = now()
  FROM pick WHERE leads.id = pick.id AND leads.tenant_id = $1
  RETURNING leads.id, (pick.mine_id IS NULL) AS newly_assigned`;

interface ClaimedRow {
  id: string;
  newly_assigned: boolean;
}

/** Rows of an UPDATE ... RETURNING (TypeORM answers [rows, affected] for updates). */
function returnedRows<R>(result: unknown): R[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as R[];
  }
  return result as R[];
}

/** The human agents' call queue. */
@Injectable()
export class QueueService {
  constructor(
    private readonly db: TenantDb,
    private readonly reader: QueueSnapshotReader,
    private readonly queueUpdates: QueueUpdatePublisher,
    @Inject(LEADS_CONFIG) private readonly config: LeadsConfig,
  ) {}

  /**
   * The caller's next lead, claimed for QUEUE_CLAIM_TTL_S. Every call claims a further lead; a
   * lead the agent got earlier stays theirs (assigned) and returns to the queue when its claim
   * expires, to them first.
   */
  async next(ctx: RequestContext): Promise<QueueNextDto> {
    const agentId = ctx.user_id;
    if (!agentId) throw new UnauthorizedException('the queue hands leads to a signed-in agent');
    const claimed = await this.db.transaction(ctx, async (uow) => {
      const leads = uow.repo(LeadEntity);
      const [row] = returnedRows<ClaimedRow>(
        await uow.manager.query(CLAIM_NEXT_SQL, [leads.tenantId, agentId, this.config.QUEUE_CLAIM_TTL_S]),
      );
      if (!row) return null;
      const lead = await leads.get({ id: row.id });
      if (row.newly_assigned) {
        await uow.emit('lead.assigned', {
          lead_id: lead.id, agent_id: agentId, team: lead.assignedTeam, routing_rule_id: null, via: 'queue',
        });
      }
      return lead;
    });
    const queue_length = await this.reader.queueLength(ctx);
    if (!claimed) return { lead: null, claimed_at: null, claim_expires_at: null, queue_length };
    this.queueUpdates.touch(claimed.tenantId);
    return {
      lead: toLeadDto(claimed),
      claimed_at: claimed.claimedAt?.toISOString() ?? null,
      claim_expires_at: claimed.claimExpiresAt?.toISOString() ?? null,
      queue_length,
    };
  }

  async status(ctx: RequestContext): Promise<QueueStatusDto> {
    const tenantId = this.db.repo(ctx, LeadEntity).tenantId;
    const manager = this.db.dataSource.manager;
    const [snapshot, claimRows, agentRows] = await Promise.all([
      this.reader.snapshot(ctx),
      this.activeClaims(manager, tenantId),
      manager.query(
        `SELECT agent_id, status, status_changed_at FROM agent_presence WHERE tenant_id = $1
         ORDER BY status_changed_at, agent_id`,
        [tenantId],
      ) as Promise<Array<{ agent_id: string; status: AgentStatus; status_changed_at: Date }>>,
    ]);
    const claimsBy = new Map(claimRows.map((r) => [r.claimed_by, r.claimed]));
    return {
      ...snapshot,
      // From the same rows as `agents`, so the two never disagree when a status change lands mid-read.
      active_agents: agentRows.filter((a) => a.status === 'ready' || a.status === 'busy').length,
      claimed: claimRows.reduce((sum, r) => sum + r.claimed, 0),
      agents: agentRows.map((a) => ({
        agent_id: a.agent_id,
        status: a.status,
        claimed_leads: claimsBy.get(a.agent_id) ?? 0,
        status_changed_at: new Date(a.status_changed_at).toISOString(),
      })),
    };
  }

  /** Unexpired claims on open leads, per agent. */
  private activeClaims(manager: EntityManager, tenantId: string): Promise<Array<{ claimed_by: string; claimed: number }>> {
    return manager.query(
      `SELECT claimed_by, count(*)::int AS claimed FROM leads
       WHERE tenant_id = $1 AND claim_expires_at > now() AND status IN ('new', 'contacted')
       GROUP BY claimed_by`,
      [tenantId],
    );
  }
}
