/**
 * voice-ai's local engine alone, in the benchmark's own process: the scripted conversations turn
 * after turn on one event loop, with no database, NATS or other service in the way. Knowledge is
 * answered from real hits fetched once per query (the lookup's own time is measured through the
 * service); callbacks, lead updates, opt-outs and transfers answer at once. What is left is the
 * engine's work per turn: understanding, policy, grounding and wording.
 */
import { performance } from 'node:perf_hooks';
import type { ConversationActionDto, SearchHitDto } from '@parley/contracts';
import type { AgentProfile, ConversationContext, ConversationTools, LeadFacts } from '../../apps/voice-ai/src/engine/conversation-engine';
import { newConversationMemory } from '../../apps/voice-ai/src/engine/conversation-memory';
import { LocalConversationEngine } from '../../apps/voice-ai/src/engine/local/local-conversation-engine';
import type { ConversationScript } from './voice-conversation-scripts';

export interface EngineLoopResult {
  turns: number;
  /** Wall time of each engine.respond, ms. */
  latencies: number[];
  /** CPU of this process over the loop, ms (the loop is all it runs). */
  cpuMs: number;
  wallMs: number;
  /** Queries the cache had to fetch during the timed loop (0 after the priming pass). */
  knowledgeMisses: number;
}

const TIMEZONE = 'America/New_York';

const AGENT: AgentProfile = {
  id: '00000000-0000-4000-8000-00000000a9e1',
  name: 'Ava',
  role: 'sales',
  instructions: null,
  greeting: 'Thanks for calling {company}, this is {agent_name}. How can I help you today?',
  companyName: 'Demo Company',
  tone: 'friendly',
  knowledgeBases: [],
  tools: ['lookup_knowledge', 'book_callback', 'update_lead', 'transfer_to_human', 'end_call'],
  extractionFields: [{ name: 'team_size', type: 'number' }, { name: 'budget', type: 'number' }, { name: 'decision_maker', type: 'boolean' }],
  model: null,
  language: 'en-US',
};

const LEAD: LeadFacts = {
  id: '00000000-0000-4000-8000-00000000a9e2', name: 'Maria Lopez', company: 'Northwind Traders', title: 'VP of Sales', industry: 'Retail',
  phone: '+14155550101', email: 'maria@northwind.example', status: 'new', score: 0.5,
};

/** The conversation's tools, acting at once; knowledge from a cache of real hits. */
class CachedKnowledgeTools implements ConversationTools {
  misses = 0;

  constructor(
    private readonly cache: Map<string, SearchHitDto[]>,
    private readonly fetchHits: (query: string) => Promise<SearchHitDto[]>,
    private readonly leadId: string | null,
  ) {}

  async searchKnowledge(query: string): Promise<SearchHitDto[]> {
    const cached = this.cache.get(query);
    if (cached) return cached;
    this.misses++;
    const hits = await this.fetchHits(query);
    this.cache.set(query, hits);
    return hits;
  }

  async bookCallback(at: Date): Promise<ConversationActionDto> {
    return { type: 'callback_booked', callback_at: at.toISOString(), timezone: TIMEZONE, lead_id: this.leadId };
  }

  async updateLead(fields: Record<string, unknown>): Promise<ConversationActionDto> {
    return { type: 'lead_updated', lead_id: this.leadId ?? '', fields: Object.keys(fields) };
  }

  async optOut(): Promise<ConversationActionDto> {
    return { type: 'dnc_added', phone_number: LEAD.phone as string };
  }

  async transferToHuman(reason: string): Promise<ConversationActionDto> {
    return { type: 'transfer_requested', reason, escalation_id: null };
  }

  async endCall(reason: string): Promise<ConversationActionDto> {
    return { type: 'call_ended', reason };
  }
}

/**
 * Plays every script once untimed (which fills the knowledge cache through `fetchHits`), then
 * plays them round-robin for `durationS` seconds, timing each turn.
 */
export async function runLocalEngineLoop(
  scripts: readonly ConversationScript[], durationS: number, fetchHits: (query: string) => Promise<SearchHitDto[]>,
): Promise<EngineLoopResult> {
  const engine = new LocalConversationEngine();
  const cache = new Map<string, SearchHitDto[]>();
  for (const script of scripts) await converse(engine, script, cache, fetchHits, null);

  const latencies: number[] = [];
  let misses = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const until = started + durationS * 1000;
  for (let i = 0; performance.now() < until; i++) {
    misses += await converse(engine, scripts[i % scripts.length], cache, fetchHits, latencies);
  }
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return { turns: latencies.length, latencies, cpuMs: (cpu.user + cpu.system) / 1000, wallMs, knowledgeMisses: misses };
}

/** One conversation: open, the script's lines until the engine ends it, wrap-up; answers the knowledge cache's misses. */
async function converse(
  engine: LocalConversationEngine, script: ConversationScript, cache: Map<string, SearchHitDto[]>,
  fetchHits: (query: string) => Promise<SearchHitDto[]>, latencies: number[] | null,
): Promise<number> {
  const lead = script.withLead ? LEAD : null;
  const tools = new CachedKnowledgeTools(cache, fetchHits, lead?.id ?? null);
  let ctx: ConversationContext = {
    voiceCallId: '00000000-0000-4000-8000-00000000a9e3', tenantId: '00000000-0000-4000-8000-00000000a9e4', agent: AGENT, lead,
    purpose: 'follow up on the pricing page visit', channel: 'chat', remoteNumber: LEAD.phone, memory: newConversationMemory(), history: [],
    now: new Date(), timezone: TIMEZONE,
  };
  const opening = await engine.open(ctx);
  ctx = { ...ctx, memory: opening.memory, history: [{ speaker: 'ai', text: opening.reply }] };
  const responseTimes: number[] = [];
  for (const text of script.lines) {
    const started = performance.now();
    const turn = await engine.respond(ctx, text, tools);
    const elapsed = performance.now() - started;
    responseTimes.push(elapsed);
    latencies?.push(elapsed);
    ctx = { ...ctx, memory: turn.memory, history: [...ctx.history, { speaker: 'caller', text }, { speaker: 'ai', text: turn.reply }] };
    if (!turn.shouldContinue) break;
  }
  await engine.wrapUp(ctx, 60, responseTimes);
  return tools.misses;
}
