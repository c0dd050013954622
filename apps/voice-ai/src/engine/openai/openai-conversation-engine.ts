import { performance } from 'node:perf_hooks';
import type OpenAI from 'openai';
import type { ChatCompletionCreateParamsStreaming, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { ConversationActionDto, GroundingSourceDto } from '@parley/contracts';
import type {
  ConversationContext, ConversationEngine, ConversationTools, EngineOpening, EngineTurn, EngineWrapUp, TurnTiming,
} from '../conversation-engine';
import { wrapUpConversation } from '../summary/conversation-wrap-up';
import { chatCompletionTools } from './agent-tool-definitions';
import { AgentToolRunner } from './agent-tool-runner';
import { readChatStream, type StreamedCompletion } from './chat-stream-reader';
import { conversationInstructions, conversationMessages, fillGreeting, handoverSummary, transcriptText } from './conversation-prompt';
import { extractionFormat, parseExtraction } from './extraction-format';
import { parseTurnAnswer, TURN_ANSWER_FORMAT, type TurnAnswer } from './turn-answer';
import { rememberTurn } from './turn-memory';

export interface OpenAIConversationEngineOptions {
  /** The tenant's client (its key and base URL: OpenAI, Azure, Ollama, vLLM…). */
  client: OpenAI;
  /** Used when the agent names no model. */
  chatModel: string;
  now?: () => Date;
}

/** Tool rounds per caller turn before the model must answer in words. */
const MAX_TOOL_ROUNDS = 3;
/** Said when a model answers with nothing at all, so the caller is never met with silence. */
const EMPTY_ANSWER = 'Sorry, could you say that once more?';

/**
 * The `openai` provider: each caller turn is a streamed chat completion that may call the agent's
 * tools (run through ConversationTools and fed back, up to three rounds) and ends in a structured
 * answer carrying the reply and the same analysis fields the local engine produces.
 */
export class OpenAIConversationEngine implements ConversationEngine {
  readonly provider = 'openai' as const;
  private readonly client: OpenAI;
  private readonly chatModel: string;
  private readonly now: () => Date;

  constructor(options: OpenAIConversationEngineOptions) {
    this.client = options.client;
    this.chatModel = options.chatModel;
    this.now = options.now ?? (() => new Date());
  }

  async open(ctx: ConversationContext): Promise<EngineOpening> {
    if (ctx.agent.greeting.trim()) {
      return { reply: fillGreeting(ctx.agent.greeting, ctx), memory: ctx.memory, timing: { model_ms: 0, knowledge_ms: 0 } };
    }
    const timing = { model_ms: 0, knowledge_ms: 0 };
    const reply = await this.say(ctx, timing,
      '(The call has just connected. Say your opening line: greet the caller by name if you know it, introduce yourself and ' +
        'the reason for the call in one or two short sentences, and end with a question.)');
    return { reply, memory: ctx.memory, timing };
  }

  async respond(ctx: ConversationContext, callerText: string, tools: ConversationTools): Promise<EngineTurn> {
    const timing: TurnTiming = { model_ms: 0, knowledge_ms: 0 };
    const runner = new AgentToolRunner(tools, {
      allowed: ctx.agent.tools, summary: () => handoverSummary(ctx, callerText), now: () => this.now(), timezone: ctx.timezone,
    });
    const messages = conversationMessages(ctx, callerText);
    const offered = chatCompletionTools(ctx.agent.tools);
    const actions: ConversationActionDto[] = [];
    const sources: GroundingSourceDto[] = [];
    const slots: Record<string, string> = {};
    let ended = false;
    let outcome: string | null = null;
    let answer: TurnAnswer | null = null;
    for (let round = 0; answer === null; round++) {
      const lastRound = round >= MAX_TOOL_ROUNDS;
      const completion = await this.stream(ctx, messages, timing, offered.length === 0 ? {} : { tools: offered, tool_choice: lastRound ? 'none' : 'auto' });
      if (completion.toolCalls.length === 0 || lastRound) {
        answer = parseTurnAnswer(completion.content || completion.refusal || '');
        break;
      }
      messages.push({
        role: 'assistant',
        content: completion.content || null,
        tool_calls: completion.toolCalls.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } })),
      });
      for (const call of completion.toolCalls) {
        const result = await runner.run(call);
        timing.knowledge_ms += result.knowledgeMs;
        actions.push(...result.actions);
        sources.push(...result.sources.filter((source) => !sources.some((known) => known.chunk_id === source.chunk_id)));
        Object.assign(slots, result.slots);
        ended ||= result.ends;
        outcome = result.outcome ?? outcome;
        messages.push({ role: 'tool', tool_call_id: call.id, content: result.output });
      }
    }
    // An opt-out is honoured even when the model answered without calling end_call (or may not call it).
    if (answer.analysis.intent === 'opt_out' && !actions.some((action) => action.type === 'dnc_added')) {
      actions.push(await tools.optOut('the caller asked not to be called again'));
      ended = true;
      outcome = 'opted_out';
    }
    const memory = rememberTurn(ctx.memory, { callerText, analysis: answer.analysis, state: answer.state, ended, outcome, slots });
    return {
      reply: answer.reply || EMPTY_ANSWER,
      analysis: answer.analysis,
      memory,
      shouldContinue: memory.state !== 'ended',
      actions,
      sources,
      timing: { model_ms: round1(timing.model_ms), knowledge_ms: round1(timing.knowledge_ms) },
    };
  }

  async voicemail(ctx: ConversationContext): Promise<string> {
    return this.say(ctx, { model_ms: 0, knowledge_ms: 0 },
      '(An answering machine picked up. Say the voicemail message you leave: who you are, why you called, and ask for a call ' +
        'back, in at most three short sentences. Say only the message.)');
  }

  async wrapUp(ctx: ConversationContext, durationSeconds: number, responseTimesMs: number[]): Promise<EngineWrapUp> {
    const timing: TurnTiming = { model_ms: 0, knowledge_ms: 0 };
    const fields = ctx.agent.extractionFields;
    let extracted: Record<string, unknown> = {};
    if (fields.length > 0 && ctx.history.length > 0) {
      const started = performance.now();
      const completion = await this.client.chat.completions.create({
        model: this.modelOf(ctx),
        messages: [
          {
            role: 'system',
            content: `Read this conversation between ${ctx.agent.name} (the agent) and a caller, and extract the facts asked for. ` +
              `Use only what was said; null where it was not. The conversation happened on ${ctx.now.toISOString()} (time zone ${ctx.timezone}).`,
          },
          { role: 'user', content: transcriptText(ctx) },
        ],
        response_format: extractionFormat(fields),
      });
      timing.model_ms += performance.now() - started;
      extracted = parseExtraction(fields, completion.choices[0]?.message.content ?? '');
    }
    const wrapUp = wrapUpConversation(ctx, durationSeconds, responseTimesMs, extracted);
    return { ...wrapUp, timing: { model_ms: round1(timing.model_ms), knowledge_ms: 0 } };
  }

  /** One streamed completion in the turn's schema; its whole duration counts as model time. */
  private async stream(
    ctx: ConversationContext,
    messages: ChatCompletionMessageParam[],
    timing: TurnTiming,
    tools: Pick<ChatCompletionCreateParamsStreaming, 'tools' | 'tool_choice'>,
  ): Promise<StreamedCompletion> {
    const started = performance.now();
    try {
      const stream = await this.client.chat.completions.create({
        model: this.modelOf(ctx), messages, stream: true, response_format: TURN_ANSWER_FORMAT, ...tools,
      });
      return await readChatStream(stream, started);
    } finally {
      timing.model_ms += performance.now() - started;
    }
  }

  /** A plain spoken line (opening, voicemail) from the agent's instructions and a stage direction. */
  private async say(ctx: ConversationContext, timing: TurnTiming, direction: string): Promise<string> {
    const started = performance.now();
    try {
      const completion = await this.client.chat.completions.create({
        model: this.modelOf(ctx),
        messages: [{ role: 'system', content: conversationInstructions(ctx, 'spoken') }, { role: 'user', content: direction }],
      });
      return (completion.choices[0]?.message.content ?? '').trim() || fillGreeting('Hi {lead_name}, this is {agent_name} from {company}.', ctx);
    } finally {
      timing.model_ms += performance.now() - started;
    }
  }

  private modelOf(ctx: ConversationContext): string {
    return ctx.agent.model ?? this.chatModel;
  }
}

function round1(ms: number): number {
  return Math.round(ms * 10) / 10;
}
