/**
 * Measuring and printing for the benchmarks: sequential latency and worker load over keep-alive
 * connections (every latency kept, sub-millisecond), percentiles, tables, arguments.
 */
import http from 'node:http';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';

/**
 * A request of a benchmark: a GET of a path, or any method with a JSON body or, with `form`, an
 * application/x-www-form-urlencoded one (as Twilio posts its webhooks); `headers` are sent as well.
 */
export type BenchRequest = string | { method: string; path: string; body?: unknown; form?: Record<string, string>; headers?: Record<string, string> };

interface Answer {
  status: number;
  body: string;
}

const describe = (request: BenchRequest) => (typeof request === 'string' ? request : `${request.method} ${request.path}`);

/** One request on `agent`'s connection (with no bearer token when `token` is empty); resolves with the whole answer. */
function send(agent: http.Agent, baseUrl: string, request: BenchRequest, token: string): Promise<Answer> {
  const { method, path, body, form, headers: extra } = typeof request === 'string' ? { method: 'GET', path: request } as Exclude<BenchRequest, string> : request;
  const payload = form ? new URLSearchParams(form).toString() : body === undefined ? undefined : JSON.stringify(body);
  const headers: http.OutgoingHttpHeaders = { ...extra };
  if (token) headers['authorization'] = `Bearer ${token}`;
  if (payload !== undefined) {
    headers['content-type'] = form ? 'application/x-www-form-urlencoded' : 'application/json';
    headers['content-length'] = Buffer.byteLength(payload);
  }
  return new Promise<Answer>((resolve, reject) => {
    const req = http.request(`${baseUrl}${path}`, { method, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * Sequential requests on one keep-alive connection, taking turns through `requests`: latency with
 * sub-millisecond resolution, free of the queueing a concurrent load adds. `onAnswer` sees every
 * body with its sample's index.
 */
export async function sequentialLatency(
  baseUrl: string, requests: BenchRequest[], token: string, count: number, onAnswer?: (sample: number, body: string) => void,
): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const samples: number[] = [];
  try {
    for (let i = 0; i < count; i += 1) {
      const request = requests[i % requests.length];
      const started = performance.now();
      const { status, body } = await send(agent, baseUrl, request, token);
      const latency = performance.now() - started;
      if (status < 200 || status >= 300) throw new Error(`${describe(request)}: ${status} ${body.slice(0, 300)}`);
      samples.push(latency);
      onAnswer?.(i, body);
    }
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
  requestFor: (worker: number) => BenchRequest,
  onAnswer?: (worker: number, body: string) => void,
  intervalMs?: number,
): Promise<LoadResult> {
  const result: LoadResult = { latencies: [], requests: 0, failures: 0, firstFailure: null, elapsedS: 0 };
  const started = performance.now();
  const until = started + durationS * 1000;
  const worker = async (index: number) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    let slot = started + (intervalMs ? Math.random() * intervalMs : 0);
    try {
      for (;;) {
        if (intervalMs) {
          const wait = slot - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          slot = Math.max(slot + intervalMs, performance.now());
        }
        if (performance.now() >= until) break;
        const request = requestFor(index);
        const sent = performance.now();
        const { status, body } = await send(agent, baseUrl, request, tokens[index]);
        const latency = performance.now() - sent;
        result.requests += 1;
        if (status >= 200 && status < 300) {
          result.latencies.push(latency);
          onAnswer?.(index, body);
        } else {
          result.failures += 1;
          result.firstFailure ??= `${describe(request)}: ${status} ${body.slice(0, 300)}`;
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

export const median = (samples: number[]) => percentiles(samples).p50;

export const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '-');

export function printTable(rows: Array<Array<string | number>>): void {
  const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => String(row[col] ?? '').length)) + 2);
  for (const row of rows) console.log(row.map((cell, col) => String(cell).padEnd(widths[col])).join(''));
}

/** CPUs and load: a loaded machine skews every number here, so the summary says how loaded it was. */
export function machineNote(): string {
  const [one] = loadavg();
  return `${cpus().length} CPUs, load average ${one.toFixed(2)} (1 min); everything (Postgres, NATS, the gateway and services, load generator) on this host`;
}

export function argValue(name: string, fallback: number): number {
  return Number(argText(name, String(fallback)));
}

export function argText(name: string, fallback: string): string {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
}

/** A moment for log lines of requests that just finished to reach the file. */
export const settle = (msToWait = 300) => new Promise((r) => setTimeout(r, msToWait));

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
