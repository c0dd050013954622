/**
 * The fake OpenAI in a process of its own, for benchmarks whose load generator must not delay it
 * (a late event loop would stamp received events late). Started with child_process.fork and the
 * FakeOpenAIOptions as JSON in argv[2]; driven over IPC (FakeHostRequest → FakeHostReply).
 * Times are epoch milliseconds from performance (timeOrigin + now), the clock the fake stamps
 * received events with; the parent measures the offset to its own with `clock`.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { startFakeOpenAI, type FakeOpenAIOptions, type FakeRealtimeSessionRecord } from '@parley/testing';

export type FakeHostRequest =
  | { type: 'clock'; id: number }
  | { type: 'sessions'; id: number }
  | { type: 'records'; id: number }
  | { type: 'usage'; id: number };

/** What a benchmark needs of one Realtime session, without its audio. */
export interface FakeHostSession {
  /** When session.update arrived: from then on voice-ai forwards every caller frame. */
  configuredAt: number | null;
  /** receivedAt of every input_audio_buffer.append, oldest first. */
  appends: number[];
  userTurns: number;
  responsesCompleted: number;
  responsesCancelled: number;
  truncates: number;
  closed: boolean;
}

export interface FakeHostUsage {
  cpuS: number;
  /** This process's event-loop delay since the last `usage`, ms (beyond the 10 ms sampling). */
  loop: { count: number; p50: number; p90: number; p99: number; p999: number; max: number };
}

export type FakeHostReply =
  | { type: 'ready'; baseURL: string }
  | { type: 'clock'; id: number; now: number }
  | { type: 'sessions'; id: number; configured: boolean[] }
  | { type: 'records'; id: number; sessions: FakeHostSession[] }
  | { type: 'usage'; id: number; usage: FakeHostUsage };

const LOOP_RESOLUTION_MS = 10;
const START_TIMEOUT_MS = 30_000;
const CLOCK_PINGS = 50;

type Pending = (reply: FakeHostReply) => void;

/** The benchmark's side: starts the host, asks it over IPC, measures the offset between the two clocks. */
export class FakeOpenAIProcess {
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();

  private constructor(private readonly child: ChildProcess, readonly baseURL: string) {
    child.on('message', (reply: FakeHostReply) => {
      if (!('id' in reply)) return;
      this.pending.get(reply.id)?.(reply);
      this.pending.delete(reply.id);
    });
  }

  static start(options: FakeOpenAIOptions): Promise<FakeOpenAIProcess> {
    const child = fork(__filename, [JSON.stringify(options)], {
      execArgv: ['-r', '@swc-node/register'],
      env: { ...process.env, SWC_NODE_PROJECT: process.env['SWC_NODE_PROJECT'] ?? 'tsconfig.base.json' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    // No fake outlives a benchmark that died without close().
    const killOnExit = () => child.kill('SIGKILL');
    process.once('exit', killOnExit);
    child.once('exit', () => process.removeListener('exit', killOnExit));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the fake OpenAI process did not start')), START_TIMEOUT_MS);
      child.once('exit', (code) => reject(new Error(`the fake OpenAI process exited (${code}) while starting`)));
      child.once('message', (reply: FakeHostReply) => {
        clearTimeout(timer);
        if (reply.type === 'ready') resolve(new FakeOpenAIProcess(child, reply.baseURL));
        else reject(new Error(`the fake OpenAI process said ${reply.type} before ready`));
      });
    });
  }

  ask<T extends FakeHostRequest['type']>(type: T): Promise<Extract<FakeHostReply, { type: T }>> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, (reply) => resolve(reply as Extract<FakeHostReply, { type: T }>));
      this.child.send({ type, id } as FakeHostRequest);
    });
  }

  /**
   * The host's clock minus ours, from the ping with the shortest round trip (NTP's estimate);
   * `uncertaintyMs` is half that round trip.
   */
  async clockOffset(): Promise<{ offsetMs: number; uncertaintyMs: number }> {
    let best = { offsetMs: 0, uncertaintyMs: Infinity };
    for (let i = 0; i < CLOCK_PINGS; i++) {
      const sent = performance.timeOrigin + performance.now();
      const { now } = await this.ask('clock');
      const received = performance.timeOrigin + performance.now();
      const half = (received - sent) / 2;
      if (half < best.uncertaintyMs) best = { offsetMs: now - (sent + half), uncertaintyMs: half };
    }
    return best;
  }

  close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
      this.child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      this.child.disconnect();
    });
  }
}

function summary(record: FakeRealtimeSessionRecord): FakeHostSession {
  return {
    configuredAt: record.events.find((event) => event.type === 'session.update')?.receivedAt ?? null,
    appends: record.events.filter((event) => event.type === 'input_audio_buffer.append').map((event) => event.receivedAt),
    userTurns: record.userTurns.length,
    responsesCompleted: record.responses.filter((response) => response.status === 'completed').length,
    responsesCancelled: record.responses.filter((response) => response.status === 'cancelled').length,
    truncates: record.truncates.length,
    closed: record.closedAt !== null,
  };
}

if (require.main === module) {
  const options = JSON.parse(process.argv[2] ?? '{}') as FakeOpenAIOptions;
  const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  loop.enable();
  void startFakeOpenAI(options).then((fake) => {
    const reply = (message: FakeHostReply) => process.send?.(message);
    const beyond = (ns: number) => Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS);
    process.on('message', (request: FakeHostRequest) => {
      switch (request.type) {
        case 'clock':
          return reply({ type: 'clock', id: request.id, now: performance.timeOrigin + performance.now() });
        case 'sessions':
          return reply({ type: 'sessions', id: request.id, configured: fake.realtimeSessions.map((s) => s.events.some((e) => e.type === 'session.update')) });
        case 'records':
          return reply({ type: 'records', id: request.id, sessions: fake.realtimeSessions.map(summary) });
        case 'usage': {
          const cpu = process.cpuUsage();
          const usage: FakeHostUsage = {
            cpuS: (cpu.user + cpu.system) / 1e6,
            loop: {
              count: loop.count, p50: beyond(loop.percentile(50)), p90: beyond(loop.percentile(90)), p99: beyond(loop.percentile(99)),
              p999: beyond(loop.percentile(99.9)), max: beyond(loop.max),
            },
          };
          loop.reset();
          return reply({ type: 'usage', id: request.id, usage });
        }
      }
    });
    // The parent gone (or closing the channel): nothing left to serve.
    process.on('disconnect', () => void fake.close().then(() => process.exit(0)));
    reply({ type: 'ready', baseURL: fake.baseURL });
  });
}
