import { Injectable } from '@nestjs/common';
import { APIError } from 'openai';
import type { AiQueryDto, AiQueryResultDto, ConversationProvider, RequestContext, SearchHitDto } from '@parley/contracts';
import { ServiceUnavailableException } from '@parley/platform';
import type { AiAgentEntity } from '../agent/ai-agent.entity';
import { AiAgentService } from '../agent/ai-agent.service';
import { elapsedMs, turnLatency } from '../conversation/turn-latency';
import { OpenAIProviderNotConfiguredException } from '../engine/engine-registry';
import { AiSettingsService } from '../settings/ai-settings.service';
import { describeOpenAIError } from '../settings/openai-connection-check';
import { OpenAIClients } from '../settings/openai-clients';
import { KnowledgeSearch } from '../tools/knowledge-search';
import { answerFromKnowledge, speakable } from '../engine/local/responder/knowledge-answer';

const NO_ANSWER = "I couldn't find that in our knowledge base. A colleague can follow up with the details.";

/**
 * One question answered from the tenant's knowledge, in an agent's persona when one is named:
 * the local provider answers with the best hit's own words, openai writes an answer from the hits.
 */
@Injectable()
export class AiQueryService {
  constructor(
    private readonly knowledge: KnowledgeSearch,
    private readonly agents: AiAgentService,
    private readonly settings: AiSettingsService,
    private readonly clients: OpenAIClients,
  ) {}

  async query(dto: AiQueryDto, ctx: RequestContext): Promise<AiQueryResultDto> {
    const started = process.hrtime.bigint();
    const agent = dto.ai_agent_id ? await this.agents.find(dto.ai_agent_id, ctx) : null;
    const provider: ConversationProvider = agent?.provider ?? (await this.settings.defaultProvider(ctx));
    const searchStarted = process.hrtime.bigint();
    const hits = await this.knowledge.hits(ctx, dto.query, agent?.knowledgeBases ?? []);
    const knowledgeMs = elapsedMs(searchStarted);
    let answer: string;
    let modelMs = 0;
    if (provider === 'openai') {
      const modelStarted = process.hrtime.bigint();
      answer = await this.modelAnswer(dto, agent, hits, ctx);
      modelMs = elapsedMs(modelStarted);
    } else {
      answer = answerFromKnowledge(dto.query, hits)?.text ?? NO_ANSWER;
    }
    return {
      answer,
      provider,
      sources: hits.map((h) => ({ chunk_id: h.chunk_id, title: h.source.title, heading: h.heading, score: h.score })),
      latency: turnLatency(elapsedMs(started), { model_ms: modelMs, knowledge_ms: knowledgeMs }),
    };
  }

  private async modelAnswer(dto: AiQueryDto, agent: AiAgentEntity | null, hits: SearchHitDto[], ctx: RequestContext): Promise<string> {
    const target = await this.clients.clientFor(ctx.tenant_id as string);
    if (!target) throw new OpenAIProviderNotConfiguredException();
    const persona = agent
      ? `You are ${agent.name}${agent.role ? `, ${agent.role}` : ''}${agent.companyName ? ` at ${agent.companyName}` : ''}. Speak in a ${agent.tone} tone.${agent.instructions ? `\n${agent.instructions}` : ''}`
      : 'You are a helpful assistant for a sales and support team.';
    const sources = hits.length > 0
      ? hits.map((h, i) => `[${i + 1}] ${h.source.title}${h.heading ? ` › ${h.heading}` : ''}\n${speakable(h.content)}`).join('\n\n')
      : '(nothing relevant was found)';
    const extra = dto.context && Object.keys(dto.context).length > 0 ? `\nContext of the question: ${JSON.stringify(dto.context)}` : '';
    try {
      const completion = await target.client.chat.completions.create({
        model: agent?.model ?? target.chatModel,
        temperature: 0.2,
        messages: [
          {
            role: 'system',
            content: `${persona}\nAnswer in at most three sentences, only from the knowledge below. If it does not contain the answer, say so and offer a follow-up from a colleague.\n\nKnowledge:\n${sources}${extra}`,
          },
          { role: 'user', content: dto.query },
        ],
      });
      return completion.choices[0]?.message?.content?.trim() || (answerFromKnowledge(dto.query, hits)?.text ?? NO_ANSWER);
    } catch (error) {
      if (error instanceof APIError) {
        throw new ServiceUnavailableException('the AI provider did not answer', { provider: 'openai', ...describeOpenAIError(error) });
      }
      throw error;
    }
  }
}
