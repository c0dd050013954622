/**
 * The local conversation engine through voice-ai's NATS subjects, as the gateway and telephony ask:
 * scripted sales conversations (voice-conversation-scripts.ts: discovery, knowledge questions,
 * objections, a callback, a demo request, a hand-over, an opt-out) against one voice-ai process
 * with knowledge, leads and compliance behind it, for a tenant whose knowledge holds the demo
 * catalog and FAQ among --chunks chunks of generated help-centre text.
 *
 * Three phases:
 *  0. the engine alone in this process (local-engine-loop.ts), the scripts round-robin for
 *     --engine-duration seconds on one event loop: turns per CPU second, time per turn;
 *  then, after a warm-up, through the service:
 *  1. latency: one conversation at a time until --turns caller turns have been answered; per turn
 *     the round trip of voice-ai.call.respond seen here and the server's own latency fields
 *     (total, knowledge lookup, processing = total − model − knowledge). voice-ai keeps knowledge
 *     hits per replica (KNOWLEDGE_CACHE_TTL_MS), so the scripts are played in pairs: the first after
 *     the tenant's cached hits are dropped (a knowledge.document.ready event, as knowledge emits
 *     after an ingest), the second right after it, asking the same questions again. A lookup counts
 *     as cold when voice-ai sent knowledge.search during the turn (this process sees those requests
 *     on NATS; one turn at a time, so each is the turn's own), cached otherwise;
 *  2. throughput: --concurrency conversations back to back for --duration seconds; turns/s, and
 *     voice-ai's CPU per turn, whence the turns one core sustains (voice-ai runs on one event loop).
 * Target (the local engine's): p99 processing ≤ 10 ms per turn, over the turns that do not wait on
 * leads or compliance (a booked callback, an opt-out: their round trips count as processing); the
 * total with the knowledge lookup is printed beside it.
 * Usage: npm run bench:voice-local [-- --chunks 2000 --engine-duration 10 --turns 1000 --concurrency 8 --duration 20 --leads 20]
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import {
  KnowledgeSubjects, PERMISSIONS, VoiceAiSubjects, type AiAgentDto, type ConversationActionDto, type RequestContext, type VoiceTurnResultDto,
} from '@parley/contracts';
import { domainEvent, publishDomainEvent, TestBus } from '@parley/testing';
import { DEMO_FAQ, DEMO_PRODUCTS } from '../dev/seed-demo';
import {
  argValue, callJson, cpuDelta, machineNote, ms, percentiles, printCpu, printTable, registerOwner, runBench, startBenchPlatform,
  type Percentiles,
} from './bench-platform';
import { loadCorpus } from './knowledge-corpus';
import { runLocalEngineLoop, type EngineLoopResult } from './local-engine-loop';
import { uploadFaq, waitUntilReady } from './knowledge-bench-client';
import { CONVERSATION_SCRIPTS, type ConversationScript } from './voice-conversation-scripts';

const CHUNKS = argValue('chunks', 2_000);
const TURNS = argValue('turns', 1_000);
const CONCURRENCY = argValue('concurrency', 8);
const DURATION_S = argValue('duration', 20);
const LEADS = argValue('leads', 20);
const WARMUP_CONVERSATIONS = argValue('warmup', 20);
const ENGINE_DURATION_S = argValue('engine-duration', 10);
// voice-ai's default KNOWLEDGE_HITS: the engine grounds its answer in as many.
const KNOWLEDGE_HITS = 3;
const GATEWAY_PORT = 18400;
const TARGET_P99_PROCESSING_MS = 10;
// Generous: a turn waits for knowledge (KNOWLEDGE_TIMEOUT_MS) and for leads or compliance when it acts.
const REQUEST_TIMEOUT_MS = 15_000;

/** Actions that wait on another service (leads, compliance): their time lands in `processing`, not the engine's. */
const SERVICE_ACTIONS = new Set<ConversationActionDto['type']>(['callback_booked', 'lead_updated', 'dnc_added']);

/** One answered caller turn. */
interface TurnSample {
  roundTripMs: number;
  latency: VoiceTurnResultDto['latency'];
  knowledgeLookup: boolean;
  /** The turn booked a callback, updated the lead or listed the number as do-not-call. */
  serviceAction: boolean;
  grounded: boolean;
  /** knowledge.search requests voice-ai sent while answering (0 on a lookup: the replica's cache answered). */
  knowledgeRequests: number;
}

interface ConversationRun {
  turns: TurnSample[];
  /** Round trips of create + start, and of end (the wrap-up), ms. */
  openMs: number;
  endMs: number;
  /** The states the engine answered in, and what it did. */
  states: string[];
  actions: string[];
  endedByEngine: boolean;
}

/** Drives voice calls of one agent over NATS as the gateway does. */
class ConversationDriver {
  private sequence = 0;

  constructor(
    private readonly bus: TestBus,
    private readonly ctx: Partial<RequestContext>,
    private readonly agentId: string,
    private readonly leadIds: string[],
    /** knowledge.search requests seen on NATS so far. */
    private readonly knowledgeRequestsSeen: () => number,
  ) {}

  async run(script: ConversationScript): Promise<ConversationRun> {
    const n = this.sequence++;
    const opened = performance.now();
    const call = await this.bus.send(VoiceAiSubjects.createVoiceCall, {
      ai_agent_id: this.agentId,
      call_type: 'chat',
      purpose: 'follow up on the pricing page visit',
      // Distinct numbers so an opt-out lists a new one; 555-01xx numbers are reserved for fiction.
      phone_number: `+1415555${String(100 + (n % 100)).padStart(4, '0')}`,
      ...(script.withLead && this.leadIds.length ? { lead_id: this.leadIds[n % this.leadIds.length] } : {}),
    }, this.ctx);
    await this.bus.send(VoiceAiSubjects.startVoiceCall, { id: call.id }, this.ctx);
    const openMs = performance.now() - opened;

    const run: ConversationRun = { turns: [], openMs, endMs: 0, states: [], actions: [], endedByEngine: false };
    for (const text of script.lines) {
      const requestsBefore = this.knowledgeRequestsSeen();
      const sent = performance.now();
      const answer = await this.bus.send(VoiceAiSubjects.respondVoiceCall, { id: call.id, text }, this.ctx);
      const roundTripMs = performance.now() - sent;
      const knowledgeRequests = this.knowledgeRequestsSeen() - requestsBefore;
      run.turns.push({
        roundTripMs,
        latency: answer.latency,
        knowledgeLookup: answer.latency.knowledge_ms > 0 || answer.actions.some((action) => action.type === 'knowledge_lookup'),
        serviceAction: answer.actions.some((action) => SERVICE_ACTIONS.has(action.type)),
        grounded: answer.sources.length > 0,
        knowledgeRequests,
      });
      run.states.push(answer.conversation_state);
      run.actions.push(...answer.actions.map((action) => action.type));
      if (!answer.should_continue) {
        run.endedByEngine = true;
        break;
      }
    }
    const ending = performance.now();
    // Idempotent: a conversation the engine ended answers its stored wrap-up.
    await this.bus.send(VoiceAiSubjects.endVoiceCall, { id: call.id }, this.ctx);
    run.endMs = performance.now() - ending;
    return run;
  }
}

runBench(async () => {
  const platform = await startBenchPlatform({
    port: GATEWAY_PORT,
    services: ['knowledge', 'leads', 'compliance', 'voice-ai'],
    env: {
      'voice-ai': {
        VOICE_AI_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
        DEFAULT_CONVERSATION_PROVIDER: 'local',
        // The local engine alone: no key inherited from the shell, no Media Streams to claim.
        OPENAI_API_KEY: '',
        VOICE_MEDIA_STREAMS: 'false',
      },
      knowledge: { EMBEDDINGS_API_KEY: '', OPENAI_API_KEY: '' },
    },
  });
  const bus = await TestBus.connect(platform.infra.natsUrl, platform.iso.prefix, REQUEST_TIMEOUT_MS);
  try {
    const owner = await registerOwner(platform.baseUrl, 'voice-local');
    const ctx: Partial<RequestContext> = { tenant_id: owner.tenantId, user_id: owner.userId, roles: ['owner'], perms: [...PERMISSIONS] };

    console.log(`loading knowledge: the demo catalog and FAQ, then ~${CHUNKS} chunks of help-centre text ...`);
    for (const product of DEMO_PRODUCTS) await callJson(platform.baseUrl, 'POST', '/api/v1/knowledge/products', product, owner.token);
    const faq = await uploadFaq(platform.baseUrl, owner.token, DEMO_FAQ, 'Sales and billing FAQ', 'faq');
    await waitUntilReady(platform.baseUrl, owner.token, faq.documents.map((document) => document.id));
    const countChunks = async () =>
      Number((await platform.sql<{ count: string }>('knowledge', 'SELECT count(*) FROM chunks WHERE tenant_id = $1', [owner.tenantId]))[0].count);
    const corpus = await loadCorpus(platform.baseUrl, owner.token, CHUNKS, countChunks);
    await platform.sql('knowledge', 'VACUUM ANALYZE chunks');
    console.log(`knowledge: ${corpus.chunks} chunks in ${corpus.documents} documents and ${corpus.products + DEMO_PRODUCTS.length} products, loaded in ${corpus.loadS.toFixed(1)} s`);

    console.log(`phase 0: the local engine alone in this process for ${ENGINE_DURATION_S} s ...`);
    const engineOnly = await runLocalEngineLoop(CONVERSATION_SCRIPTS, ENGINE_DURATION_S, async (query) =>
      (await bus.send(KnowledgeSubjects.search, { query, limit: KNOWLEDGE_HITS }, ctx)).hits);

    const leadIds: string[] = [];
    for (let i = 0; i < LEADS; i++) {
      const lead = await callJson<{ id: string }>(platform.baseUrl, 'POST', '/api/v1/leads', {
        name: `Bench Lead ${i + 1}`, email: `lead${i + 1}@bench.example`, phone: `+1212555${String(100 + i).padStart(4, '0')}`,
        company: `Company ${i + 1}`, source: 'website',
      }, owner.token);
      leadIds.push(lead.id);
    }
    const agent: AiAgentDto = await bus.send(VoiceAiSubjects.createAgent, {
      name: 'Ava', role: 'sales', company_name: 'Demo Company', tone: 'friendly', provider: 'local',
      channels: ['phone', 'chat', 'web'],
      tools: ['lookup_knowledge', 'book_callback', 'update_lead', 'transfer_to_human', 'end_call'],
      extraction_fields: [
        { name: 'team_size', type: 'number' }, { name: 'budget', type: 'number' }, { name: 'decision_maker', type: 'boolean' },
      ],
    }, ctx);
    await bus.send(VoiceAiSubjects.activateAgent, { id: agent.id }, ctx);
    // Every knowledge.search voice-ai sends (a plain subscription sees each request beside knowledge's queue group); the
    // callback runs as the message is read, before the respond reply that follows it on this connection.
    let knowledgeRequestsSeen = 0;
    const searches = bus.nc.subscribe(`${platform.iso.prefix}${KnowledgeSubjects.search}`, { callback: () => { knowledgeRequestsSeen++; } });
    await bus.nc.flush();
    const driver = new ConversationDriver(bus, ctx, agent.id, leadIds, () => knowledgeRequestsSeen);
    const dropCachedKnowledge = () => publishDomainEvent(bus.nc, platform.iso.prefix, domainEvent('knowledge.document.ready', owner.tenantId, {
      document_id: randomUUID(), title: 'bench: cache drop', type: 'faq', knowledge_base: 'faq', category: null, chunk_count: 0, page_count: null,
    }));

    // Warm-up: JIT, connection pools, knowledge's caches; nothing kept.
    for (let i = 0; i < WARMUP_CONVERSATIONS; i++) await driver.run(CONVERSATION_SCRIPTS[i % CONVERSATION_SCRIPTS.length]);

    console.log(`phase 1: one conversation at a time until ${TURNS} caller turns ...`);
    const sequential: ConversationRun[] = [];
    const latencyCpuBefore = platform.cpuSeconds();
    const latencyStarted = performance.now();
    for (let i = 0; sequential.reduce((sum, run) => sum + run.turns.length, 0) < TURNS; i++) {
      // Each script twice: first with the cache emptied (the drop lands while the call is created and started), then with its questions cached.
      if (i % 2 === 0) await dropCachedKnowledge();
      sequential.push(await driver.run(CONVERSATION_SCRIPTS[Math.floor(i / 2) % CONVERSATION_SCRIPTS.length]));
    }
    const latencyWallS = (performance.now() - latencyStarted) / 1000;
    const latencyCpu = cpuDelta(latencyCpuBefore, platform.cpuSeconds());

    console.log(`phase 2: ${CONCURRENCY} conversations at a time for ${DURATION_S} s ...`);
    const loaded: ConversationRun[] = [];
    const loadRequestsBefore = knowledgeRequestsSeen;
    const loadCpuBefore = platform.cpuSeconds();
    const loadStarted = performance.now();
    const until = loadStarted + DURATION_S * 1000;
    let next = 0;
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) loaded.push(await driver.run(CONVERSATION_SCRIPTS[next++ % CONVERSATION_SCRIPTS.length]));
    }));
    const loadWallS = (performance.now() - loadStarted) / 1000;
    const loadCpu = cpuDelta(loadCpuBefore, platform.cpuSeconds());
    const loadKnowledgeRequests = knowledgeRequestsSeen - loadRequestsBefore;
    searches.unsubscribe();

    reportEngine(engineOnly);
    report(sequential, latencyWallS, latencyCpu, loaded, loadWallS, loadCpu, loadKnowledgeRequests, corpus.chunks);
    const engineP99 = percentiles(engineOnly.latencies).p99;
    console.log(`target: p99 of the engine alone ≤ ${TARGET_P99_PROCESSING_MS} ms a turn → ${ms(engineP99)} ms: ${engineP99 <= TARGET_P99_PROCESSING_MS ? 'met' : 'NOT met'}`);
  } finally {
    await bus.close();
    await platform.close();
  }
});

function reportEngine(result: EngineLoopResult): void {
  const p = percentiles(result.latencies);
  const cpuMsPerTurn = result.cpuMs / result.turns;
  console.log(`\n=== the local engine alone (this process, one event loop, knowledge from cached real hits): ${result.turns} turns in ${(result.wallMs / 1000).toFixed(1)} s ===`);
  console.log(`CPU ${ms(cpuMsPerTurn)} ms a turn (open and wrap-up included) → ${(1000 / cpuMsPerTurn).toFixed(0)} turns/s on one core; ${(result.turns / (result.wallMs / 1000)).toFixed(0)} turns/s of wall time`
    + `${result.knowledgeMisses ? `; ${result.knowledgeMisses} knowledge queries fetched during the run` : ''}`);
  printTable([
    ['engine.respond (ms)', 'n', 'p50', 'p95', 'p99', 'max'],
    ['per caller turn', p.n, ms(p.p50), ms(p.p95), ms(p.p99), ms(p.max)],
  ]);
}

function report(
  sequential: ConversationRun[], latencyWallS: number, latencyCpu: Record<string, number>,
  loaded: ConversationRun[], loadWallS: number, loadCpu: Record<string, number>, loadKnowledgeRequests: number,
  chunks: number,
): void {
  const turns = sequential.flatMap((run) => run.turns);
  const withKnowledge = turns.filter((turn) => turn.knowledgeLookup && !turn.serviceAction);
  const cold = withKnowledge.filter((turn) => turn.knowledgeRequests > 0);
  const cached = withKnowledge.filter((turn) => turn.knowledgeRequests === 0);
  const acting = turns.filter((turn) => turn.serviceAction);
  const plain = turns.filter((turn) => !turn.knowledgeLookup && !turn.serviceAction);
  // The engine's own work: every turn that did not wait on leads or compliance.
  const engineOnly = turns.filter((turn) => !turn.serviceAction);
  const row = (label: string, p: Percentiles) => [label, p.n, ms(p.p50), ms(p.p95), ms(p.p99), ms(p.max)];

  console.log(`\n=== voice-ai, local engine: ${sequential.length} conversations, ${turns.length} caller turns one at a time; knowledge ${chunks} chunks; ${machineNote()} ===`);
  printTable([
    ['per caller turn (ms)', 'n', 'p50', 'p95', 'p99', 'max'],
    row('all turns: round trip of voice-ai.call.respond (here)', percentiles(turns.map((t) => t.roundTripMs))),
    row('  server total (the engine\'s respond, tools included)', percentiles(turns.map((t) => t.latency.total_ms))),
    row('turns with a knowledge lookup: round trip', percentiles(withKnowledge.map((t) => t.roundTripMs))),
    row('  server total', percentiles(withKnowledge.map((t) => t.latency.total_ms))),
    row('  knowledge lookup', percentiles(withKnowledge.map((t) => t.latency.knowledge_ms))),
    row('  processing (total − knowledge)', percentiles(withKnowledge.map((t) => t.latency.processing_ms))),
    row('  cold lookup (sent to knowledge): round trip', percentiles(cold.map((t) => t.roundTripMs))),
    row('    server total', percentiles(cold.map((t) => t.latency.total_ms))),
    row('    knowledge lookup', percentiles(cold.map((t) => t.latency.knowledge_ms))),
    row('  cached lookup (this replica\'s hits): round trip', percentiles(cached.map((t) => t.roundTripMs))),
    row('    server total', percentiles(cached.map((t) => t.latency.total_ms))),
    row('    knowledge lookup', percentiles(cached.map((t) => t.latency.knowledge_ms))),
    row('turns acting through leads/compliance: round trip', percentiles(acting.map((t) => t.roundTripMs))),
    row('  server total', percentiles(acting.map((t) => t.latency.total_ms))),
    row('other turns: round trip', percentiles(plain.map((t) => t.roundTripMs))),
    row('  server total', percentiles(plain.map((t) => t.latency.total_ms))),
    row('engine processing, turns not waiting on leads/compliance', percentiles(engineOnly.map((t) => t.latency.processing_ms))),
    row('create + start a conversation (round trips)', percentiles(sequential.map((run) => run.openMs))),
    row('end a conversation: wrap-up (round trip)', percentiles(sequential.map((run) => run.endMs))),
  ]);
  const lookups = turns.filter((turn) => turn.knowledgeLookup);
  const grounded = lookups.filter((turn) => turn.grounded).length;
  const actions = countBy(sequential.flatMap((run) => run.actions));
  const reached = countBy(sequential.map((run) => run.states.at(-1) ?? 'none'));
  const lookupsSent = lookups.filter((turn) => turn.knowledgeRequests > 0).length;
  console.log(`\nknowledge lookups: ${lookups.length} of ${turns.length} turns, ${grounded} answered from a hit, ${lookupsSent} sent to knowledge and ${lookups.length - lookupsSent} answered from voice-ai's cache`
    + ` (each script played twice in a row, the first time with the cache dropped); turns acting through leads/compliance: ${acting.length}`);
  console.log(`actions taken: ${Object.entries(actions).map(([type, count]) => `${type} ${count}`).join(', ') || 'none'}`);
  console.log(`last state of each conversation: ${Object.entries(reached).map(([state, count]) => `${state} ${count}`).join(', ')}; ended by the engine: ${sequential.filter((run) => run.endedByEngine).length} of ${sequential.length}`);
  printCpu(latencyCpu, turns.length, latencyWallS, 'caller turn');

  const loadTurns = loaded.flatMap((run) => run.turns);
  const voiceAiCpuS = loadCpu['voice-ai'] ?? 0;
  const cpuMsPerTurn = loadTurns.length ? (voiceAiCpuS * 1000) / loadTurns.length : NaN;
  console.log(`\n=== throughput: ${CONCURRENCY} conversations at a time for ${loadWallS.toFixed(1)} s ===`);
  const loadLookups = loadTurns.filter((t) => t.knowledgeLookup).length;
  console.log(`${loaded.length} conversations, ${loadTurns.length} caller turns: ${(loadTurns.length / loadWallS).toFixed(0)} turns/s on this machine`);
  console.log(`knowledge: ${loadLookups} lookups, ${loadKnowledgeRequests} knowledge.search requests sent (the rest answered from voice-ai's cache, no drops in this phase)`);
  console.log(`voice-ai CPU: ${voiceAiCpuS.toFixed(2)} s = ${ms(cpuMsPerTurn)} ms a turn (conversation create/start/end included) → ${(1000 / cpuMsPerTurn).toFixed(0)} turns/s on one core`);
  printTable([
    ['under load (ms)', 'n', 'p50', 'p95', 'p99', 'max'],
    row('round trip of voice-ai.call.respond', percentiles(loadTurns.map((t) => t.roundTripMs))),
    row('  server total', percentiles(loadTurns.map((t) => t.latency.total_ms))),
    row('  knowledge lookup (turns with one, cached or not)', percentiles(loadTurns.filter((t) => t.knowledgeLookup).map((t) => t.latency.knowledge_ms))),
    row('  engine processing (turns not waiting on leads/compliance)', percentiles(loadTurns.filter((t) => !t.serviceAction).map((t) => t.latency.processing_ms))),
  ]);
  printCpu(loadCpu, loadTurns.length, loadWallS, 'caller turn');

  const processingP99 = percentiles(engineOnly.map((t) => t.latency.processing_ms)).p99;
  const engineTotalP99 = percentiles(engineOnly.map((t) => t.latency.total_ms)).p99;
  const knowledgeTotalP99 = percentiles(withKnowledge.map((t) => t.latency.total_ms)).p99;
  const coldTotalP99 = percentiles(cold.map((t) => t.latency.total_ms)).p99;
  const cachedTotalP99 = percentiles(cached.map((t) => t.latency.total_ms)).p99;
  console.log(`\ntarget: p99 engine processing ≤ ${TARGET_P99_PROCESSING_MS} ms a turn → ${ms(processingP99)} ms: ${processingP99 <= TARGET_P99_PROCESSING_MS ? 'met' : 'NOT met'}`
    + `; p99 server total with the knowledge lookup ${ms(engineTotalP99)} ms (${ms(knowledgeTotalP99)} ms on the turns that looked something up:`
    + ` ${ms(coldTotalP99)} ms cold, ${ms(cachedTotalP99)} ms cached)`);
}

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
