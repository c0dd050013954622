/**
 * Time from an `npm start`-style boot (tools/dev/start.ts) to the gateway's /ready answering
 * 200: once with the embedded Postgres and a nats-server started by the runner, once against
 * an already running Postgres and NATS (DATABASE_URL / NATS_URL). Usage: npm run bench:boot
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

const PORT = 18200;

/** `env` is the whole environment of the runner (so leaving DATABASE_URL out really leaves it out). */
async function bootOnce(label: string, env: NodeJS.ProcessEnv): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'tools/dev/start.ts'], {
    env: { ...env, SWC_NODE_PROJECT: 'tsconfig.base.json', PORT: String(PORT), LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    for (;;) {
      const status = await fetch(`http://127.0.0.1:${PORT}/ready`).then((r) => r.status, () => 0);
      if (status === 200) break;
      if (child.exitCode !== null) throw new Error(`${label}: the runner exited with ${child.exitCode}`);
      if (performance.now() - started > 120_000) throw new Error(`${label}: not ready in 120 s`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return (performance.now() - started) / 1000;
  } finally {
    child.kill('SIGINT');
    await exited;
  }
}

async function main(): Promise<void> {
  const external = {
    ...process.env,
    DATABASE_URL: process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/parley',
    NATS_URL: process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222',
  };
  const withoutInfra = { ...process.env };
  delete withoutInfra['DATABASE_URL'];
  delete withoutInfra['NATS_URL'];
  const results: Array<[string, number]> = [];
  results.push(['embedded Postgres + nats-server started by the runner', await bootOnce('embedded', withoutInfra)]);
  results.push(['running Postgres and NATS (DATABASE_URL, NATS_URL)', await bootOnce('external', external)]);
  console.log('\nboot → /ready 200');
  for (const [label, seconds] of results) console.log(`  ${label.padEnd(58)} ${seconds.toFixed(2)} s`);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
