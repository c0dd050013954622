/**
 * POST /api/v1/leads/import of a 100,000-row CSV (US national phones in mixed notations, ~1 %
 * duplicates, ~0.5 % bad rows) through the gateway → transfer store → leads service → Postgres,
 * end to end as a client sees it. Then the same file again into the same tenant (every row merges).
 * Target: ≤ 10 s for the first import. Usage: npm run bench:leads-import [-- --rows 100000]
 */
import { performance } from 'node:perf_hooks';
import { generateLeadsCsv } from './leads-csv-generator';
import {
  argValue, cpuDelta, importCsv, machineNote, printCpu, printTable, registerOwner, runBench, startBenchPlatform, type ImportAnswer,
} from './bench-platform';

const ROWS = argValue('rows', 100_000);
const WARM_UP_ROWS = 5_000;
const TARGET_S = 10;

runBench(async () => {
  const platform = await startBenchPlatform({ port: 18300, services: ['identity', 'leads'] });
  try {
    const generated = performance.now();
    const file = generateLeadsCsv(ROWS);
    const generateMs = performance.now() - generated;
    const megabytes = Buffer.byteLength(file.csv) / 1_048_576;

    // JIT, pools and the transfer store warmed on another tenant, so the measured tenant starts empty.
    const warmUpOwner = await registerOwner(platform.baseUrl, 'import-warmup');
    await importCsv(platform.baseUrl, warmUpOwner.token, generateLeadsCsv(WARM_UP_ROWS, 7).csv);

    const owner = await registerOwner(platform.baseUrl, 'import');
    const mark = platform.gatewayLogMark();
    const cpuBefore = platform.cpuSeconds();
    const first = await importCsv(platform.baseUrl, owner.token, file.csv);
    const cpu = cpuDelta(cpuBefore, platform.cpuSeconds());
    const [firstServer] = await platform.gatewayTimes('/api/v1/leads/import', mark);
    const [{ count: storedAfterFirst }] = await platform.sql<{ count: string }>(
      'leads', 'SELECT count(*) FROM leads WHERE tenant_id = $1', [owner.tenantId],
    );

    const secondMark = platform.gatewayLogMark();
    const second = await importCsv(platform.baseUrl, owner.token, file.csv);
    const [secondServer] = await platform.gatewayTimes('/api/v1/leads/import', secondMark);
    const [{ count: storedAfterSecond }] = await platform.sql<{ count: string }>(
      'leads', 'SELECT count(*) FROM leads WHERE tenant_id = $1', [owner.tenantId],
    );

    const row = (label: string, run: { answer: ImportAnswer; wallMs: number }, serverMs: number | undefined, stored: string) => [
      label, run.answer.total_rows, (run.wallMs / 1000).toFixed(2), serverMs === undefined ? '-' : (serverMs / 1000).toFixed(2),
      (run.answer.duration_ms / 1000).toFixed(2), Math.round(run.answer.total_rows / (run.wallMs / 1000)),
      run.answer.created, run.answer.merged, run.answer.failed, stored,
    ];
    console.log(`\nPOST /api/v1/leads/import, ${ROWS.toLocaleString('en-US')} rows, ${megabytes.toFixed(1)} MB CSV (generated in ${generateMs.toFixed(0)} ms, not counted)`);
    console.log(machineNote());
    console.log('wall: client sends the file → answer received; gateway: its logged response time; leads: the answer\'s duration_ms\n');
    printTable([
      ['run', 'rows', 'wall s', 'gateway s', 'leads s', 'rows/s', 'created', 'merged', 'failed', 'leads in tenant'],
      row('import into an empty tenant', first, firstServer, storedAfterFirst),
      row('same file again (all merge)', second, secondServer, storedAfterSecond),
    ]);
    const { expected } = file;
    const answerMatches = first.answer.created === expected.created && first.answer.merged === expected.merged && first.answer.failed === expected.failed;
    console.log(`\nexpected for this file: created ${expected.created}, merged ${expected.merged}, failed ${expected.failed}: ${answerMatches ? 'the answer matches' : 'THE ANSWER DIFFERS'}`);
    console.log(`errors listed: ${first.answer.errors.length}${first.answer.errors_truncated ? ' (truncated)' : ''}; first: ${JSON.stringify(first.answer.errors[0] ?? null)}`);
    printCpu(cpu, first.answer.total_rows / 1000, first.wallMs / 1000, '1,000 rows');
    console.log(`\nfirst import: ${(first.wallMs / 1000).toFixed(2)} s (target ≤ ${TARGET_S} s): ${first.wallMs <= TARGET_S * 1000 ? 'met' : 'MISSED'}`);
  } finally {
    await platform.close();
  }
});
