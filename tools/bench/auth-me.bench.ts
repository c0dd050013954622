/**
 * GET /api/v1/auth/me through gateway → NATS → identity → Postgres, against identity's
 * same handler called in-process on the same database, in one run. Prints throughput,
 * p50/p99 and the ratios. Usage: npm run bench [-- --duration 10 --connections 32]
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { connect } from 'nats';
import { isolation } from '@parley/testing';
import { ensureInfra } from '../infra/local-infra';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const DURATION_S = arg('duration', 10);
const CONNECTIONS = arg('connections', 32);
const GATEWAY_PORT = 18100;
const IN_PROCESS_PORT = 18101;

const children: ChildProcess[] = [];
function run(entry: string, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', entry], {
    env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.base.json', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  return child;
}

async function waitFor(url: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const ok = await fetch(url).then((r) => r.status < 500, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not come up`);
}

async function load(url: string, token: string, connections: number, duration: number) {
  const result = await autocannon({ url, connections, duration, headers: { authorization: `Bearer ${token}` } });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

/**
 * Sequential requests on one keep-alive connection per path: latency with sub-millisecond
 * resolution. The paths take turns in rounds, so drift on a shared machine hits them alike.
 */
async function sequential(urls: string[], token: string, count: number, rounds = 10): Promise<Array<{ p50: number; p99: number }>> {
  const agents = urls.map(() => new http.Agent({ keepAlive: true, maxSockets: 1 }));
  const once = (i: number) =>
    new Promise<number>((resolve, reject) => {
      const started = performance.now();
      const req = http.get(urls[i], { agent: agents[i], headers: { authorization: `Bearer ${token}` } }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`${urls[i]}: ${res.statusCode}`))));
      });
      req.on('error', reject);
    });
  const samples: number[][] = urls.map(() => []);
  for (let i = 0; i < urls.length; i += 1) for (let n = 0; n < 200; n += 1) await once(i);
  for (let round = 0; round < rounds; round += 1) {
    for (let i = 0; i < urls.length; i += 1) {
      for (let n = 0; n < count / rounds; n += 1) samples[i].push(await once(i));
    }
  }
  agents.forEach((a) => a.destroy());
  return samples.map((s) => {
    s.sort((a, b) => a - b);
    return { p50: s[Math.floor(s.length * 0.5)], p99: s[Math.floor(s.length * 0.99)] };
  });
}

const ms = (n: number) => n.toFixed(2);

/** Round trip of a bare request/reply to an echo responder in another process. */
async function natsFloor(url: string, subject: string, count: number): Promise<{ p50: number; p99: number }> {
  const nc = await connect({ servers: url });
  const payload = new Uint8Array(300);
  const samples: number[] = [];
  for (let i = 0; i < count + 200; i += 1) {
    const started = performance.now();
    await nc.request(subject, payload, { timeout: 2000 });
    if (i >= 200) samples.push(performance.now() - started);
  }
  await nc.close();
  samples.sort((a, b) => a - b);
  return { p50: samples[Math.floor(count * 0.5)], p99: samples[Math.floor(count * 0.99)] };
}

async function main(): Promise<void> {
  const infra = await ensureInfra({ purpose: 'test' });
  process.env['DATABASE_URL'] = infra.databaseUrl;
  process.env['NATS_URL'] = infra.natsUrl;
  const iso = isolation();
  const common = { ...iso.env('identity'), LOG_LEVEL: 'warn', NODE_ENV: 'production' };
  try {
    run('apps/identity/src/main.ts', common);
    run('apps/gateway/src/main.ts', {
      ...common, PORT: String(GATEWAY_PORT), HOST: '127.0.0.1', RATE_LIMIT_USER_PER_MINUTE: '0', RATE_LIMIT_IP_PER_HOUR: '0',
    });
    await waitFor(`http://127.0.0.1:${GATEWAY_PORT}/ready`);
    // The in-process baseline joins the same schema once identity has migrated it.
    run('tools/bench/in-process-identity.ts', { ...common, DB_MIGRATE_ON_BOOT: 'false', NATS_SUBJECT_PREFIX: `${iso.prefix}inproc.`, BENCH_BUS_PREFIX: iso.prefix, BENCH_IN_PROCESS_PORT: String(IN_PROCESS_PORT) });
    await waitFor(`http://127.0.0.1:${IN_PROCESS_PORT}/me`);

    const reg = await fetch(`http://127.0.0.1:${GATEWAY_PORT}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `bench-${iso.id}@parley.test`, password: 'bench-password-1', company_name: 'Bench Co' }),
    });
    const token = ((await reg.json()) as { access_token: string }).access_token;

    const viaNats = `http://127.0.0.1:${GATEWAY_PORT}/api/v1/auth/me`;
    const inProcess = `http://127.0.0.1:${IN_PROCESS_PORT}/me`;
    await load(viaNats, token, 8, 2); // warm-up both paths (JIT, pools)
    await load(inProcess, token, 8, 2);

    const viaBus = `http://127.0.0.1:${IN_PROCESS_PORT}/me-via-nats`;
    const SAMPLES = 3000;
    const [seqGateway, seqBus, seqLocal] = await sequential([viaNats, viaBus, inProcess], token, SAMPLES);
    const floor = await natsFloor(infra.natsUrl, `${iso.prefix}bench.echo`, SAMPLES);
    const loadNats = await load(viaNats, token, CONNECTIONS, DURATION_S);
    const loadLocal = await load(inProcess, token, CONNECTIONS, DURATION_S);

    console.log(`\nGET /auth/me: throughput with ${CONNECTIONS} connections × ${DURATION_S} s; latency from ${SAMPLES} sequential requests\n`);
    const rows = [
      ['path', 'req/s', 'p50 ms', 'p99 ms', 'seq p50 ms', 'seq p99 ms'],
      ['gateway → NATS → identity', loadNats.rps.toFixed(0), loadNats.p50, loadNats.p99, ms(seqGateway.p50), ms(seqGateway.p99)],
      ['bare route → NATS → identity', '', '', '', ms(seqBus.p50), ms(seqBus.p99)],
      ['bare route → handler in-process', loadLocal.rps.toFixed(0), loadLocal.p50, loadLocal.p99, ms(seqLocal.p50), ms(seqLocal.p99)],
    ];
    for (const row of rows) console.log(row.map((c, i) => String(c).padEnd(i === 0 ? 34 : 13)).join(''));
    console.log(`\nbare NATS request/reply between two processes (floor): p50 ${ms(floor.p50)} ms, p99 ${ms(floor.p99)} ms`);
    console.log(`throughput, gateway path / in-process:          ${((loadNats.rps / loadLocal.rps) * 100).toFixed(1)} %  (target ≥ 60 %)`);
    console.log(`p50 added by the NATS hop (bus vs in-process):  ${ms(seqBus.p50 - seqLocal.p50)} ms  (target ≤ 1 ms)`);
    console.log(`p50 added by gateway + NATS (gateway vs in-process): ${ms(seqGateway.p50 - seqLocal.p50)} ms`);
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1500));
    await iso.cleanup().catch(() => undefined);
    await infra.stop();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  for (const child of children) child.kill('SIGKILL');
  process.exit(1);
});
