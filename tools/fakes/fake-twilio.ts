/**
 * The fake Twilio the tests use, as a standalone server for local runs with no Twilio account:
 *   npm run fake:twilio -- --port 8200 --account AC00000000000000000000000000000001:secret-token:+14155550100
 *   TWILIO_API_BASE_URL=http://127.0.0.1:8200 npm start
 * Give the platform the same account sid, auth token and number (PUT /config/telephony). Outbound
 * calls then ring for real: signed status callbacks and voice webhooks go to the public base URL.
 * Place an inbound call by hand through the control routes (see libs/testing/src/fakes/twilio):
 *   curl -XPOST localhost:8200/_fake/inbound-calls -H 'content-type: application/json' \
 *     -d '{"account_sid":"AC…","from":"+14155550123","to":"+14155550100","url":"http://localhost:3000/api/v1/telephony/twilio/voice?tenant=…"}'
 * Flags: --port, --account AC…:token[:+number,+number] (repeatable), --ring-ms, --talk-ms.
 */
import { startFakeTwilio } from '@parley/testing';

function flagValues(name: string): string[] {
  const values: string[] = [];
  process.argv.forEach((arg, index) => {
    if (arg === `--${name}` && index + 1 < process.argv.length) values.push(process.argv[index + 1]);
  });
  return values;
}

function numberFlag(name: string, fallback: number): number {
  const [value] = flagValues(name);
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`--${name} takes a number, got ${value}`);
  return parsed;
}

/** "AC…:token" or "AC…:token:+14155550100,+14155550101" (a token never contains a colon). */
function parseAccount(spec: string): { sid: string; token: string; numbers: string[] } {
  const [sid, token, numbers = ''] = spec.split(':');
  if (!sid?.startsWith('AC') || !token) throw new Error(`--account takes AC…:token[:+number,…], got ${spec}`);
  return { sid, token, numbers: numbers.split(',').filter(Boolean) };
}

async function main(): Promise<void> {
  const accounts = flagValues('account').map(parseAccount);
  const fake = await startFakeTwilio({ port: numberFlag('port', 8200), ringMs: numberFlag('ring-ms', 2000), talkMs: numberFlag('talk-ms', 20_000) });
  for (const account of accounts) fake.addAccount(account.sid, account.token, account.numbers);

  console.log(`fake Twilio listening: TWILIO_API_BASE_URL=${fake.apiBaseUrl}`);
  for (const account of accounts) {
    console.log(`  account ${account.sid}${account.numbers.length ? ` numbers ${account.numbers.join(', ')}` : ' (any From number)'}`);
  }
  if (accounts.length === 0) console.log('  no account yet: pass --account AC…:token or POST /_fake/accounts');
  const stop = () => void fake.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
