import { Inject, Injectable } from '@nestjs/common';
import {
  CALL_DIRECTIONS, CALL_STATUSES, pageOf, pageWindow,
  type CallDetailDto, type CallDto, type CallQueryDto, type CallStatsDto, type CreateCallDto, type Page, type RequestContext,
} from '@parley/contracts';
import { TenantDb, ValidationException } from '@parley/platform';
import { CallNoteEntity } from '../note/call-note.entity';
import { TelephonySettingsEntity } from '../settings/telephony-settings.entity';
import { TELEPHONY_CONFIG, type TelephonyConfig } from '../telephony.config';
import { callEndEvents, callStartedEvent } from './call-event-payloads';
import { CallLifecycle } from './call-lifecycle';
import { callSearchPatterns } from './call-search-terms';
import { isEndStatus } from './call-status-progression';
import { CallEntity } from './call.entity';
import { toCallDetailDto, toCallDto } from './call.mapper';
import { normalizePhone } from './phone-number';

interface StatsRow {
  total: string;
  today: string;
  ended: string;
  answered_ended: string;
  average_duration: string | null;
}

/** The call log: list, read, stats, and calls recorded without dialing. */
@Injectable()
export class CallService {
  constructor(
    private readonly db: TenantDb,
    private readonly lifecycle: CallLifecycle,
    @Inject(TELEPHONY_CONFIG) private readonly config: TelephonyConfig,
  ) {}

  async list(query: CallQueryDto, ctx: RequestContext): Promise<Page<CallDto>> {
    const qb = this.db.repo(ctx, CallEntity).query('c');
    if (query.status) qb.andWhere('c.status = :status', { status: query.status });
    if (query.direction) qb.andWhere('c.direction = :direction', { direction: query.direction });
    if (query.type) qb.andWhere('c.type = :type', { type: query.type });
    if (query.agent_id) qb.andWhere('c.agentId = :agentId', { agentId: query.agent_id });
    if (query.ai_agent_id) qb.andWhere('c.aiAgentId = :aiAgentId', { aiAgentId: query.ai_agent_id });
    if (query.lead_id) qb.andWhere('c.leadId = :leadId', { leadId: query.lead_id });
    if (query.business_id) qb.andWhere('c.businessId = :businessId', { businessId: query.business_id });
    if (query.from_date) qb.andWhere('c.createdAt >= :fromDate', { fromDate: new Date(query.from_date) });
    if (query.to_date) qb.andWhere('c.createdAt <= :toDate', { toDate: new Date(query.to_date) });
    const patterns = callSearchPatterns(query.search);
    if (patterns.length > 0) {
      // search_text is lower(from to summary), trigram-indexed: plain LIKE uses the index.
      const clauses = patterns.map((_, i) => `c.search_text LIKE :pattern${i} ESCAPE '\\'`);
      qb.andWhere(`(${clauses.join(' OR ')})`, Object.fromEntries(patterns.map((p, i) => [`pattern${i}`, p])));
    }
    qb.orderBy('c.createdAt', 'DESC').addOrderBy('c.id', 'DESC');
    // `GET /calls/logs?limit=` is per_page by another name.
    const window = { ...query, per_page: query.limit ?? query.per_page };
    const { skip, take } = pageWindow(window);
    const [rows, total] = await qb.offset(skip).limit(take).getManyAndCount();
    return pageOf(rows.map(toCallDto), total, window);
  }

  async get(id: string, ctx: RequestContext): Promise<CallDetailDto> {
    const call = await this.db.repo(ctx, CallEntity).get({ id });
    const notes = await this.db.repo(ctx, CallNoteEntity).count({ callId: id });
    return toCallDetailDto(call, notes);
  }

  async stats(ctx: RequestContext): Promise<CallStatsDto> {
    const repo = this.db.repo(ctx, CallEntity);
    const [row] = (await this.db.dataSource.query(
      `SELECT count(*) AS total,
              count(*) FILTER (WHERE created_at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC') AS today,
              count(*) FILTER (WHERE ended_at IS NOT NULL) AS ended,
              count(*) FILTER (WHERE ended_at IS NOT NULL AND answered_at IS NOT NULL) AS answered_ended,
              avg(duration_seconds) FILTER (WHERE status = 'completed') AS average_duration
         FROM calls WHERE tenant_id = $1`,
      [repo.tenantId],
    )) as StatsRow[];
    const byStatus = await this.countBy(repo.tenantId, 'status', CALL_STATUSES);
    const byDirection = await this.countBy(repo.tenantId, 'direction', CALL_DIRECTIONS);
    const ended = Number(row.ended);
    return {
      total: Number(row.total),
      by_status: byStatus,
      by_direction: byDirection,
      average_duration_seconds: row.average_duration === null ? 0 : Math.round(Number(row.average_duration) * 10) / 10,
      // Of the calls that ended, the share someone answered.
      answer_rate: ended === 0 ? 0 : Math.round((Number(row.answered_ended) / ended) * 1000) / 1000,
      today: Number(row.today),
    };
  }

  /**
   * Records a call without dialing (a chat, or a call placed elsewhere). The tenant's Twilio number,
   * when it has one, is the other end of a phone call. A call recorded as already ended emits its
   * end events too, so what listens for call.ended (lead scoring) sees it.
   */
  async create(dto: CreateCallDto, ctx: RequestContext): Promise<CallDto> {
    const phone = this.phoneOf(dto);
    return this.db.transaction(ctx, async (uow) => {
      const settings = await uow.repo(TelephonySettingsEntity).findOne({});
      const ours = dto.type === 'phone' ? settings?.phoneNumber ?? null : null;
      const now = new Date();
      const status = dto.status ?? 'queued';
      const ended = isEndStatus(status);
      const call = await uow.repo(CallEntity).insert({
        direction: dto.direction,
        type: dto.type,
        status,
        leadId: dto.lead_id ?? null,
        aiAgentId: dto.ai_agent_id ?? null,
        agentId: dto.agent_id ?? null,
        fromNumber: dto.direction === 'inbound' ? phone : ours,
        toNumber: dto.direction === 'inbound' ? ours : phone,
        startedAt: now,
        answeredAt: status === 'in_progress' || status === 'completed' ? now : null,
        endedAt: ended ? now : null,
        durationSeconds: ended ? 0 : null,
        endReason: ended && status !== 'completed' ? 'recorded as ended' : null,
      });
      await this.lifecycle.emit(uow, [callStartedEvent(call), ...callEndEvents(call)]);
      return toCallDto(call);
    });
  }

  private phoneOf(dto: CreateCallDto): string | null {
    if (dto.phone_number === undefined) {
      if (dto.type !== 'phone') return null;
      const message = 'phone_number is required for a phone call';
      throw new ValidationException(message, { fields: { phone_number: [message] } });
    }
    const phone = normalizePhone(dto.phone_number, this.config.DEFAULT_PHONE_REGION);
    if (!phone.ok) throw new ValidationException(phone.reason, { field: 'phone_number', fields: { phone_number: [phone.reason] } });
    return phone.e164;
  }

  /** Counts per value, every value listed (0 when no call has it). */
  private async countBy(tenantId: string, column: 'status' | 'direction', values: readonly string[]): Promise<Record<string, number>> {
    const rows = (await this.db.dataSource.query(
      `SELECT ${column} AS key, count(*) AS n FROM calls WHERE tenant_id = $1 GROUP BY ${column}`,
      [tenantId],
    )) as Array<{ key: string; n: string }>;
    const counts: Record<string, number> = Object.fromEntries(values.map((value) => [value, 0]));
    for (const row of rows) counts[row.key] = Number(row.n);
    return counts;
  }
}
