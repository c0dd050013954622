/**
 * GET /api/v1/leads?search=<term> on a tenant holding 100,000 leads (loaded through the import
 * route), with rotating realistic terms from a handful of hits to tens of thousands. Prints per
 * term the hits and sequential latency, then a closed-loop load: client p50/p95/p99 and req/s,
 * and the server-side times the gateway logged for the same requests (HTTP in → NATS → leads →
 * Postgres → answer out, without the client's loopback). Target: server side p95 ≤ 20 ms.
 * Usage: npm run bench:leads-search [-- --duration 10 --connections 10]
 */
import { SEARCH_TERMS, generateLeadsCsv } from './leads-csv-generator';
import {
  argValue, callJson, workerLoad, cpuDelta, importCsv, printCpu, machineNote, ms, percentiles, printTable, registerOwner, runBench, sequentialLatency,
  startBenchPlatform, type BenchPlatform,
} from './bench-platform';

const ROWS = argValue('rows', 100_000);
const DURATION_S = argValue('duration', 10);
const CONNECTIONS = argValue('connections', 10);
const SEQUENTIAL_PER_TERM = argValue('samples', 60);
const TARGET_P95_MS = 20;

const searchPath = (term: string) => `/api/v1/leads?search=${encodeURIComponent(term)}`;

runBench(async () => {
  const platform = await startBenchPlatform({ port: 18310, services: ['identity', 'leads'] });
  try {
    const owner = await registerOwner(platform.baseUrl, 'search');
    const loaded = await importCsv(platform.baseUrl, owner.token, generateLeadsCsv(ROWS).csv);
    // What autovacuum does soon after a 100k-row insert: statistics, visibility map, and the trigram
    // index's pending list merged (until then every search also scans that list).
    await platform.sql('leads', 'VACUUM ANALYZE leads');

    const hits = new Map<string, number>();
    for (const { term } of SEARCH_TERMS) {
      const page = await callJson<{ total: number; data: unknown[] }>(platform.baseUrl, 'GET', searchPath(term), undefined, owner.token);
      hits.set(term, page.total);
    }

    // Warm-up: JIT, pools, Postgres buffers.
    const tokens = Array.from({ length: CONNECTIONS }, () => owner.token);
    await workerLoad(platform.baseUrl, tokens, 3, rotatingTerms());

    const perTerm: Array<Array<string | number>> = [['term', 'kind', 'hits', 'seq p50 ms', 'seq p95 ms', 'gw p50', 'gw p95']];
    const allSequential: number[] = [];
    const allSequentialServer: number[] = [];
    for (const { term, kind } of SEARCH_TERMS) {
      const mark = platform.gatewayLogMark();
      const samples = await sequentialLatency(platform.baseUrl, [searchPath(term)], owner.token, SEQUENTIAL_PER_TERM);
      const server = await platform.gatewayTimes(searchPath(term), mark, samples.length);
      allSequential.push(...samples);
      allSequentialServer.push(...server);
      const client = percentiles(samples);
      const gateway = percentiles(server);
      perTerm.push([term, kind, hits.get(term) ?? '-', ms(client.p50), ms(client.p95), gateway.p50, gateway.p95]);
    }

    const mark = platform.gatewayLogMark();
    const cpuBefore = platform.cpuSeconds();
    const load = await workerLoad(platform.baseUrl, tokens, DURATION_S, rotatingTerms());
    const cpu = cpuDelta(cpuBefore, platform.cpuSeconds());
    if (load.failures > 0) throw new Error(`load: ${load.failures} failed requests, first: ${load.firstFailure}`);
    const loadClient = percentiles(load.latencies);
    const loadServer = percentiles(await platform.gatewayTimes('/api/v1/leads?search=', mark, load.requests));
    const sequential = percentiles(allSequential);
    const sequentialServer = percentiles(allSequentialServer);

    console.log(`\nGET /api/v1/leads?search=… on ${(await leadCount(platform, owner.tenantId)).toLocaleString('en-US')} leads in one tenant (imported in ${(loaded.wallMs / 1000).toFixed(1)} s), ${SEARCH_TERMS.length} rotating terms, first page of 20 with total`);
    console.log(machineNote());
    console.log('client = as the HTTP client sees it (loopback included); gateway = response time the gateway logged (whole ms)\n');
    printTable(perTerm);
    console.log('');
    printTable([
      ['run', 'req/s', 'client p50', 'client p95', 'client p99', 'gateway p50', 'gateway p95', 'gateway p99'],
      [`sequential, 1 connection (${allSequential.length} req)`, '', ms(sequential.p50), ms(sequential.p95), ms(sequential.p99),
        sequentialServer.p50, sequentialServer.p95, sequentialServer.p99],
      [`${CONNECTIONS} connections × ${DURATION_S} s (${load.requests} req)`, (load.requests / load.elapsedS).toFixed(0),
        ms(loadClient.p50), ms(loadClient.p95), ms(loadClient.p99), loadServer.p50, loadServer.p95, loadServer.p99],
    ]);
    printCpu(cpu, load.requests, load.elapsedS);
    const met = (p95: number) => (p95 <= TARGET_P95_MS ? 'met' : 'MISSED');
    console.log(`\nserver-side p95 (gateway log) sequential: ${sequentialServer.p95} ms (${met(sequentialServer.p95)}); under ${CONNECTIONS} connections: ${loadServer.p95} ms (${met(loadServer.p95)}); target ≤ ${TARGET_P95_MS} ms`);
  } finally {
    await platform.close();
  }
});

/** Each request the next term of the rotation, across all workers. */
function rotatingTerms() {
  let next = 0;
  return () => searchPath(SEARCH_TERMS[next++ % SEARCH_TERMS.length].term);
}

async function leadCount(platform: BenchPlatform, tenantId: string) {
  const [{ count }] = await platform.sql<{ count: string }>('leads', 'SELECT count(*) FROM leads WHERE tenant_id = $1', [tenantId]);
  return Number(count);
}
