import { performance } from 'node:perf_hooks';
import type { AiAgentTool, ConversationActionDto, GroundingSourceDto, SearchHitDto } from '@parley/contracts';
import { DomainException } from '@parley/platform';
import type { ConversationTools } from '../conversation-engine';
import { allowedTools, END_CALL_REASONS, type EndCallReason } from './agent-tool-definitions';

/** One function call as the model made it (chat completions and the Realtime API alike). */
export interface AgentToolCall {
  name: string;
  /** The JSON text the model produced. */
  arguments: string;
}

/** What running a tool call did, and what the model is told about it. */
export interface AgentToolResult {
  /** The function output handed back to the model (JSON text). */
  output: string;
  actions: ConversationActionDto[];
  sources: GroundingSourceDto[];
  knowledgeMs: number;
  /** The conversation is over once the model has said its last words (transfer, end_call). */
  ends: boolean;
  /** How the conversation ended, for its memory (null: this call says nothing about it). */
  outcome: string | null;
  /** Facts for the conversation's memory, e.g. callback_at. */
  slots: Record<string, string>;
}

export interface AgentToolRunnerOptions {
  allowed: readonly AiAgentTool[];
  /** What a human taking over should know, built when a transfer happens. */
  summary: () => string;
  now: () => Date;
  /** The caller's time zone: a booked time is confirmed in it. */
  timezone: string;
  /** Characters of a knowledge hit handed to the model. */
  hitChars?: number;
}

const DEFAULT_HIT_CHARS = 1200;
/** A callback a minute in the past is a model's rounding, not a wish to travel back in time. */
const PAST_TOLERANCE_MS = 60_000;

/**
 * Runs the model's function calls through the conversation's tools. A failure of another service
 * (knowledge, leads, telephony down) is told to the model so it can say so; an opt-out that cannot
 * be recorded is not: it fails the turn, as a DNC request must never be lost silently.
 */
export class AgentToolRunner {
  private readonly allowed: Set<AiAgentTool>;

  constructor(
    private readonly tools: ConversationTools,
    private readonly options: AgentToolRunnerOptions,
  ) {
    this.allowed = new Set(allowedTools(options.allowed));
  }

  async run(call: AgentToolCall): Promise<AgentToolResult> {
    if (!this.allowed.has(call.name as AiAgentTool)) return failed(`unknown tool ${call.name}`);
    let args: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(call.arguments || '{}');
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return failed('the arguments must be a JSON object');
      args = parsed as Record<string, unknown>;
    } catch {
      return failed('the arguments were not valid JSON');
    }
    try {
      return await this.dispatch(call.name as AiAgentTool, args);
    } catch (error) {
      if (error instanceof DomainException && !(call.name === 'end_call' && args['reason'] === 'opt_out')) {
        return failed(`${call.name} did not work: ${error.message}`);
      }
      throw error;
    }
  }

  private dispatch(name: AiAgentTool, args: Record<string, unknown>): Promise<AgentToolResult> {
    switch (name) {
      case 'lookup_knowledge':
        return this.lookup(text(args['query']));
      case 'book_callback':
        return this.bookCallback(text(args['when']), text(args['note']));
      case 'update_lead':
        return this.updateLead(args);
      case 'transfer_to_human':
        return this.transfer(text(args['reason']) || 'the caller asked for a person');
      case 'end_call':
        return this.endCall(text(args['reason']));
    }
  }

  private async lookup(query: string): Promise<AgentToolResult> {
    if (!query) return failed('query is empty');
    const started = performance.now();
    const hits = await this.tools.searchKnowledge(query);
    const knowledgeMs = performance.now() - started;
    const limit = this.options.hitChars ?? DEFAULT_HIT_CHARS;
    const output = hits.length === 0
      ? { message: 'Nothing in the knowledge base answers this. Do not guess: offer that a colleague follows up.', found: false }
      : { results: hits.map((hit) => ({ content: trimmed(hit.content, limit), title: hit.source.title, heading: hit.heading })), found: true };
    return {
      ...nothing(), output: JSON.stringify(output), knowledgeMs,
      actions: [{ type: 'knowledge_lookup', query, hits: hits.length }],
      sources: hits.map(groundingSource),
    };
  }

  private async bookCallback(when: string, note: string): Promise<AgentToolResult> {
    const at = new Date(when);
    if (!when || Number.isNaN(at.getTime())) return failed('"when" is not an ISO 8601 time: ask the caller for a day and time');
    if (at.getTime() < this.options.now().getTime() - PAST_TOLERANCE_MS) return failed('that time is in the past: ask the caller for another time');
    const action = await this.tools.bookCallback(at, note || 'call back as agreed');
    return {
      ...nothing(), actions: [action], outcome: 'callback_booked', slots: { callback_at: at.toISOString() },
      output: JSON.stringify({ message: `Booked for ${spokenTime(at, this.options.timezone)}.`, callback_at: at.toISOString() }),
    };
  }

  private async updateLead(args: Record<string, unknown>): Promise<AgentToolResult> {
    const fields: { status?: string; notes?: string } = {};
    if (typeof args['status'] === 'string' && args['status']) fields.status = args['status'];
    if (typeof args['notes'] === 'string' && args['notes'].trim()) fields.notes = args['notes'].trim();
    if (!fields.status && !fields.notes) return failed('nothing to update: give a status or notes');
    const action = await this.tools.updateLead(fields);
    return { ...nothing(), actions: [action], output: JSON.stringify({ message: `Saved the lead's ${Object.keys(fields).join(' and ')}.` }) };
  }

  private async transfer(reason: string): Promise<AgentToolResult> {
    const action = await this.tools.transferToHuman(reason, this.options.summary());
    return {
      ...nothing(), actions: [action], ends: true, outcome: 'transferred',
      output: JSON.stringify({ message: 'Tell the caller in one short sentence that a colleague takes over now.', transferring: true }),
    };
  }

  private async endCall(given: string): Promise<AgentToolResult> {
    const reason: EndCallReason = (END_CALL_REASONS as readonly string[]).includes(given) ? (given as EndCallReason) : 'other';
    const actions: ConversationActionDto[] = [];
    if (reason === 'opt_out') actions.push(await this.tools.optOut('the caller asked not to be called again'));
    actions.push(await this.tools.endCall(reason));
    return {
      ...nothing(), actions, ends: true, outcome: OUTCOME_OF_END[reason],
      output: JSON.stringify({
        message: reason === 'opt_out'
          ? 'The number is on the do-not-call list. Confirm that in one short sentence and say goodbye.'
          : 'Say a short, polite goodbye.',
        ended: true,
      }),
    };
  }
}

const OUTCOME_OF_END: Record<EndCallReason, string | null> = {
  opt_out: 'opted_out', not_interested: 'not_interested', wrong_person: 'wrong_person', voicemail: 'voicemail', completed: null, other: null,
};

function nothing(): AgentToolResult {
  return { output: '', actions: [], sources: [], knowledgeMs: 0, ends: false, outcome: null, slots: {} };
}

function failed(message: string): AgentToolResult {
  return { ...nothing(), output: JSON.stringify({ error: message }) };
}

function spokenTime(at: Date, timezone: string): string {
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'full', timeStyle: 'short', timeZone: timezone }).format(at);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

function trimmed(content: string, limit: number): string {
  const flat = content.replace(/\s+/g, ' ').trim();
  return flat.length <= limit ? flat : `${flat.slice(0, limit).replace(/\s+\S*$/, '')}…`;
}

export function groundingSource(hit: SearchHitDto): GroundingSourceDto {
  return { chunk_id: hit.chunk_id, title: hit.source.title, heading: hit.heading, score: hit.score };
}
