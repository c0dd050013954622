// `npm test`: finds or starts the Postgres and NATS the integration specs need, runs jest once
// over every project against them, and stops what it started.
import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureInfra, type LocalInfra } from '../infra/local-infra';

const REPO_ROOT = resolve(__dirname, '../..');
const JEST_BIN = join(REPO_ROOT, 'node_modules', '.bin', 'jest');
const JEST_STOP_TIMEOUT_MS = 10_000;

// Set before anything starts so jest and every worker inherit them.
process.env.TZ = 'UTC';
process.env.NX_DAEMON = 'false';
process.env.NX_NO_CLOUD = 'true';

let interruptedBy: NodeJS.Signals | undefined;
let jest: ChildProcess | undefined;
let jestKillTimer: NodeJS.Timeout | undefined;

function onSignal(signal: NodeJS.Signals): void {
  interruptedBy ??= signal;
  if (!jest || jestKillTimer) return;
  // Ctrl-C reaches jest through the terminal too, a plain `kill` of this process does not; either
  // way jest gets a while to wind down its workers before it is killed.
  jest.kill(signal);
  jestKillTimer = setTimeout(() => jest?.kill('SIGKILL'), JEST_STOP_TIMEOUT_MS);
}

async function main(): Promise<number> {
  let infra: LocalInfra;
  try {
    infra = await ensureInfra({ purpose: 'test', log: (line) => console.log(`[test] ${line}`) });
  } catch (error) {
    console.error(`[test] ${error instanceof Error ? error.message : String(error)}`);
    return interruptedBy ? exitCodeFor(interruptedBy) : 1;
  }
  try {
    if (interruptedBy) return exitCodeFor(interruptedBy);
    return await runJest(infra);
  } finally {
    await infra.stop();
  }
}

function runJest(infra: LocalInfra): Promise<number> {
  const args = process.argv.slice(2);
  if (isCi() && !args.some((arg) => arg === '--ci' || arg.startsWith('--ci=') || arg === '--no-ci')) {
    args.unshift('--ci');
  }
  const child = spawn(process.execPath, [JEST_BIN, ...args], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
    env: { ...process.env, DATABASE_URL: infra.databaseUrl, NATS_URL: infra.natsUrl },
  });
  jest = child;
  return new Promise((resolveExit) => {
    child.once('error', (error) => {
      console.error(`[test] could not start jest: ${error.message}`);
      resolveExit(1);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(jestKillTimer);
      resolveExit(code ?? exitCodeFor(signal ?? 'SIGTERM'));
    });
  });
}

function isCi(): boolean {
  const ci = process.env.CI;
  return ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0';
}

/** The shell convention for a process ended by a signal: 128 + its number. */
function exitCodeFor(signal: NodeJS.Signals): number {
  return 128 + (constants.signals[signal] ?? 15);
}

process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('[test]', error);
    process.exit(1);
  },
);
