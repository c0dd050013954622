/**
 * The platform a benchmark runs against: the services it names (identity always: every call
 * logs in) and the gateway, each in its own process from its own apps/<service>/src/main.ts (as
 * deployed; the load generator keeps its event loop to itself), on a fresh isolation (schemas and
 * subject prefix) of the running or embedded Postgres and NATS. The gateway logs at info, as in
 * production; its "request completed" lines, written to a file, give the server-side time of
 * every request. The client and measuring helpers are re-exported: benchmarks import from here.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { ServiceName } from '@parley/contracts';
import { isolation, type Isolation } from '@parley/testing';
import { ensureInfra, type LocalInfra } from '../infra/local-infra';
import { printTable } from './bench-measure';

export * from './bench-client';
export * from './bench-measure';

export interface BenchPlatform {
  baseUrl: string;
  iso: Isolation;
  infra: LocalInfra;
  /** A service's schema, for EXPLAIN ANALYZE and row counts. */
  schema(service: ServiceName): string;
  /** Runs SQL in a service's schema (one connection per service, so statements keep their order). */
  sql<R extends object = Record<string, unknown>>(service: ServiceName, text: string, params?: unknown[]): Promise<R[]>;
  /**
   * Server-side times (ms) the gateway logged since `since` (a gatewayLogMark) for requests whose
   * URL starts with `urlPrefix` (and whose method is `method`, when given); waits briefly until at
   * least `expected` are there.
   */
  gatewayTimes(urlPrefix: string, since: number, expected?: number, method?: string): Promise<number[]>;
  /** A position in the gateway log: pass it to gatewayTimes to see only later requests. */
  gatewayLogMark(): number;
  /** CPU seconds used so far by the gateway, each service, this process, and every Postgres and nats-server process on the host. */
  cpuSeconds(): CpuSeconds;
  close(): Promise<void>;
}

/** Process (gateway, a service, 'load generator', 'postgres (all)', 'nats-server') → CPU seconds. */
export type CpuSeconds = Record<string, number>;

export interface BenchPlatformOptions {
  port: number;
  /** Services behind the gateway; identity runs whether named or not. */
  services: ServiceName[];
  /** Extra environment per process. */
  env?: Partial<Record<ServiceName | 'gateway', Record<string, string>>>;
}

const READY_TIMEOUT_MS = 90_000;

export async function startBenchPlatform(options: BenchPlatformOptions): Promise<BenchPlatform> {
  const services = [...new Set<ServiceName>(['identity', ...options.services])];
  const infra = await ensureInfra({ purpose: 'test' });
  // isolation() reads these for every service's env.
  process.env['DATABASE_URL'] = infra.databaseUrl;
  process.env['NATS_URL'] = infra.natsUrl;
  const iso = isolation();
  const logDir = mkdtempSync(join(tmpdir(), 'parley-bench-'));
  const gatewayLogPath = join(logDir, 'gateway.log');
  const children = new Map<ServiceName | 'gateway', ChildProcess>();
  const common = { LOG_LEVEL: 'warn', NODE_ENV: 'production' };
  let closing = false;

  // BENCH_CPU_PROFILE_DIR=<dir>: every service writes a V8 CPU profile there when it stops.
  const profileDir = process.env['BENCH_CPU_PROFILE_DIR'];
  const run = (name: ServiceName | 'gateway', env: Record<string, string>, stdoutFd?: number) => {
    const entry = `apps/${name}/src/main.ts`;
    const profiling = profileDir ? ['--cpu-prof', '--cpu-prof-dir', join(profileDir, name)] : [];
    const child = spawn(process.execPath, [...profiling, '-r', '@swc-node/register', entry], {
      env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.base.json', ...env },
      stdio: ['ignore', stdoutFd ?? 'ignore', 'inherit'],
    });
    children.set(name, child);
    // No service outlives a benchmark that died without close().
    const killOnExit = () => child.kill('SIGKILL');
    process.once('exit', killOnExit);
    child.once('exit', (code, signal) => {
      process.removeListener('exit', killOnExit);
      if (!closing) console.error(`${entry} exited (${code ?? signal}) during the benchmark`);
    });
  };
  const stopChildren = async () => {
    closing = true;
    await Promise.all(
      [...children.values()].map((child) => new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => { clearTimeout(timer); resolve(); });
        child.kill('SIGTERM');
      })),
    );
  };

  const connections = new Map<ServiceName, Promise<Client>>();
  const connection = (service: ServiceName) => {
    let client = connections.get(service);
    if (!client) {
      client = (async () => {
        const pg = new Client({ connectionString: infra.databaseUrl });
        await pg.connect();
        await pg.query(`SET search_path TO "${iso.schema(service)}", public`);
        return pg;
      })();
      connections.set(service, client);
    }
    return client;
  };
  const endConnections = () => Promise.all([...connections.values()].map((c) => c.then((pg) => pg.end()).catch(() => undefined)));

  const baseUrl = `http://127.0.0.1:${options.port}`;
  try {
    for (const service of services) run(service, { ...iso.env(service, common), ...options.env?.[service] });
    const gatewayLog = openSync(gatewayLogPath, 'w');
    run('gateway', {
      ...iso.env('gateway', common),
      LOG_LEVEL: 'info',
      PORT: String(options.port),
      HOST: '127.0.0.1',
      RATE_LIMIT_USER_PER_MINUTE: '0',
      RATE_LIMIT_IP_PER_HOUR: '0',
      ...options.env?.gateway,
    }, gatewayLog);
    closeSync(gatewayLog);
    await waitForServices(baseUrl, services, children);
  } catch (error) {
    await stopChildren();
    await endConnections();
    await iso.cleanup().catch(() => undefined);
    await infra.stop();
    throw error;
  }

  const readLog = (since: number) => readFileSync(gatewayLogPath).subarray(since).toString('utf8');
  return {
    baseUrl,
    iso,
    infra,
    schema: (service) => iso.schema(service),
    async sql<R extends object>(service: ServiceName, text: string, params: unknown[] = []) {
      return (await (await connection(service)).query(text, params)).rows as R[];
    },
    gatewayLogMark: () => readFileSync(gatewayLogPath).length,
    cpuSeconds() {
      const own = process.cpuUsage();
      return {
        gateway: processCpuSeconds(children.get('gateway')?.pid),
        ...Object.fromEntries(services.map((service) => [service, processCpuSeconds(children.get(service)?.pid)])),
        'load generator': (own.user + own.system) / 1e6,
        'postgres (all)': commandCpuSeconds('postgres'),
        'nats-server': commandCpuSeconds('nats-server'),
      };
    },
    async gatewayTimes(urlPrefix, since, expected = 1, method) {
      // The log line may land a moment after the client has its answer.
      const until = Date.now() + 2_000;
      let times = gatewayTimesIn(readLog(since), urlPrefix, method);
      while (times.length < expected && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 50));
        times = gatewayTimesIn(readLog(since), urlPrefix, method);
      }
      return times;
    },
    async close() {
      await stopChildren();
      await endConnections();
      await iso.cleanup().catch(() => undefined);
      await infra.stop();
      rmSync(logDir, { recursive: true, force: true });
    },
  };
}

/**
 * Until the gateway's /ready says NATS and every service we started are up. /ready answers 503
 * while any service of SERVICE_NAMES is down, also one this benchmark does not run, so its body
 * (the status of each) is read rather than its status code.
 */
async function waitForServices(baseUrl: string, services: ServiceName[], children: Map<string, ChildProcess>): Promise<void> {
  const until = Date.now() + READY_TIMEOUT_MS;
  let last = 'no answer';
  while (Date.now() < until) {
    for (const [name, child] of children) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}) while starting`);
    }
    const answer = await fetch(`${baseUrl}/ready`).then(async (r) => ({ status: r.status, text: await r.text() }), () => null);
    if (answer) {
      last = `${answer.status} ${answer.text.slice(0, 300)}`;
      if (answer.status === 200) return;
      const body = safeJson(answer.text) as { error?: { details?: { nats?: string; services?: Record<string, string> } } } | null;
      const details = body?.error?.details;
      if (details?.nats === 'up' && services.every((service) => details.services?.[service] === 'up')) return;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${services.join(', ')} not ready behind the gateway within ${READY_TIMEOUT_MS / 1000} s; /ready last said ${last}`);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * utime + stime of a process and all its threads (Linux /proc; 0 elsewhere); with
 * `reapedChildren`, plus cutime + cstime: the CPU of its children that have exited.
 */
function processCpuSeconds(pid: number | undefined, reapedChildren = false): number {
  if (pid === undefined) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name in parentheses: utime, stime, cutime, cstime are the 12th to 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
    return (fields[11] + fields[12] + (reapedChildren ? fields[13] + fields[14] : 0)) / CLOCK_TICKS_PER_S;
  } catch {
    return 0;
  }
}

const CLOCK_TICKS_PER_S = 100;

/**
 * CPU seconds of every process named `command` (Postgres backends of other databases included),
 * counting those that have exited too (through their parent's cutime/cstime): a backend that
 * closes between two readings must not take its CPU out of the difference.
 */
function commandCpuSeconds(command: string): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === command) total += processCpuSeconds(Number(entry), true);
    } catch {
      // the process ended while we looked
    }
  }
  return total;
}

export function cpuDelta(before: CpuSeconds, after: CpuSeconds): CpuSeconds {
  return Object.fromEntries(Object.entries(after).map(([name, seconds]) => [name, seconds - (before[name] ?? 0)]));
}

/** Where the CPU went during a run, per unit of work (a request, 1,000 imported rows, a page). */
export function printCpu(delta: CpuSeconds, units: number, wallS: number, unit = 'request'): void {
  const total = Object.values(delta).reduce((a, b) => a + b, 0);
  console.log(`\nCPU during the run (${wallS.toFixed(1)} s wall, ${units} × ${unit}): ${total.toFixed(1)} CPU s in all (Postgres: every backend on the host)`);
  printTable([
    ['process', 'CPU s', 'cores busy', `CPU ms / ${unit}`],
    ...Object.entries(delta).map(([name, seconds]) => [name, seconds.toFixed(2), (seconds / wallS).toFixed(2), units ? ((seconds * 1000) / units).toFixed(2) : '-']),
  ]);
}

function gatewayTimesIn(log: string, urlPrefix: string, method?: string): number[] {
  const times: number[] = [];
  for (const line of log.split('\n')) {
    if (!line.includes('"request completed"')) continue;
    const entry = JSON.parse(line) as { req?: { url?: string; method?: string }; responseTime?: number };
    if (method && entry.req?.method !== method) continue;
    if (entry.req?.url?.startsWith(urlPrefix) && typeof entry.responseTime === 'number') times.push(entry.responseTime);
  }
  return times;
}
