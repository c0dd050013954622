import { Inject, Injectable } from '@nestjs/common';
import {
  DEFAULT_KNOWLEDGE_BASE, ErrorCode, IdentitySubjects, KnowledgeSubjects, SETUP_STEPS, TelephonySubjects,
  type AiAgentDto, type DeployAiAgentResult, type OnboardingDeployDto, type OnboardingVoiceDto, type RequestContext,
  type RequestOf, type ResponseOf, type SetupCompleteDto, type SetupCompleteResultDto, type Subject,
} from '@parley/contracts';
import { DomainException, ServiceBus, ValidationException } from '@parley/platform';
import { AiAgentService } from '../agent/ai-agent.service';
import { AiSettingsService } from '../settings/ai-settings.service';
import { OpenAIClients } from '../settings/openai-clients';
import { VOICE_AI_CONFIG, type VoiceAiConfig } from '../voice-ai.config';
import { runSetupSaga, type SetupStepPlan, type StepError } from './setup-saga';
import { twilioSetupStep, type TelephonySettingsPort } from './twilio-setup-step';

/**
 * Onboarding: the voice step, the deploy step, and `POST /setup/complete`, which applies AI
 * settings, the business, knowledge, agents and Twilio settings in that order, and undoes what it
 * applied when a step fails.
 */
@Injectable()
export class SetupService {
  constructor(
    private readonly bus: ServiceBus,
    private readonly agents: AiAgentService,
    private readonly settings: AiSettingsService,
    private readonly clients: OpenAIClients,
    @Inject(VOICE_AI_CONFIG) private readonly config: VoiceAiConfig,
  ) {}

  async voice(dto: OnboardingVoiceDto, ctx: RequestContext): Promise<AiAgentDto> {
    const agent = dto.ai_agent_id ? await this.agents.find(dto.ai_agent_id, ctx) : await this.agents.newest(ctx, 'draft');
    return this.agents.setVoice(agent, dto.voice, ctx);
  }

  async deploy(dto: OnboardingDeployDto, ctx: RequestContext): Promise<DeployAiAgentResult> {
    const agent = dto.ai_agent_id ? await this.agents.find(dto.ai_agent_id, ctx) : await this.agents.newest(ctx);
    return this.agents.deploy(agent.id, dto.phone_number, ctx);
  }

  async complete(dto: SetupCompleteDto, ctx: RequestContext): Promise<SetupCompleteResultDto> {
    await this.validate(dto, ctx);
    const plans: SetupStepPlan[] = [];
    let created: AiAgentDto[] = [];
    const openai = dto.api_config?.openai;
    if (openai && Object.keys(openai).length > 0) {
      plans.push({
        step: 'api_config.openai',
        apply: async () => {
          const previous = await this.settings.snapshot(ctx);
          await this.settings.update(openai, ctx);
          return { ids: [], undo: () => this.settings.restore(previous, ctx) };
        },
      });
    }
    const business = dto.business;
    if (business) {
      plans.push({
        step: 'business',
        apply: async () => {
          const config = await this.send(IdentitySubjects.createBusinessConfig, business, ctx);
          return { ids: [config.id], undo: async () => { await this.send(IdentitySubjects.deleteBusinessConfig, { id: config.id }, ctx); } };
        },
      });
    }
    const knowledge = dto.knowledge;
    if (knowledge && (knowledge.faq_text?.trim() || knowledge.websites?.length)) {
      plans.push({
        step: 'knowledge',
        apply: async () => {
          const result = await this.send(KnowledgeSubjects.createDocuments, {
            ...(knowledge.faq_text?.trim() ? { faq_text: knowledge.faq_text } : {}),
            ...(knowledge.websites?.length ? { websites: knowledge.websites } : {}),
            knowledge_base: this.knowledgeBaseOf(dto),
          }, ctx);
          const ids = result.documents.map((d) => d.id);
          return {
            ids,
            undo: async () => {
              for (const id of ids) await this.send(KnowledgeSubjects.deleteDocument, { id }, ctx);
            },
          };
        },
      });
    }
    const agents = dto.agents;
    if (agents && agents.length > 0) {
      plans.push({
        step: 'agents',
        apply: async () => {
          created = await this.agents.createMany(agents, ctx);
          const ids = created.map((a) => a.id);
          return { ids, undo: () => this.agents.removeMany(ids, ctx) };
        },
      });
    }
    const twilio = dto.api_config?.twilio;
    // Twilio goes last: its auth token cannot be restored, so a failure in any other step leaves it untouched.
    if (twilio) plans.push(twilioSetupStep(twilio, this.telephonySettings(ctx)));
    const { success, steps } = await runSetupSaga([...SETUP_STEPS], plans, describeError);
    return { success, steps, agents: success ? created : [] };
  }

  /** Everything that can be known before applying anything is checked first: nothing is applied on a 422. */
  private async validate(dto: SetupCompleteDto, ctx: RequestContext): Promise<void> {
    const asked = [dto.api_config?.openai, dto.api_config?.twilio, dto.business, dto.knowledge, dto.agents?.length ? dto.agents : undefined];
    if (asked.every((part) => part === undefined)) throw new ValidationException('nothing to set up: send business, agents, knowledge or api_config');
    const wantsOpenAI = dto.agents?.some((a) => a.provider === 'openai') || dto.api_config?.openai?.default_provider === 'openai';
    const willHaveKey = !!dto.api_config?.openai?.openai_api_key || (await this.clients.configured(ctx.tenant_id as string));
    if (wantsOpenAI && !willHaveKey) {
      const message = 'agents on the openai provider need an OpenAI key: add api_config.openai.openai_api_key';
      throw new ValidationException(message, { fields: { 'api_config.openai.openai_api_key': [message] } });
    }
  }

  /** The knowledge base setup documents go to: the first one the new agents name, else the default. */
  private knowledgeBaseOf(dto: SetupCompleteDto): string {
    return dto.agents?.flatMap((a) => a.knowledge_bases ?? [])[0] ?? DEFAULT_KNOWLEDGE_BASE;
  }

  private telephonySettings(ctx: RequestContext): TelephonySettingsPort {
    return {
      get: () => this.send(TelephonySubjects.getSettings, {}, ctx),
      update: (dto) => this.send(TelephonySubjects.updateSettings, dto, ctx),
      delete: () => this.send(TelephonySubjects.deleteSettings, {}, ctx),
    };
  }

  private send<S extends Subject>(subject: S, data: RequestOf<S>, ctx: RequestContext): Promise<ResponseOf<S>> {
    return this.bus.send(subject, data, ctx, this.config.SERVICE_TIMEOUT_MS);
  }
}

function describeError(error: unknown): StepError {
  if (error instanceof DomainException) return { code: error.code, message: error.message };
  return { code: ErrorCode.Internal, message: 'internal error' };
}
