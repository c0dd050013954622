// `npm start`: the whole platform on one machine. Finds or starts Postgres and NATS, runs every
// service in DEV_SERVICES as its own process, waits for the gateway, seeds a demo tenant.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { ensureInfra, type LocalInfra } from '../infra/local-infra';
import { startFakeOpenAI, startFakeTwilio, type FakeOpenAI, type FakeTwilio } from '@parley/testing';
import { DEMO_AI_AGENT, DEMO_CREDENTIALS, DEMO_TWILIO, seedDemoTenant, type DemoSeedOutcome } from './seed-demo';
import { DEV_SERVICES, GATEWAY_SERVICE_NAME, type DevService } from './services';

const REPO_ROOT = resolve(__dirname, '../..');
const JWT_SECRET_FILE = join(REPO_ROOT, '.data', 'dev-jwt-secret');
// Without it @swc-node/register finds no tsconfig.json: no path aliases and no decorator
// metadata, which silently breaks Nest's dependency injection.
const SWC_PROJECT = join(REPO_ROOT, 'tsconfig.base.json');

const READY_TIMEOUT_MS = 90_000;
const READY_POLL_MS = 200;
const CHILD_STOP_TIMEOUT_MS = 10_000;
const LOG_TAIL_LINES = 40;
const PREFIX_COLOURS = [36, 35, 33, 32, 34, 31];
const VOICE_AI_SERVICE_NAME = 'voice-ai';
// The bearer token voice-ai presents to the fake OpenAI (which accepts only it).
const FAKE_OPENAI_KEY = 'sk-parley-dev-fake-openai';

interface RunningService {
  service: DevService;
  child: ChildProcess;
  exited: Promise<void>;
}

class DevRunner {
  private readonly running: RunningService[] = [];
  private readonly logTail: string[] = [];
  private readonly prefixWidth = Math.max(...DEV_SERVICES.map((service) => service.name.length));
  private infraStarting?: Promise<LocalInfra>;
  private fakeTwilio?: FakeTwilio;
  private fakeOpenAI?: FakeOpenAI;
  private shuttingDown?: Promise<void>;

  async run(): Promise<void> {
    try {
      await this.startPlatform();
    } catch (error) {
      // Failures caused by an interrupted start-up are noise.
      if (!this.shuttingDown) say(`failed: ${error instanceof Error ? error.message : String(error)}`);
      await this.shutdown(1);
    }
  }

  private async startPlatform(): Promise<void> {
    const gateway = DEV_SERVICES.find((service) => service.name === GATEWAY_SERVICE_NAME);
    if (!gateway) throw new Error(`DEV_SERVICES has no '${GATEWAY_SERVICE_NAME}' entry`);
    const missing = DEV_SERVICES.filter((service) => !existsSync(resolve(REPO_ROOT, service.entry)));
    if (missing.length) {
      throw new Error(`entry files missing: ${missing.map((service) => service.entry).join(', ')}`);
    }
    // The developer's PORT moves the gateway, the one service whose port they see.
    const gatewayPort = process.env.PORT ?? gateway.env?.PORT ?? '8000';

    this.infraStarting = ensureInfra({ purpose: 'dev', log: (line) => say(`infra: ${line}`) });
    const infra = await this.infraStarting;
    if (this.shuttingDown) return;

    // No Twilio account needed: unless TWILIO_API_BASE_URL names one (https://api.twilio.com for
    // the real thing), telephony talks to the fake Twilio, which plays each call's far end.
    if (!process.env.TWILIO_API_BASE_URL) {
      this.fakeTwilio = await startFakeTwilio({ ringMs: 2_000, talkMs: 20_000 });
      this.fakeTwilio.addAccount(DEMO_TWILIO.account_sid, DEMO_TWILIO.auth_token, [DEMO_TWILIO.phone_number]);
    }
    // Not by default: agents run on the local engine unless the developer brings an OpenAI key or asks for the fake.
    if (process.env.DEV_FAKE_OPENAI === 'true') {
      this.fakeOpenAI = await startFakeOpenAI({ apiKey: FAKE_OPENAI_KEY });
    }
    const openai = this.openAIEnv();
    const sharedEnv = {
      ...serviceEnv(infra, loadDevJwtSecret()),
      ...(this.fakeTwilio ? { TWILIO_API_BASE_URL: this.fakeTwilio.apiBaseUrl } : {}),
      PUBLIC_BASE_URL: `http://127.0.0.1:${gatewayPort}`,
    };
    // Streams of AI calls are claimed by voice-ai (their TwiML names it); other calls' streams go to telephony's echo sink.
    const perService: Record<string, NodeJS.ProcessEnv> = {
      [VOICE_AI_SERVICE_NAME]: openai ? openai.env : {},
    };
    for (const service of DEV_SERVICES) {
      const portEnv = service === gateway ? { PORT: gatewayPort } : {};
      this.spawnService(service, { ...sharedEnv, ...service.env, ...perService[service.name], ...portEnv });
    }

    const readyUrl = `http://127.0.0.1:${gatewayPort}/ready`;
    const ready = await this.waitForReady(readyUrl);
    if (this.shuttingDown) return;
    if (!ready) {
      say(`the gateway did not answer 200 on ${readyUrl} within ${READY_TIMEOUT_MS / 1000} s; last output:`);
      for (const line of this.logTail) process.stderr.write(`  | ${line}\n`);
      await this.shutdown(1);
      return;
    }
    say(`platform ready in ${(performance.now() / 1000).toFixed(1)} s`);

    const apiBaseUrl = `http://localhost:${gatewayPort}/api/v1`;
    const provider = openai ? 'openai' : 'local';
    const outcome = await seedDemoTenant(apiBaseUrl, { twilio: !!this.fakeTwilio, aiProvider: provider }).then(
      (seededAs) => seededAs,
      // The platform is up, so keep it running to debug rather than tear it down.
      (error: unknown) => new Error(`NOT seeded: ${error instanceof Error ? error.message : String(error)}`),
    );
    if (this.shuttingDown) return;
    const seeded = outcome instanceof Error ? outcome.message : SEED_OUTCOMES[outcome];
    const agentSeeded = outcome === 'created' || outcome === 'agent-added';
    const agentWhere = this.fakeTwilio
      ? `answers ${DEMO_TWILIO.phone_number} (calls the fake Twilio places to it)`
      : 'active; deploy it on a number (POST /ai-agents/:id/deploy) once telephony is set up';
    process.stdout.write(
      [
        '',
        `  API        ${apiBaseUrl}`,
        `  API docs   http://localhost:${gatewayPort}/docs`,
        `  Socket.IO  ws://localhost:${gatewayPort}/socket.io`,
        `  Log in     ${DEMO_CREDENTIALS.email} / ${DEMO_CREDENTIALS.password}  (demo tenant ${seeded})`,
        this.fakeTwilio
          ? `  Twilio     simulated (fake Twilio at ${this.fakeTwilio.apiBaseUrl}, number ${DEMO_TWILIO.phone_number}): POST /calls/initiate places a call`
          : `  Twilio     ${process.env.TWILIO_API_BASE_URL}`,
        `  OpenAI     ${openai?.description ?? 'none: AI agents run on the built-in local engine (DEV_FAKE_OPENAI=true starts a fake, or set OPENAI_API_KEY)'}`,
        agentSeeded
          ? `  AI agent   ${DEMO_AI_AGENT.name} (${provider} engine) ${agentWhere}`
          : '  AI agents  as an earlier run left them: GET /api/v1/ai-agents',
        '',
        '  Ctrl-C stops everything.',
        '',
        '',
      ].join('\n'),
    );
  }

  /** Stops services first (they need the infra to shut down cleanly), then the infra, then exits. */
  shutdown(exitCode: number, reason?: string): Promise<void> {
    this.shuttingDown ??= (async () => {
      if (reason) say(reason);
      const infra = await this.infraStarting?.catch(() => undefined);
      await Promise.all(this.running.map(stopChild));
      await this.fakeTwilio?.close().catch(() => undefined);
      await this.fakeOpenAI?.close().catch(() => undefined);
      await infra?.stop();
      process.exit(exitCode);
    })();
    return this.shuttingDown;
  }

  /** voice-ai's OpenAI settings: the fake's, the developer's own key, or none (the local engine only). */
  private openAIEnv(): { env: NodeJS.ProcessEnv; description: string } | undefined {
    if (this.fakeOpenAI) {
      return {
        env: { OPENAI_API_KEY: FAKE_OPENAI_KEY, OPENAI_BASE_URL: this.fakeOpenAI.baseURL },
        description: `simulated (fake OpenAI at ${this.fakeOpenAI.baseURL}: chat, audio, Realtime)`,
      };
    }
    if (!process.env.OPENAI_API_KEY) return undefined;
    return { env: {}, description: `${process.env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1'} with your OPENAI_API_KEY` };
  }

  private spawnService(service: DevService, env: NodeJS.ProcessEnv): void {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', resolve(REPO_ROOT, service.entry)], {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
    this.running.push({ service, child, exited });

    const prefix = this.prefixFor(service.name, this.running.length - 1);
    this.relayLines(child.stdout, process.stdout, prefix);
    this.relayLines(child.stderr, process.stderr, prefix);

    child.once('error', (error) => {
      void this.shutdown(1, `${service.name} could not be started: ${error.message}`);
    });
    // 'close', not 'exit': by then its last output (often the crash itself) has been relayed.
    child.once('close', (code, signal) => {
      if (this.shuttingDown) return;
      // Ctrl-C reaches the services straight from the terminal, sometimes before it reaches us.
      if (signal === 'SIGINT') {
        void this.shutdown(0, 'interrupted, stopping everything');
        return;
      }
      const how = signal ?? `code ${code}`;
      void this.shutdown(1, `${service.name} exited unexpectedly (${how}), stopping everything`);
    });
  }

  private async waitForReady(url: string): Promise<boolean> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline && !this.shuttingDown) {
      const status = await fetch(url, { signal: AbortSignal.timeout(1_000) }).then(
        (response) => response.status,
        () => undefined,
      );
      if (status === 200) return true;
      await delay(READY_POLL_MS);
    }
    return false;
  }

  private relayLines(source: Readable, target: Writable, prefix: string): void {
    createInterface({ input: source, crlfDelay: Infinity }).on('line', (line) => {
      target.write(`${prefix} ${line}\n`);
      this.logTail.push(`${prefix} ${line}`);
      if (this.logTail.length > LOG_TAIL_LINES) this.logTail.shift();
    });
  }

  private prefixFor(name: string, index: number): string {
    const label = `[${name}]`.padEnd(this.prefixWidth + 2);
    if (!process.stdout.isTTY) return label;
    return `\x1b[${PREFIX_COLOURS[index % PREFIX_COLOURS.length]}m${label}\x1b[0m`;
  }
}

const SEED_OUTCOMES: Record<DemoSeedOutcome, string> = {
  created: 'created',
  'already-existed': 'already existed',
  'agent-added': 'already existed; its AI agent added',
};

function serviceEnv(infra: LocalInfra, jwtSecret: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Only the gateway listens on PORT; it must not leak into services that might read it.
  delete env.PORT;
  return {
    ...env,
    DATABASE_URL: infra.databaseUrl,
    NATS_URL: infra.natsUrl,
    JWT_SECRET: jwtSecret,
    LOG_PRETTY: process.env.LOG_PRETTY ?? 'true',
    NODE_ENV: 'development',
    SWC_NODE_PROJECT: SWC_PROJECT,
    // Services write to our pipes, so their loggers would otherwise drop colour.
    ...(process.stdout.isTTY && process.env.FORCE_COLOR === undefined ? { FORCE_COLOR: '1' } : {}),
  };
}

/** JWT_SECRET, or one generated on the first run and kept so tokens survive restarts. */
function loadDevJwtSecret(): string {
  if (process.env.JWT_SECRET) return process.env.JWT_SECRET;
  if (existsSync(JWT_SECRET_FILE)) {
    const saved = readFileSync(JWT_SECRET_FILE, 'utf8').trim();
    if (saved) return saved;
  }
  const secret = randomBytes(48).toString('hex');
  mkdirSync(dirname(JWT_SECRET_FILE), { recursive: true });
  writeFileSync(JWT_SECRET_FILE, `${secret}\n`, { mode: 0o600 });
  return secret;
}

async function stopChild({ child, exited }: RunningService): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<true>((resolveTimeout) => {
    timer = setTimeout(() => resolveTimeout(true), CHILD_STOP_TIMEOUT_MS);
  });
  if (await Promise.race([exited.then(() => false), timedOut])) {
    child.kill('SIGKILL');
    await exited;
  }
  clearTimeout(timer);
}

function say(line: string): void {
  process.stdout.write(`[start] ${line}\n`);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolveDelay) => setTimeout(resolveDelay, ms));
}

const runner = new DevRunner();
// `on`, not `once`: a second Ctrl-C must not kill the runner halfway, orphaning what it started.
process.on('SIGINT', () => void runner.shutdown(0, 'interrupted, stopping everything'));
process.on('SIGTERM', () => void runner.shutdown(0, 'terminated, stopping everything'));
void runner.run();
