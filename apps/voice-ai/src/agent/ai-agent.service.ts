import { Inject, Injectable } from '@nestjs/common';
import { In, Not } from 'typeorm';
import {
  pageOf, pageWindow, TelephonySubjects,
  type AiAgentDto, type AiAgentQueryDto, type CreateAiAgentDto, type DeployAiAgentResult, type MessageDto, type Page,
  type RequestContext, type UpdateAiAgentDto, type VoiceSettingsDto, type VoiceAiEvents,
} from '@parley/contracts';
import { ConflictException, containsLikePattern, NotFoundException, ServiceBus, TenantDb, type UnitOfWork } from '@parley/platform';
import { AiSettingsService } from '../settings/ai-settings.service';
import { VOICE_AI_CONFIG, type VoiceAiConfig } from '../voice-ai.config';
import { agentVoice, DEFAULT_CHANNELS, DEFAULT_TOOLS } from './ai-agent-defaults';
import { AiAgentEntity } from './ai-agent.entity';
import { toAiAgentDto } from './ai-agent.mapper';
import { moveAgent, type AgentMove } from './agent-lifecycle';

type AgentChange = VoiceAiEvents['ai_agent.changed']['change'];

/**
 * AI agents: their definition, and their status, which follows whether they answer a number.
 * Telephony owns the number bindings; a move that binds or unbinds asks telephony first, so an
 * agent is never shown active on a number telephony does not route to it.
 */
@Injectable()
export class AiAgentService {
  constructor(
    private readonly db: TenantDb,
    private readonly bus: ServiceBus,
    private readonly settings: AiSettingsService,
    @Inject(VOICE_AI_CONFIG) private readonly config: VoiceAiConfig,
  ) {}

  async list(query: AiAgentQueryDto, ctx: RequestContext): Promise<Page<AiAgentDto>> {
    const qb = this.db.repo(ctx, AiAgentEntity).query('a');
    if (query.status) qb.andWhere('a.status = :status', { status: query.status });
    const search = query.search?.trim();
    if (search) qb.andWhere('(a.name ILIKE :text OR a.role ILIKE :text)', { text: containsLikePattern(search) });
    const { skip, take } = pageWindow(query);
    const [rows, total] = await qb.orderBy('a.createdAt', 'DESC').addOrderBy('a.id', 'ASC').skip(skip).take(take).getManyAndCount();
    return pageOf(rows.map(toAiAgentDto), total, query);
  }

  async get(id: string, ctx: RequestContext): Promise<AiAgentDto> {
    return toAiAgentDto(await this.find(id, ctx));
  }

  find(id: string, ctx: RequestContext): Promise<AiAgentEntity> {
    return this.db.repo(ctx, AiAgentEntity).get({ id });
  }

  /** The tenant's newest agent, preferring drafts (onboarding steps that name no agent). */
  async newest(ctx: RequestContext, prefer?: 'draft'): Promise<AiAgentEntity> {
    const repo = this.db.repo(ctx, AiAgentEntity);
    const order = { createdAt: 'DESC' as const, id: 'ASC' as const };
    const preferred = prefer ? (await repo.find({ where: { status: prefer }, order, take: 1 }))[0] : undefined;
    const agent = preferred ?? (await repo.find({ order, take: 1 }))[0];
    if (!agent) throw new NotFoundException('ai agent');
    return agent;
  }

  async create(dto: CreateAiAgentDto, ctx: RequestContext): Promise<AiAgentDto> {
    const provider = dto.provider ?? (await this.settings.defaultProvider(ctx));
    return this.db.transaction(ctx, async (uow) => toAiAgentDto(await this.insert(uow, dto, provider)));
  }

  /** Creates several agents in one transaction: all or none (setup). */
  async createMany(dtos: CreateAiAgentDto[], ctx: RequestContext): Promise<AiAgentDto[]> {
    const defaultProvider = await this.settings.defaultProvider(ctx);
    return this.db.transaction(ctx, async (uow) => {
      const created: AiAgentDto[] = [];
      for (const dto of dtos) created.push(toAiAgentDto(await this.insert(uow, dto, dto.provider ?? defaultProvider)));
      return created;
    });
  }

  async update(id: string, dto: UpdateAiAgentDto, ctx: RequestContext): Promise<AiAgentDto> {
    return this.db.transaction(ctx, async (uow) => {
      const repo = uow.repo(AiAgentEntity);
      const agent = await repo.get({ id });
      if (dto.name !== undefined) agent.name = dto.name.trim();
      if (dto.role !== undefined) agent.role = dto.role.trim() || null;
      if (dto.instructions !== undefined) agent.instructions = dto.instructions.trim() || null;
      if (dto.greeting !== undefined) agent.greeting = dto.greeting.trim();
      if (dto.company_name !== undefined) agent.companyName = dto.company_name.trim() || null;
      if (dto.tone !== undefined) agent.tone = dto.tone;
      if (dto.channels !== undefined) agent.channels = unique(dto.channels);
      if (dto.knowledge_bases !== undefined) agent.knowledgeBases = unique(dto.knowledge_bases);
      if (dto.tools !== undefined) agent.tools = unique(dto.tools);
      if (dto.extraction_fields !== undefined) agent.extractionFields = dto.extraction_fields.map((f) => ({ ...f }));
      if (dto.provider !== undefined) agent.provider = dto.provider;
      if (dto.model !== undefined) agent.model = dto.model.trim() || null;
      if (dto.voice !== undefined) agent.voice = agentVoice(agent.provider, dto.voice, agent.voice, this.config.OPENAI_REALTIME_VOICE);
      const saved = await repo.save(agent);
      await this.emitChanged(uow, saved, 'updated');
      return toAiAgentDto(saved);
    });
  }

  /** Only the voice (onboarding's voice step). */
  async setVoice(agent: AiAgentEntity, voice: VoiceSettingsDto, ctx: RequestContext): Promise<AiAgentDto> {
    return this.update(agent.id, { voice }, ctx);
  }

  async remove(id: string, ctx: RequestContext): Promise<MessageDto> {
    const agent = await this.find(id, ctx);
    if (agent.phoneNumber) await this.unbind(agent, ctx);
    await this.db.transaction(ctx, async (uow) => {
      const deleted = await uow.repo(AiAgentEntity).delete({ id });
      if (deleted === 0) throw new NotFoundException('ai agent');
      await uow.emit('ai_agent.changed', { ai_agent_id: id, status: agent.status, phone_number: null, change: 'deleted' });
    });
    return { message: `AI agent ${agent.name} was deleted` };
  }

  async pause(id: string, ctx: RequestContext): Promise<AiAgentDto> {
    const agent = await this.find(id, ctx);
    const to = this.allowed(agent, 'pause');
    if (agent.phoneNumber) await this.unbind(agent, ctx);
    return this.setStatus(agent, to, ctx);
  }

  async activate(id: string, ctx: RequestContext): Promise<AiAgentDto> {
    const agent = await this.find(id, ctx);
    const to = this.allowed(agent, 'activate');
    // A paused agent that answered a number answers it again.
    if (agent.phoneNumber) await this.bind(agent, agent.phoneNumber, ctx);
    return this.setStatus(agent, to, ctx);
  }

  /** Binds a number (the one named, else the agent's, else the tenant's Twilio number) and activates the agent. */
  async deploy(id: string, phoneNumber: string | undefined, ctx: RequestContext): Promise<DeployAiAgentResult> {
    const agent = await this.find(id, ctx);
    this.allowed(agent, 'deploy');
    const binding = await this.bind(agent, phoneNumber?.trim() || agent.phoneNumber || undefined, ctx);
    const deployed = await this.db.transaction(ctx, async (uow) => {
      const repo = uow.repo(AiAgentEntity);
      // Telephony moved the number to this agent: whoever had it does not answer it any more.
      const previous = await repo.find({ where: { phoneNumber: binding.phone_number, id: Not(id) } });
      for (const other of previous) {
        other.phoneNumber = null;
        await this.emitChanged(uow, await repo.save(other), 'updated');
      }
      const fresh = await repo.get({ id });
      fresh.status = 'active';
      fresh.phoneNumber = binding.phone_number;
      fresh.deployedAt = new Date(binding.bound_at);
      const saved = await repo.save(fresh);
      await this.emitChanged(uow, saved, 'deployed');
      return saved;
    });
    return { success: true, phone_number: binding.phone_number, agent: toAiAgentDto(deployed) };
  }

  /** Agents by id, of the tenant only (deleting what a failed setup created). */
  async removeMany(ids: string[], ctx: RequestContext): Promise<void> {
    if (ids.length === 0) return;
    await this.db.transaction(ctx, async (uow) => {
      const repo = uow.repo(AiAgentEntity);
      const agents = await repo.find({ where: { id: In(ids) } });
      await repo.delete({ id: In(ids) });
      for (const agent of agents) {
        await uow.emit('ai_agent.changed', { ai_agent_id: agent.id, status: agent.status, phone_number: null, change: 'deleted' });
      }
    });
  }

  private async insert(uow: UnitOfWork, dto: CreateAiAgentDto, provider: AiAgentEntity['provider']): Promise<AiAgentEntity> {
    const agent = await uow.repo(AiAgentEntity).insert({
      name: dto.name.trim(),
      role: dto.role?.trim() || null,
      instructions: dto.instructions?.trim() || null,
      greeting: dto.greeting?.trim() ?? '',
      companyName: dto.company_name?.trim() || null,
      voice: agentVoice(provider, dto.voice, null, this.config.OPENAI_REALTIME_VOICE),
      tone: dto.tone ?? 'professional',
      channels: unique(dto.channels ?? DEFAULT_CHANNELS),
      knowledgeBases: unique(dto.knowledge_bases ?? []),
      tools: unique(dto.tools ?? DEFAULT_TOOLS),
      extractionFields: (dto.extraction_fields ?? []).map((f) => ({ ...f })),
      provider,
      model: dto.model?.trim() || null,
      status: 'draft',
      phoneNumber: null,
      deployedAt: null,
    });
    await this.emitChanged(uow, agent, 'created');
    return agent;
  }

  private allowed(agent: AiAgentEntity, move: AgentMove) {
    const result = moveAgent(agent.status, move);
    if (!result.ok) throw new ConflictException(result.reason, { status: agent.status, move });
    return result.to;
  }

  private async setStatus(agent: AiAgentEntity, to: AiAgentEntity['status'], ctx: RequestContext): Promise<AiAgentDto> {
    return this.db.transaction(ctx, async (uow) => {
      const repo = uow.repo(AiAgentEntity);
      const fresh = await repo.get({ id: agent.id });
      fresh.status = to;
      const saved = await repo.save(fresh);
      await this.emitChanged(uow, saved, 'status');
      return toAiAgentDto(saved);
    });
  }

  private bind(agent: AiAgentEntity, phoneNumber: string | undefined, ctx: RequestContext) {
    return this.bus.send(
      TelephonySubjects.bindNumber,
      { ai_agent_id: agent.id, ...(phoneNumber ? { phone_number: phoneNumber } : {}) },
      ctx,
      this.config.SERVICE_TIMEOUT_MS,
    );
  }

  private async unbind(agent: AiAgentEntity, ctx: RequestContext): Promise<void> {
    await this.bus.send(TelephonySubjects.unbindNumber, { ai_agent_id: agent.id }, ctx, this.config.SERVICE_TIMEOUT_MS);
  }

  private emitChanged(uow: UnitOfWork, agent: AiAgentEntity, change: AgentChange): Promise<void> {
    return uow.emit('ai_agent.changed', { ai_agent_id: agent.id, status: agent.status, phone_number: agent.phoneNumber, change });
  }
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
