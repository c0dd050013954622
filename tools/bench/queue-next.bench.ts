/**
 * GET /api/v1/queue/next with 50 agents of one tenant asking at once, on 100,000 leads: each agent
 * its own login and keep-alive connection, asking again as soon as it has an answer, for N seconds.
 * Then the same agents each asking once per --interval ms. Prints p50/p95/p99 and req/s (client
 * and gateway-logged), CPU per request by process, and checks the claims: no lead may be handed
 * to a second agent while the first one's claim is live (expected duplicates: 0).
 * Target: p99 ≤ 25 ms. Usage: npm run bench:queue-next [-- --duration 10 --agents 50 --interval 1000]
 */
import { generateLeadsCsv } from './leads-csv-generator';
import {
  addMember, argValue, callJson, workerLoad, cpuDelta, importCsv, printCpu, machineNote, ms, percentiles, printTable, registerOwner,
  runBench, sequentialLatency, startBenchPlatform, type Account,
} from './bench-platform';

const ROWS = argValue('rows', 100_000);
const AGENTS = argValue('agents', 50);
const DURATION_S = argValue('duration', 10);
const INTERVAL_MS = argValue('interval', 1000);
const TARGET_P99_MS = 25;
const NEXT = '/api/v1/queue/next';

interface QueueNextAnswer {
  lead: { id: string } | null;
  claimed_at: string | null;
  claim_expires_at: string | null;
}

interface HandOut {
  agent: number;
  claimedAt: number;
  expiresAt: number;
}

runBench(async () => {
  const platform = await startBenchPlatform({ port: 18320, services: ['identity', 'leads'] });
  try {
    const owner = await registerOwner(platform.baseUrl, 'queue');
    const loaded = await importCsv(platform.baseUrl, owner.token, generateLeadsCsv(ROWS).csv);
    await platform.sql('leads', 'ANALYZE leads');

    // The owner and 49 agents: a few at a time, registration hashes passwords.
    const agents: Account[] = [owner];
    while (agents.length < AGENTS) {
      const batch = Math.min(5, AGENTS - agents.length);
      agents.push(...(await Promise.all(Array.from({ length: batch }, (_, i) => addMember(platform.baseUrl, owner, 'agent', `agent${agents.length + i}`)))));
    }
    // Every agent ready; the queue learns presence from identity's events, so wait until it has them all.
    await Promise.all(agents.map((a) => callJson(platform.baseUrl, 'POST', '/api/v1/queue/agent/status', { status: 'ready' }, a.token)));
    const activeAgents = await waitForActiveAgents(platform.baseUrl, owner.token, AGENTS);

    const handOuts = new Map<string, HandOut[]>();
    let empty = 0;
    const record = (agent: number, body: string) => {
      const answer = JSON.parse(body) as QueueNextAnswer;
      if (!answer.lead) {
        empty += 1;
        return;
      }
      const list = handOuts.get(answer.lead.id) ?? [];
      list.push({ agent, claimedAt: Date.parse(answer.claimed_at ?? ''), expiresAt: Date.parse(answer.claim_expires_at ?? '') });
      handOuts.set(answer.lead.id, list);
    };
    const tokens = agents.map((a) => a.token);

    // Warm-up (its claims count in the duplicate check too: they are live).
    await workerLoad(platform.baseUrl, tokens, 2, () => NEXT, record);
    // One agent alone: the service time without queueing behind 49 others.
    const alone = percentiles(await sequentialLatency(platform.baseUrl, [NEXT], agents[0].token, 200));

    const mark = platform.gatewayLogMark();
    const cpuBefore = platform.cpuSeconds();
    const load = await workerLoad(platform.baseUrl, tokens, DURATION_S, () => NEXT, record);
    const cpu = cpuDelta(cpuBefore, platform.cpuSeconds());
    if (load.failures > 0) throw new Error(`load: ${load.failures} failed requests, first: ${load.firstFailure}`);
    const client = percentiles(load.latencies);
    const server = percentiles(await platform.gatewayTimes(NEXT, mark, load.requests));

    // The same agents at a human pace: each asks once per interval, as after every call.
    const pacedMark = platform.gatewayLogMark();
    const paced = await workerLoad(platform.baseUrl, tokens, DURATION_S, () => NEXT, record, INTERVAL_MS);
    if (paced.failures > 0) throw new Error(`paced: ${paced.failures} failed requests, first: ${paced.firstFailure}`);
    const pacedClient = percentiles(paced.latencies);
    const pacedServer = percentiles(await platform.gatewayTimes(NEXT, pacedMark, paced.requests));

    // A lead handed to a second agent before the first agent's claim expired is a double hand-out.
    let duplicates = 0;
    let sameAgentRepeats = 0;
    for (const list of handOuts.values()) {
      for (let i = 1; i < list.length; i += 1) {
        const live = list.slice(0, i).filter((earlier) => earlier.expiresAt > list[i].claimedAt);
        if (live.some((earlier) => earlier.agent !== list[i].agent)) duplicates += 1;
        else if (live.length > 0) sameAgentRepeats += 1;
      }
    }
    const handedOut = [...handOuts.values()].reduce((sum, list) => sum + list.length, 0);
    const [{ claimed }] = await platform.sql<{ claimed: string }>(
      'leads', 'SELECT count(*) AS claimed FROM leads WHERE tenant_id = $1 AND claimed_by IS NOT NULL AND claim_expires_at > now()', [owner.tenantId],
    );

    console.log(`\nGET ${NEXT}: ${AGENTS} agents of one tenant (${activeAgents} ready in the queue), ${loaded.answer.created.toLocaleString('en-US')} leads imported, ${DURATION_S} s per run`);
    console.log(machineNote());
    console.log('client = as the agent\'s HTTP client sees it (loopback included); gateway = response time the gateway logged (whole ms)\n');
    printTable([
      ['run', 'requests', 'req/s', 'client p50', 'client p95', 'client p99', 'client max', 'gateway p50', 'gateway p95', 'gateway p99'],
      ['1 agent alone, sequential', alone.n, '', ms(alone.p50), ms(alone.p95), ms(alone.p99), ms(alone.max), '', '', ''],
      [`${AGENTS} agents back to back`, load.requests, (load.requests / load.elapsedS).toFixed(0), ms(client.p50), ms(client.p95), ms(client.p99),
        ms(client.max), server.p50, server.p95, server.p99],
      [`${AGENTS} agents, each every ${INTERVAL_MS} ms`, paced.requests, (paced.requests / paced.elapsedS).toFixed(0), ms(pacedClient.p50),
        ms(pacedClient.p95), ms(pacedClient.p99), ms(pacedClient.max), pacedServer.p50, pacedServer.p95, pacedServer.p99],
    ]);
    console.log(`(back to back, every agent waits behind the ${AGENTS - 1} others: latency ≈ ${AGENTS} / throughput, a capacity figure)`);
    printCpu(cpu, load.requests, load.elapsedS);
    console.log(`\nhand-outs (all runs): ${handedOut}, distinct leads ${handOuts.size}, empty answers ${empty}, live claims in the database ${claimed}`);
    console.log(`same lead to two agents while claimed: ${duplicates} (must be 0); same lead again to the agent holding it: ${sameAgentRepeats}`);
    const verdict = (p99: number) => (p99 <= TARGET_P99_MS ? 'met' : 'MISSED');
    console.log(`p99 (target ≤ ${TARGET_P99_MS} ms): back to back ${ms(client.p99)} ms client / ${server.p99} ms gateway (${verdict(client.p99)}); ` +
      `each every ${INTERVAL_MS} ms ${ms(pacedClient.p99)} ms client / ${pacedServer.p99} ms gateway (${verdict(pacedClient.p99)})`);
    if (duplicates > 0) throw new Error(`${duplicates} leads were handed to two agents at once`);
  } finally {
    await platform.close();
  }
});

async function waitForActiveAgents(baseUrl: string, token: string, wanted: number): Promise<number> {
  const until = Date.now() + 15_000;
  let active = 0;
  while (Date.now() < until) {
    active = (await callJson<{ active_agents: number }>(baseUrl, 'GET', '/api/v1/queue/status', undefined, token)).active_agents;
    if (active >= wanted) return active;
    await new Promise((r) => setTimeout(r, 250));
  }
  console.warn(`only ${active} of ${wanted} agents reached the queue's presence read model`);
  return active;
}
