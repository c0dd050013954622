/**
 * Twilio status callbacks through the gateway (POST /api/v1/telephony/twilio/status → NATS →
 * telephony: signature checked, receipt recorded, call row locked, status moved, events emitted).
 * One tenant with a Twilio account (PUT /config/telephony, its public base URL the gateway's),
 * --calls calls recorded without dialing (POST /calls); each as Twilio reports a call we placed:
 * the callback URL carries tenant and call_id, the first callback brings the CallSid, and
 * ringing → in-progress → completed follow with SequenceNumber 0, 1, 2, in Twilio's own
 * parameters, signed with the account's auth token. --connections keep-alive connections send
 * them closed-loop for --duration seconds, each working through its own calls in order; after a
 * share (--replays) of the callbacks the same delivery is sent again, byte for byte (a retry).
 *
 * Prints requests/s, client and server-side (gateway-logged) p50/p95/p99, non-2xx answers (must be
 * 0), CPU per process, and whether every call whose callbacks were sent ended completed, read back
 * through GET /calls/:id (nothing lost, nothing moved backwards, no replay applied twice).
 * Usage: npm run bench:twilio-webhooks [-- --duration 10 --connections 20 --calls 4000 --replays 0.1]
 */
import { randomBytes } from 'node:crypto';
import { getExpectedTwilioSignature } from 'twilio';
import { TWILIO_WEBHOOK_PATH, type CallDto } from '@parley/contracts';
import { statusCallbackParams, type CallFacts } from '../../libs/testing/src/fakes/twilio/call-webhook-params';
import { twilioWebhookUrl } from '../../apps/telephony/src/twilio/twilio-webhook-urls';
import {
  argValue, callJson, cpuDelta, machineNote, ms, percentiles, printCpu, printTable, registerOwner, runBench, settle,
  sequentialLatency, startBenchPlatform, workerLoad, type BenchRequest,
} from './bench-platform';
import { seededRandom } from './seeded-random';

const DURATION_S = argValue('duration', 10);
const CONNECTIONS = argValue('connections', 20);
const CALLS = argValue('calls', 4000);
const REPLAY_SHARE = argValue('replays', 0.1);
const WARMUP_S = argValue('warmup', 2);
const GATEWAY_PORT = 18430;
const STATUS_PATH = `${TWILIO_WEBHOOK_PATH}/status`;
const PROGRESS = ['ringing', 'in-progress', 'completed'] as const;
const FROM = '+14155550100';
const TO = '+14155552671';

/** A call as Twilio reports it: its callback URL, what Twilio knows of it, and how far it got. */
interface ReportedCall {
  id: string;
  url: string;
  facts: CallFacts;
  sent: number;
}

/** One connection's place: the call it reports on and the delivery to repeat, if any. */
interface Worker {
  call: ReportedCall | null;
  replay: BenchRequest | null;
}

runBench(async () => {
  const platform = await startBenchPlatform({
    port: GATEWAY_PORT,
    services: ['telephony'],
    env: { telephony: { TELEPHONY_ENCRYPTION_KEY: randomBytes(32).toString('hex') } },
  });
  try {
    const { baseUrl } = platform;
    const owner = await registerOwner(baseUrl, 'twilio-webhooks');
    const account = { sid: `AC${randomBytes(16).toString('hex')}`, token: randomBytes(16).toString('hex') };
    await callJson(baseUrl, 'PUT', '/api/v1/config/telephony', {
      twilio_account_sid: account.sid, twilio_auth_token: account.token, twilio_phone_number: FROM, public_base_url: baseUrl,
    }, owner.token);

    // The calls, recorded through the API by CONNECTIONS clients at once.
    const createdAt = performance.now();
    const calls: ReportedCall[] = [];
    await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
      while (calls.length < CALLS) {
        const placeholder = calls.push(undefined as unknown as ReportedCall) - 1;
        const call = await callJson<CallDto>(baseUrl, 'POST', '/api/v1/calls', { direction: 'outbound', type: 'phone', phone_number: TO }, owner.token);
        calls[placeholder] = {
          id: call.id,
          url: twilioWebhookUrl(baseUrl, 'status', owner.tenantId, call.id),
          facts: { sid: `CA${randomBytes(16).toString('hex')}`, accountSid: account.sid, from: FROM, to: TO, direction: 'outbound-api' },
          sent: 0,
        };
      }
    }));
    const createS = (performance.now() - createdAt) / 1000;

    let nextCall = 0;
    const random = seededRandom(5);
    const started = Date.now();
    let callbacks = 0;
    let replays = 0;
    const workers: Worker[] = Array.from({ length: CONNECTIONS }, () => ({ call: null, replay: null }));
    /** The next delivery of a connection: a retry of its last one, or its call's next callback (a new call's first). */
    const nextDelivery = (index: number): BenchRequest => {
      const worker = workers[index];
      if (worker.replay) {
        const again = worker.replay;
        worker.replay = null;
        replays += 1;
        return again;
      }
      if (!worker.call || worker.call.sent === PROGRESS.length) {
        if (nextCall === calls.length) throw new Error(`all ${CALLS} calls reported: raise --calls`);
        worker.call = calls[nextCall++];
      }
      const request = callback(worker.call, account.token, started);
      callbacks += 1;
      if (random() < REPLAY_SHARE) worker.replay = request;
      return request;
    };
    const tokens = Array.from({ length: CONNECTIONS }, () => '');

    // Warm-up (JIT, pools), then the measured window.
    const warm = await workerLoad(baseUrl, tokens, WARMUP_S, nextDelivery);
    if (warm.failures > 0) throw new Error(`warm-up: ${warm.failures} failed requests, first: ${warm.firstFailure}`);
    await settle();
    const callsBefore = nextCall;
    const callbacksBefore = callbacks;
    const replaysBefore = replays;
    const mark = platform.gatewayLogMark();
    const cpuBefore = platform.cpuSeconds();
    const load = await workerLoad(baseUrl, tokens, DURATION_S, nextDelivery);
    const cpu = cpuDelta(cpuBefore, platform.cpuSeconds());
    const server = await platform.gatewayTimes(STATUS_PATH, mark, load.requests, 'POST');

    // Calls left part-way when the window closed get the rest of their callbacks (unmeasured).
    const finishing: BenchRequest[] = [];
    for (const { call } of workers) {
      while (call && call.sent < PROGRESS.length) finishing.push(callback(call, account.token, started));
    }
    if (finishing.length > 0) await sequentialLatency(baseUrl, finishing, '', finishing.length);

    // Every call that was reported on must now be completed, with its CallSid and 3 callbacks applied.
    const reported = calls.slice(0, nextCall);
    const notCompleted: string[] = [];
    for (let i = 0; i < reported.length; i += CONNECTIONS) {
      const answers = await Promise.all(reported.slice(i, i + CONNECTIONS).map((c) => callJson<CallDto>(baseUrl, 'GET', `/api/v1/calls/${c.id}`, undefined, owner.token)));
      for (const answer of answers) if (answer.status !== 'completed') notCompleted.push(`${answer.id}: ${answer.status}`);
    }
    const [db] = await platform.sql<{ completed: string; wrong: string }>('telephony', `
      SELECT count(*) FILTER (WHERE status = 'completed' AND last_sequence = 2 AND provider_call_id IS NOT NULL) AS completed,
             count(*) FILTER (WHERE status <> 'queued' AND NOT (status = 'completed' AND last_sequence = 2)) AS wrong
        FROM calls WHERE tenant_id = $1`, [owner.tenantId]);
    const [receipts] = await platform.sql<{ count: string }>('telephony', 'SELECT count(*) FROM webhook_receipts WHERE tenant_id = $1', [owner.tenantId]);

    const client = percentiles(load.latencies);
    const serverP = percentiles(server);
    const rps = load.requests / load.elapsedS;
    console.log(`\n=== Twilio status callbacks: POST ${STATUS_PATH}, ${CONNECTIONS} keep-alive connections × ${load.elapsedS.toFixed(1)} s (after ${WARMUP_S} s warm-up), ${(REPLAY_SHARE * 100).toFixed(0)}% of deliveries repeated ===`);
    console.log(machineNote());
    console.log(`${CALLS} calls recorded through POST /api/v1/calls in ${createS.toFixed(1)} s; each reported ringing → in-progress → completed (SequenceNumber 0..2, Twilio's status-callback fields, signed)`);
    console.log(`in the window: ${load.requests} deliveries = ${callbacks - callbacksBefore} callbacks + ${replays - replaysBefore} exact repeats, over ${nextCall - callsBefore} calls\n`);
    printTable([
      ['', 'n', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
      ['client (loopback included)', client.n, rps.toFixed(0), ms(client.p50), ms(client.p95), ms(client.p99), ms(client.max)],
      ['server (gateway-logged, whole ms)', serverP.n, '', serverP.p50, serverP.p95, serverP.p99, serverP.max],
    ]);
    console.log('');
    printTable([
      ['check', 'result'],
      ['non-2xx answers in the window (must be 0)', `${load.failures}${load.firstFailure ? ` (first: ${load.firstFailure})` : ''}`],
      ['non-2xx answers in the warm-up', warm.failures],
      ['calls reported on (warm-up + window)', reported.length],
      ['callbacks sent after the window to finish open calls', finishing.length],
      ['calls not completed (GET /api/v1/calls/:id)', `${notCompleted.length}${notCompleted.length ? ` (e.g. ${notCompleted.slice(0, 3).join(', ')})` : ''}`],
      ['calls completed at SequenceNumber 2 with their CallSid (DB)', db.completed],
      ['calls moved but not completed at SequenceNumber 2 (DB)', db.wrong],
      ['webhook receipts (distinct deliveries applied)', `${receipts.count} (callbacks sent: ${reported.length * PROGRESS.length})`],
    ]);
    printCpu(cpu, load.requests, load.elapsedS, 'delivery');
    const ok = load.failures === 0 && warm.failures === 0 && notCompleted.length === 0 && Number(db.wrong) === 0
      && Number(db.completed) === reported.length && Number(receipts.count) === reported.length * PROGRESS.length;
    console.log(`\nverdict: ${ok ? 'every delivery answered 200, every reported call completed, every repeat ignored' : 'FAILED (see the checks above)'}`);
    if (!ok) throw new Error('twilio status webhooks: a check failed');
  } finally {
    await platform.close();
  }
});

/** The call's next status callback, as Twilio posts it: its fields, signed over the full URL. */
function callback(call: ReportedCall, authToken: string, startedMs: number): BenchRequest {
  const step = call.sent;
  call.sent += 1;
  const final = step === PROGRESS.length - 1;
  const form = statusCallbackParams(call.facts, {
    callStatus: PROGRESS[step],
    sequenceNumber: step,
    timestamp: new Date(startedMs + step * 1000),
    ...(final ? { callDurationSeconds: 42 } : {}),
    ...(step === 0 ? { sipResponseCode: 180 } : {}),
  });
  const path = call.url.slice(call.url.indexOf(TWILIO_WEBHOOK_PATH));
  return { method: 'POST', path, form, headers: { 'x-twilio-signature': getExpectedTwilioSignature(authToken, call.url, form), 'user-agent': 'TwilioProxy/1.1' } };
}
