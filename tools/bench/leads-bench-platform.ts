/**
 * The platform the leads benchmarks run against: identity, leads and the gateway, each in its own
 * process from its own main.ts (as deployed; the load generator keeps its event loop to itself),
 * on a fresh isolation (schemas and subject prefix) of the running or embedded Postgres and NATS.
 * The gateway logs at info, as in production; its "request completed" lines, written to a file,
 * give the server-side time of every request.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { isolation, type Isolation } from '@parley/testing';
import { ensureInfra, type LocalInfra } from '../infra/local-infra';

export interface BenchPlatform {
  baseUrl: string;
  iso: Isolation;
  infra: LocalInfra;
  /** The leads service's schema, for EXPLAIN ANALYZE and row counts. */
  leadsSchema: string;
  /** Runs SQL in the leads schema. */
  leadsSql<R extends object = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  /**
   * Server-side times (ms) the gateway logged since `since` (a gatewayLogMark) for requests whose
   * URL starts with `urlPrefix`; waits briefly until at least `expected` are there.
   */
  gatewayTimes(urlPrefix: string, since: number, expected?: number): Promise<number[]>;
  /** A position in the gateway log: pass it to gatewayTimes to see only later requests. */
  gatewayLogMark(): number;
  /** CPU seconds used so far by each service, this process, and every Postgres and nats-server process on the host. */
  cpuSeconds(): CpuSeconds;
  close(): Promise<void>;
}

export type CpuSeconds = Record<'gateway' | 'leads' | 'identity' | 'load generator' | 'postgres (all)' | 'nats-server', number>;

export interface BenchPlatformOptions {
  port: number;
  leadsEnv?: Record<string, string>;
  gatewayEnv?: Record<string, string>;
}

export async function startBenchPlatform(options: BenchPlatformOptions): Promise<BenchPlatform> {
  const infra = await ensureInfra({ purpose: 'test' });
  // isolation() reads these for every service's env.
  process.env['DATABASE_URL'] = infra.databaseUrl;
  process.env['NATS_URL'] = infra.natsUrl;
  const iso = isolation();
  const logDir = mkdtempSync(join(tmpdir(), 'parley-bench-'));
  const gatewayLogPath = join(logDir, 'gateway.log');
  const children: ChildProcess[] = [];
  const common = { LOG_LEVEL: 'warn', NODE_ENV: 'production' };

  // BENCH_CPU_PROFILE_DIR=<dir>: every service writes a V8 CPU profile there when it stops.
  const profileDir = process.env['BENCH_CPU_PROFILE_DIR'];
  const run = (entry: string, env: Record<string, string>, stdoutFd?: number) => {
    const profiling = profileDir ? ['--cpu-prof', '--cpu-prof-dir', join(profileDir, entry.split('/')[1])] : [];
    const child = spawn(process.execPath, [...profiling, '-r', '@swc-node/register', entry], {
      env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.base.json', ...env },
      stdio: ['ignore', stdoutFd ?? 'ignore', 'inherit'],
    });
    children.push(child);
    // No service outlives a benchmark that died without close().
    const killOnExit = () => child.kill('SIGKILL');
    process.once('exit', killOnExit);
    child.once('exit', (code, signal) => {
      process.removeListener('exit', killOnExit);
      if (!closing) console.error(`${entry} exited (${code ?? signal}) during the benchmark`);
    });
    return child;
  };
  let closing = false;
  const stopChildren = async () => {
    closing = true;
    await Promise.all(
      children.map((child) => new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => { clearTimeout(timer); resolve(); });
        child.kill('SIGTERM');
      })),
    );
  };

  const pg = new Client({ connectionString: infra.databaseUrl });
  let identity: ChildProcess | undefined;
  let leads: ChildProcess | undefined;
  let gateway: ChildProcess | undefined;
  try {
    identity = run('apps/identity/src/main.ts', { ...iso.env('identity', common) });
    leads = run('apps/leads/src/main.ts', { ...iso.env('leads', common), ...options.leadsEnv });
    const gatewayLog = openSync(gatewayLogPath, 'w');
    gateway = run('apps/gateway/src/main.ts', {
      ...iso.env('gateway', common),
      LOG_LEVEL: 'info',
      PORT: String(options.port),
      HOST: '127.0.0.1',
      RATE_LIMIT_USER_PER_MINUTE: '0',
      RATE_LIMIT_IP_PER_HOUR: '0',
      ...options.gatewayEnv,
    }, gatewayLog);
    closeSync(gatewayLog);
    const baseUrl = `http://127.0.0.1:${options.port}`;
    // /ready answers 200 once NATS and every service (identity and leads) answer.
    await waitForOk(`${baseUrl}/ready`, 90_000);
    await pg.connect();
  } catch (error) {
    await stopChildren();
    await pg.end().catch(() => undefined);
    await iso.cleanup().catch(() => undefined);
    await infra.stop();
    throw error;
  }

  const leadsSchema = iso.schema('leads');
  return {
    baseUrl: `http://127.0.0.1:${options.port}`,
    iso,
    infra,
    leadsSchema,
    async leadsSql<R extends object>(text: string, params: unknown[] = []) {
      await pg.query(`SET search_path TO "${leadsSchema}", public`);
      return (await pg.query(text, params)).rows as R[];
    },
    gatewayLogMark: () => readFileSync(gatewayLogPath).length,
    cpuSeconds() {
      const own = process.cpuUsage();
      return {
        gateway: processCpuSeconds(gateway?.pid),
        leads: processCpuSeconds(leads?.pid),
        identity: processCpuSeconds(identity?.pid),
        'load generator': (own.user + own.system) / 1e6,
        'postgres (all)': commandCpuSeconds('postgres'),
        'nats-server': commandCpuSeconds('nats-server'),
      };
    },
    async gatewayTimes(urlPrefix, since, expected = 1) {
      // The log line may land a moment after the client has its answer.
      const until = Date.now() + 2_000;
      let times = gatewayTimesIn(readFileSync(gatewayLogPath).subarray(since).toString('utf8'), urlPrefix);
      while (times.length < expected && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 50));
        times = gatewayTimesIn(readFileSync(gatewayLogPath).subarray(since).toString('utf8'), urlPrefix);
      }
      return times;
    },
    async close() {
      await stopChildren();
      await pg.end().catch(() => undefined);
      await iso.cleanup().catch(() => undefined);
      await infra.stop();
      rmSync(logDir, { recursive: true, force: true });
    },
  };
}

/** utime + stime of a process and all its threads (Linux /proc; 0 elsewhere). */
function processCpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name in parentheses: utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_S;
  } catch {
    return 0;
  }
}

const CLOCK_TICKS_PER_S = 100;

/** CPU seconds of every process named `command` (Postgres backends of other databases included). */
function commandCpuSeconds(command: string): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === command) total += processCpuSeconds(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return total;
}

export function cpuDelta(before: CpuSeconds, after: CpuSeconds): CpuSeconds {
  const delta = { ...after };
  for (const key of Object.keys(delta) as Array<keyof CpuSeconds>) delta[key] = after[key] - before[key];
  return delta;
}

/** Where the CPU went during a run, per unit of work (a request, or 1,000 imported rows). */
export function printCpu(delta: CpuSeconds, units: number, wallS: number, unit = 'request'): void {
  const total = Object.values(delta).reduce((a, b) => a + b, 0);
  console.log(`\nCPU during the run (${wallS.toFixed(1)} s wall, ${units} × ${unit}): ${total.toFixed(1)} CPU s in all (Postgres: every backend on the host)`);
  printTable([
    ['process', 'CPU s', 'cores busy', `CPU ms / ${unit}`],
    ...Object.entries(delta).map(([name, seconds]) => [name, seconds.toFixed(2), (seconds / wallS).toFixed(2), units ? ((seconds * 1000) / units).toFixed(2) : '-']),
  ]);
}

function gatewayTimesIn(log: string, urlPrefix: string): number[] {
  const times: number[] = [];
  for (const line of log.split('\n')) {
    if (!line.includes('"request completed"')) continue;
    const entry = JSON.parse(line) as { req?: { url?: string }; responseTime?: number };
    if (entry.req?.url?.startsWith(urlPrefix) && typeof entry.responseTime === 'number') times.push(entry.responseTime);
  }
  return times;
}

async function waitForOk(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await fetch(url).then((r) => r.status === 200, () => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s`);
}

// ---------------------------------------------------------------------------------------------
// Calling the gateway

export interface Account {
  email: string;
  token: string;
  userId: string;
  tenantId: string;
}

const PASSWORD = 'bench-password-1';

export async function callJson<T>(baseUrl: string, method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const headers: Record<string, string> = {};
  if (token) headers['authorization'] = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

interface TokenPair {
  access_token: string;
  user: { id: string; tenant_id: string };
}

/** A new company and its owner. */
export async function registerOwner(baseUrl: string, label: string): Promise<Account> {
  const email = `${label}-${Math.random().toString(36).slice(2, 10)}@bench.parley.test`;
  const pair = await callJson<TokenPair>(baseUrl, 'POST', '/api/v1/auth/register', {
    email, password: PASSWORD, name: `${label} owner`, company_name: `${label} company`,
  });
  return { email, token: pair.access_token, userId: pair.user.id, tenantId: pair.user.tenant_id };
}

/** A user of their own, added to the owner's tenant with `role`, holding a token for that tenant. */
export async function addMember(baseUrl: string, owner: Account, role: string, label: string): Promise<Account> {
  const member = await registerOwner(baseUrl, label);
  await callJson(baseUrl, 'POST', `/api/v1/tenants/${owner.tenantId}/members`, { email: member.email, role }, owner.token);
  const pair = await callJson<TokenPair>(baseUrl, 'POST', `/api/v1/tenants/${owner.tenantId}/switch`, {}, member.token);
  return { ...member, token: pair.access_token, tenantId: owner.tenantId };
}

export interface ImportAnswer {
  import_id: string;
  total_rows: number;
  created: number;
  merged: number;
  failed: number;
  errors: Array<{ line: number; field: string | null; message: string }>;
  errors_truncated: boolean;
  duration_ms: number;
}

/** POST /leads/import with the CSV as a multipart file part; answers the result and the wall time. */
export async function importCsv(baseUrl: string, token: string, csv: string): Promise<{ answer: ImportAnswer; wallMs: number }> {
  const form = new FormData();
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'leads.csv');
  const started = performance.now();
  const res = await fetch(`${baseUrl}/api/v1/leads/import`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  const text = await res.text();
  const wallMs = performance.now() - started;
  if (res.status >= 300) throw new Error(`POST /leads/import: ${res.status} ${text.slice(0, 1000)}`);
  return { answer: JSON.parse(text) as ImportAnswer, wallMs };
}

// ---------------------------------------------------------------------------------------------
// Measuring

/**
 * Sequential GETs on one keep-alive connection: latency with sub-millisecond resolution, free of
 * the queueing a concurrent load adds.
 */
export async function sequentialLatency(urls: string[], token: string, count: number): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const once = (url: string) =>
    new Promise<number>((resolve, reject) => {
      const started = performance.now();
      const req = http.get(url, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`${url}: ${res.statusCode}`))));
      });
      req.on('error', reject);
    });
  const samples: number[] = [];
  try {
    for (let i = 0; i < count; i += 1) samples.push(await once(urls[i % urls.length]));
  } finally {
    agent.destroy();
  }
  return samples;
}

export interface LoadResult {
  /** Latency of every 2xx answer, ms. */
  latencies: number[];
  requests: number;
  failures: number;
  firstFailure: string | null;
  elapsedS: number;
}

/**
 * Load from one worker per token, each with its own keep-alive connection, for `durationS`; every
 * latency kept (autocannon reports no p95 and whole milliseconds). Closed loop by default: each
 * worker asks again as soon as it has its answer. With `intervalMs`, each worker asks once per
 * interval (random phase), as people do, and waits out the rest of the interval.
 * `onAnswer` sees every 2xx body with the worker's index.
 */
export async function workerLoad(
  baseUrl: string,
  tokens: string[],
  durationS: number,
  pathFor: (worker: number) => string,
  onAnswer?: (worker: number, body: string) => void,
  intervalMs?: number,
): Promise<LoadResult> {
  const result: LoadResult = { latencies: [], requests: 0, failures: 0, firstFailure: null, elapsedS: 0 };
  const started = performance.now();
  const until = started + durationS * 1000;
  const worker = async (index: number) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const headers = { authorization: `Bearer ${tokens[index]}` };
    let slot = started + (intervalMs ? Math.random() * intervalMs : 0);
    try {
      for (;;) {
        if (intervalMs) {
          const wait = slot - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          slot = Math.max(slot + intervalMs, performance.now());
        }
        if (performance.now() >= until) break;
        const path = pathFor(index);
        const sent = performance.now();
        const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
          const req = http.get(`${baseUrl}${path}`, { agent, headers }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          });
          req.on('error', reject);
        });
        const latency = performance.now() - sent;
        result.requests += 1;
        if (status >= 200 && status < 300) {
          result.latencies.push(latency);
          onAnswer?.(index, body);
        } else {
          result.failures += 1;
          result.firstFailure ??= `${path}: ${status} ${body.slice(0, 300)}`;
        }
      }
    } finally {
      agent.destroy();
    }
  };
  await Promise.all(tokens.map((_, index) => worker(index)));
  result.elapsedS = (performance.now() - started) / 1000;
  return result;
}

export interface Percentiles {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function percentiles(samples: number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? NaN;
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1] ?? NaN };
}

export const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '-');

export function printTable(rows: Array<Array<string | number>>): void {
  const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => String(row[col] ?? '').length)) + 2);
  for (const row of rows) console.log(row.map((cell, col) => String(cell).padEnd(widths[col])).join(''));
}

/** CPUs and load: a loaded machine skews every number here, so the summary says how loaded it was. */
export function machineNote(): string {
  const [one] = loadavg();
  return `${cpus().length} CPUs, load average ${one.toFixed(2)} (1 min); everything (Postgres, NATS, 3 services, load generator) on this host`;
}

export function argValue(name: string, fallback: number): number {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

/** Runs a benchmark's main: exit 0 when it printed its numbers, 1 with the error otherwise. */
export function runBench(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
