import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  pageOf, pageWindow,
  type AgentConversationsDto, type CreateVoiceCallDto, type EndVoiceCallResult, type Page, type RequestContext,
  type RespondVoiceCallDto, type StartVoiceCallResult, type VoiceCallDetailDto, type VoiceCallDto, type VoiceCallQueryDto,
  type VoiceTurnResultDto,
} from '@parley/contracts';
import { ConflictException, isUniqueViolation, TenantDb, ValidationException } from '@parley/platform';
import { agentVoice } from '../agent/ai-agent-defaults';
import { AiAgentService } from '../agent/ai-agent.service';
import { newConversationMemory } from '../engine/conversation-memory';
import { OpenAIProviderNotConfiguredException } from '../engine/engine-registry';
import { OpenAIClients } from '../settings/openai-clients';
import { LeadLookup, type LeadContext } from '../tools/lead-lookup';
import { VOICE_AI_CONFIG, type VoiceAiConfig } from '../voice-ai.config';
import { CallSpeech } from './call-speech';
import { spokenOrder } from './conversation-context';
import { ConversationRunner, type LoadedConversation } from './conversation-runner';
import { toEndResult, toTurnDto, toVoiceCallDto } from './voice-call.mapper';
import { VoiceCallEntity } from './voice-call.entity';

/** How a conversation is being started: over REST (errors reach a user) or by a ringing phone (a caller must be answered). */
export type ConversationOrigin = 'rest' | 'phone';

/**
 * Conversations with AI agents over REST and the realtime socket: create, start (the opening),
 * respond (a caller turn, text or audio), end (the wrap-up), and what an agent's conversations add up to.
 */
@Injectable()
export class VoiceCallService {
  private readonly logger = new Logger(VoiceCallService.name);

  constructor(
    private readonly db: TenantDb,
    private readonly agents: AiAgentService,
    private readonly leads: LeadLookup,
    private readonly runner: ConversationRunner,
    private readonly speech: CallSpeech,
    private readonly clients: OpenAIClients,
    @Inject(VOICE_AI_CONFIG) private readonly config: VoiceAiConfig,
  ) {}

  async create(dto: CreateVoiceCallDto, ctx: RequestContext): Promise<VoiceCallDto> {
    return toVoiceCallDto(await this.createEntity(dto, ctx, 'rest'));
  }

  /**
   * A new conversation of an agent that is not paused. A phone call is answered whatever happens:
   * the lead is looked up best-effort, an unconfigured openai provider falls back to the local
   * engine, and a second answer for the same call finds the first conversation.
   */
  async createEntity(dto: CreateVoiceCallDto, ctx: RequestContext, origin: ConversationOrigin): Promise<VoiceCallEntity> {
    const agent = await this.agents.find(dto.ai_agent_id, ctx);
    if (agent.status === 'paused') throw new ConflictException('the AI agent is paused: activate it first', { ai_agent_id: agent.id, status: agent.status });
    let lead: LeadContext | null = null;
    if (dto.lead_id) lead = origin === 'phone' ? await this.leads.tryGet(dto.lead_id, ctx) : await this.leads.get(dto.lead_id, ctx);
    let provider = agent.provider;
    if (provider === 'openai' && !(await this.clients.configured(ctx.tenant_id as string))) {
      if (origin === 'rest') throw new OpenAIProviderNotConfiguredException();
      this.logger.warn({ ai_agent_id: agent.id, call_id: dto.call_id }, 'openai provider not configured: the phone call is answered by the local engine');
      provider = 'local';
    }
    const values = {
      aiAgentId: agent.id,
      leadId: lead ? lead.facts.id : (dto.lead_id ?? null),
      callId: dto.call_id ?? null,
      phoneNumber: dto.phone_number?.trim() || lead?.facts.phone || null,
      callType: dto.call_type ?? (dto.call_id ? 'phone' : 'web'),
      purpose: dto.purpose?.trim() || null,
      provider,
      status: 'created' as const,
      state: 'greeting' as const,
      voice: agentVoice(agent.provider, dto.voice_settings, agent.voice, this.config.OPENAI_REALTIME_VOICE),
      memory: newConversationMemory(),
      lead: lead?.facts ?? null,
      timezone: lead?.timezone ?? this.config.DEFAULT_TIMEZONE,
      turns: 0,
    };
    try {
      return await this.db.repo(ctx, VoiceCallEntity).insert(values);
    } catch (error) {
      if (dto.call_id && isUniqueViolation(error)) return this.db.repo(ctx, VoiceCallEntity).get({ callId: dto.call_id });
      throw error;
    }
  }

  async list(query: VoiceCallQueryDto, ctx: RequestContext): Promise<Page<VoiceCallDto>> {
    const qb = this.db.repo(ctx, VoiceCallEntity).query('c');
    if (query.ai_agent_id) qb.andWhere('c.aiAgentId = :agentId', { agentId: query.ai_agent_id });
    if (query.lead_id) qb.andWhere('c.leadId = :leadId', { leadId: query.lead_id });
    if (query.status) qb.andWhere('c.status = :status', { status: query.status });
    const { skip, take } = pageWindow(query);
    const [rows, total] = await qb.orderBy('c.createdAt', 'DESC').addOrderBy('c.id', 'ASC').skip(skip).take(take).getManyAndCount();
    return pageOf(rows.map(toVoiceCallDto), total, query);
  }

  async get(id: string, ctx: RequestContext): Promise<VoiceCallDetailDto> {
    const conv = await this.runner.load(id, ctx);
    return { ...toVoiceCallDto(conv.call), transcript: spokenOrder(conv.turns).map(toTurnDto) };
  }

  /** The opening message; starting an active conversation again answers the opening it already gave. */
  async start(id: string, ctx: RequestContext): Promise<StartVoiceCallResult> {
    return this.runner.serialize(id, async () => {
      const conv = await this.runner.load(id, ctx);
      if (conv.call.status === 'ended') throw new ConflictException('the conversation has ended', { voice_call_id: id });
      const opening = conv.turns.find((t) => t.turn === 0 && t.speaker === 'ai');
      const message = opening ? opening.text : conv.call.status === 'created' ? (await this.runner.open(conv, ctx)).reply : null;
      if (message === null) throw new ConflictException('the conversation is already under way', { voice_call_id: id });
      return this.startResult(conv, message);
    });
  }

  /** One caller turn, typed or spoken; a conversation not started yet is opened first. */
  async respond(id: string, dto: RespondVoiceCallDto, ctx: RequestContext): Promise<VoiceTurnResultDto> {
    const typed = dto.text?.trim();
    if (!typed && !dto.audio_data) {
      throw new ValidationException('send text or audio_data', { fields: { text: ['text or audio_data is required'] } });
    }
    return this.runner.serialize(id, async () => {
      const conv = await this.runner.load(id, ctx);
      this.assertOpen(conv);
      const spoken = !typed;
      const text = typed || (await this.speech.transcribe(conv.call.tenantId, dto.audio_data as string, conv.call.voice.language));
      if (!text) throw new ValidationException('no speech was recognised in audio_data', { field: 'audio_data' });
      if (conv.call.status === 'created') await this.runner.open(conv, ctx);
      const { result } = await this.runner.takeTurn(conv, text, ctx, 'voice-ai');
      if (!spoken) return result;
      const audio = await this.speech.synthesize(conv.call.tenantId, result.ai_response, conv.call.voice);
      return audio ? { ...result, audio_data: audio } : result;
    });
  }

  /** Idempotent: ending an ended conversation answers its stored wrap-up. */
  async end(id: string, reason: string | undefined, ctx: RequestContext): Promise<EndVoiceCallResult> {
    return this.runner.serialize(id, async () => {
      const conv = await this.runner.load(id, ctx);
      if (conv.call.status === 'ended') return toEndResult(conv.call);
      return this.runner.finish(conv, reason?.trim() || 'ended_by_user', ctx);
    });
  }

  /** The agent's latest conversations and its totals over all of them. */
  async agentConversations(agentId: string, limit: number | undefined, ctx: RequestContext): Promise<AgentConversationsDto> {
    const agent = await this.agents.find(agentId, ctx);
    const tenantId = agent.tenantId;
    const conversations = await this.db.repo(ctx, VoiceCallEntity).find({
      where: { aiAgentId: agent.id }, order: { createdAt: 'DESC', id: 'ASC' }, take: limit ?? 20,
    });
    const [counts] = (await this.db.dataSource.query(
      `SELECT count(*) FILTER (WHERE call_type = 'phone')::int AS calls,
              count(*) FILTER (WHERE call_type IN ('chat', 'web'))::int AS chats,
              count(*) FILTER (WHERE status = 'ended')::int AS ended,
              count(*) FILTER (WHERE status = 'ended' AND succeeded)::int AS succeeded
       FROM voice_calls WHERE tenant_id = $1 AND ai_agent_id = $2`,
      [tenantId, agent.id],
    )) as Array<{ calls: number; chats: number; ended: number; succeeded: number }>;
    const [response] = (await this.db.dataSource.query(
      `SELECT avg((t.latency->>'total_ms')::float8) AS average
       FROM conversation_turns t JOIN voice_calls c ON c.id = t.voice_call_id
       WHERE c.tenant_id = $1 AND c.ai_agent_id = $2 AND t.tenant_id = $1 AND t.speaker = 'ai' AND t.turn > 0 AND t.latency IS NOT NULL`,
      [tenantId, agent.id],
    )) as Array<{ average: number | null }>;
    return {
      ai_agent_id: agent.id,
      totals: {
        calls: counts.calls,
        chats: counts.chats,
        success_rate: counts.ended > 0 ? Math.round((counts.succeeded / counts.ended) * 1000) / 1000 : 0,
        average_response_ms: response.average === null ? 0 : Math.round(Number(response.average) * 100) / 100,
      },
      conversations: conversations.map(toVoiceCallDto),
    };
  }

  private assertOpen(conv: LoadedConversation): void {
    if (conv.call.status === 'ended') {
      throw new ConflictException('the conversation has ended', { voice_call_id: conv.call.id, ended_at: conv.call.endedAt?.toISOString() });
    }
  }

  private startResult(conv: LoadedConversation, message: string): StartVoiceCallResult {
    const { call, agent } = conv;
    return {
      opening_message: message,
      session_info: {
        voice_call_id: call.id,
        agent: { id: agent.id, name: agent.name, tone: agent.tone },
        provider: call.provider,
        conversation_state: call.state,
        voice: call.voice,
        lead: call.lead ? { id: call.lead.id, name: call.lead.name, company: call.lead.company } : null,
        started_at: (call.startedAt ?? new Date()).toISOString(),
      },
    };
  }
}
