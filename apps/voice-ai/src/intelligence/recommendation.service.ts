import { Inject, Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import {
  LeadsSubjects, type ActivityDto, type RecommendationDto, type RecommendationRequestDto, type RequestContext,
} from '@parley/contracts';
import { ServiceBus, TenantDb } from '@parley/platform';
import { VoiceCallEntity } from '../conversation/voice-call.entity';
import { LeadLookup } from '../tools/lead-lookup';
import { VOICE_AI_CONFIG, type VoiceAiConfig } from '../voice-ai.config';
import { nextBestAction, type LeadSignals } from './next-best-action';

/** Activities and conversations a recommendation looks at (the newest ones matter). */
const ACTIVITY_WINDOW = 100;
const CONVERSATION_WINDOW = 20;

/** The next best action for a lead, from what leads knows of it and what its AI conversations showed. */
@Injectable()
export class RecommendationService {
  constructor(
    private readonly db: TenantDb,
    private readonly bus: ServiceBus,
    private readonly leads: LeadLookup,
    @Inject(VOICE_AI_CONFIG) private readonly config: VoiceAiConfig,
  ) {}

  async recommend(dto: RecommendationRequestDto, ctx: RequestContext): Promise<RecommendationDto> {
    const [{ lead }, activities, calls] = await Promise.all([
      this.leads.get(dto.lead_id, ctx),
      this.bus.send(LeadsSubjects.listActivities, { id: dto.lead_id, per_page: ACTIVITY_WINDOW }, ctx, this.config.SERVICE_TIMEOUT_MS),
      this.db.repo(ctx, VoiceCallEntity).find({
        where: { leadId: dto.lead_id, status: In(['active', 'ended']) },
        order: { createdAt: 'DESC' },
        take: CONVERSATION_WINDOW,
      }),
    ]);
    const signals: LeadSignals = {
      lead: { id: lead.id, status: lead.status, score: lead.score, last_contacted_at: lead.last_contacted_at },
      activities: activities.data.map((a: ActivityDto) => ({ type: a.type, occurred_at: a.occurred_at, metadata: a.metadata })),
      conversations: calls.map((c) => ({
        at: (c.endedAt ?? c.startedAt ?? c.createdAt).toISOString(),
        call_type: c.callType,
        ended: c.status === 'ended',
        sentiment: c.summary?.overall_sentiment.score ?? c.sentiment?.score ?? null,
        outcome: c.summary?.outcome ?? c.memory.outcome,
        recommendation: c.summary?.recommendation ?? null,
        state_reached: c.summary?.state_reached ?? c.state,
        callback_at: c.summary?.callback_at ?? (typeof c.memory.slots['callback_at'] === 'string' ? c.memory.slots['callback_at'] : null),
        objections: c.summary?.objections ?? c.memory.objections,
        interest_signals: c.summary?.interest_signals ?? c.memory.interestSignals,
      })),
      context: dto.context ?? null,
      now: new Date(),
    };
    return nextBestAction(signals);
  }
}
