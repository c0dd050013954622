/**
 * Twilio Media Streams on one telephony process: --calls concurrent simulated Twilio streams (the
 * fake Twilio's own stream player, in real time: a 160-byte μ-law frame every 20 ms per call, a
 * signed upgrade, connected/start/media/mark/stop as Twilio sends them) against telephony's media
 * port (as through an ingress; --via-gateway pipes them through the gateway instead), with the
 * echo sink, for --duration seconds after --warmup seconds.
 *
 * Prints, for the measured window:
 *  - the hand-off time inside telephony: a caller frame arriving on the socket → published on NATS
 *    (an HDR histogram in the session, read from telephony.media.stats);
 *  - the same hop seen from outside (frame sent by the caller → delivered by NATS to a subscriber
 *    here) and the caller's echo round trip, both including this load generator's own delays;
 *  - frames dropped: telephony's counters, every caller frame counted on its call's stored summary,
 *    and every frame sent before the window's end echoed back;
 *  - CPU per process.
 * Target: p99 hand-off ≤ 2 ms, no frame dropped.
 * Usage: npm run bench:media-streams [-- --calls 200 --duration 30 --warmup 5 --via-gateway 0]
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import {
  decodeInboundFrame, MediaSubjects, TelephonySubjects, type MediaStatsDto, type MediaStreamSummaryDto, type RequestContext,
} from '@parley/contracts';
import { FakeMediaStream, TestBus } from '@parley/testing';
import { mediaStreamUrl } from '../../apps/telephony/src/media/media-stream-url';
import { argValue, cpuDelta, machineNote, ms, printCpu, printTable, runBench, startBenchPlatform } from './bench-platform';

const CALLS = argValue('calls', 200);
const DURATION_S = argValue('duration', 30);
const WARMUP_S = argValue('warmup', 5);
const VIA_GATEWAY = argValue('via-gateway', 0) === 1;
const GATEWAY_PORT = 18390;
const MEDIA_PORT = 18391;
const TARGET_P99_MS = 2;
const FRAMES_PER_S = 50;

const sleep = (msToWait: number) => new Promise((resolve) => setTimeout(resolve, msToWait));

/** One simulated call: its stream and, per caller frame, when it was sent. */
interface SimulatedCall {
  callId: string;
  stream: FakeMediaStream;
  sentAt: Float64Array;
}

runBench(async () => {
  const platform = await startBenchPlatform({
    port: GATEWAY_PORT,
    services: ['telephony'],
    env: {
      telephony: {
        MEDIA_STREAMS: 'true', MEDIA_PORT: String(MEDIA_PORT), MEDIA_SINK: 'echo',
        TELEPHONY_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      },
      gateway: { TELEPHONY_MEDIA_URL: `http://127.0.0.1:${MEDIA_PORT}` },
    },
  });
  const bus = await TestBus.connect(platform.infra.natsUrl, platform.iso.prefix, 15_000);
  try {
    // One tenant with a Twilio account, and a call per simulated caller that Twilio knows by its CallSid.
    const tenantId = randomUUID();
    const ctx: Partial<RequestContext> = { tenant_id: tenantId, user_id: randomUUID(), roles: ['owner'], perms: ['calls:read', 'calls:write', 'settings:write'] };
    const account = { accountSid: `AC${randomBytes(16).toString('hex')}`, authToken: randomBytes(16).toString('hex') };
    const publicBaseUrl = VIA_GATEWAY ? platform.baseUrl : `http://127.0.0.1:${MEDIA_PORT}`;
    await bus.send(TelephonySubjects.updateSettings, {
      twilio_account_sid: account.accountSid, twilio_auth_token: account.authToken, twilio_phone_number: '+14155550100', public_base_url: publicBaseUrl,
    }, ctx);
    const capacity = (WARMUP_S + DURATION_S + 10) * FRAMES_PER_S;
    let measuring = false;
    const echoRoundTrips: number[] = [];
    const sentToNats: number[] = [];
    const calls: SimulatedCall[] = [];
    for (let i = 0; i < CALLS; i++) {
      const call = await bus.send(TelephonySubjects.createCall, { direction: 'outbound', type: 'phone', phone_number: '+14155552671' }, ctx);
      const callSid = `CA${randomBytes(16).toString('hex')}`;
      await platform.sql('telephony', 'UPDATE calls SET provider_call_id = $2 WHERE id = $1', [call.id, callSid]);
      const sentAt = new Float64Array(capacity + 1);
      const simulated: SimulatedCall = { callId: call.id, sentAt, stream: undefined as unknown as FakeMediaStream };
      simulated.stream = new FakeMediaStream({
        url: mediaStreamUrl(publicBaseUrl, { tenantId, callId: call.id }),
        parameters: { tenant_id: tenantId, call_id: call.id },
        accountSid: account.accountSid, callSid, authToken: account.authToken,
        script: { pace: 'real-time' },
        keepReceivedAudio: false,
        onHangUp: () => simulated.stream.hangUp(),
        onFrameSent: (chunk) => {
          if (chunk <= capacity) sentAt[chunk] = performance.now();
        },
        onAudioReceived: (count) => {
          if (measuring && count <= capacity && sentAt[count] > 0) echoRoundTrips.push(performance.now() - sentAt[count]);
        },
      });
      calls.push(simulated);
    }
    const byCallId = new Map(calls.map((c) => [c.callId, c]));

    // A second listener on every call's frames: when NATS delivered each one, against when it was sent.
    const observer = bus.nc.subscribe(`${platform.iso.prefix}media.${tenantId}.*.in`, {
      callback: (_error, msg) => {
        if (!measuring) return;
        const frame = decodeInboundFrame(msg.data);
        if (frame.kind !== 'audio') return;
        const call = byCallId.get(msg.subject.split('.').at(-2) ?? '');
        const sent = call?.sentAt[frame.timestamp / 20 + 1];
        if (sent) sentToNats.push(performance.now() - sent);
      },
    });
    await bus.nc.flush();

    // Callers come on the line over ~2 s, so their 20 ms ticks are spread as real calls' would be.
    for (const call of calls) {
      call.stream.open();
      await sleep(2000 / CALLS);
    }
    await sleep(WARMUP_S * 1000);
    const open = calls.filter((c) => c.stream.record.state === 'open').length;
    if (open !== CALLS) throw new Error(`${CALLS - open} of ${CALLS} streams did not open: ${calls.find((c) => c.stream.record.state !== 'open')?.stream.record.error}`);

    await bus.send(MediaSubjects.stats, { reset: true });
    // This process's own lateness: it bounds how well the two outside figures can be trusted.
    const ownLoop = monitorEventLoopDelay({ resolution: 10 });
    ownLoop.enable();
    const cpuBefore = platform.cpuSeconds();
    const startedAt = performance.now();
    measuring = true;
    await sleep(DURATION_S * 1000);
    measuring = false;
    ownLoop.disable();
    const wallS = (performance.now() - startedAt) / 1000;
    const stats: MediaStatsDto = await bus.send(MediaSubjects.stats, {});
    const cpu = cpuDelta(cpuBefore, platform.cpuSeconds());

    // Every frame sent by the window's end must come back within a second.
    const sentByEnd = calls.map((c) => c.stream.record.framesSent);
    await sleep(1000);
    const notEchoed = calls.reduce((sum, c, i) => sum + Math.max(0, sentByEnd[i] - c.stream.record.audioFramesReceived), 0);
    for (const call of calls) call.stream.hangUp();
    await Promise.all(calls.map((c) => c.stream.closed));
    observer.unsubscribe();

    // Each call's summary, stored when its stream stopped: every frame the caller sent was handed on.
    const summaries = await waitForSummaries(platform, calls.length);
    const sent = calls.reduce((sum, c) => sum + c.stream.record.framesSent, 0);
    const handedOn = summaries.reduce((sum, s) => sum + s.frames_in, 0);
    const droppedIn = summaries.reduce((sum, s) => sum + s.frames_dropped_in, 0);
    const droppedOut = summaries.reduce((sum, s) => sum + s.frames_dropped_out, 0);
    const gaps = summaries.reduce((sum, s) => sum + s.sequence_gaps, 0);
    const marksSent = calls.reduce((sum, c) => sum + c.stream.record.marksReceived.length, 0);
    const marksAcked = summaries.reduce((sum, s) => sum + s.marks_acked, 0);

    const frames = stats.handoff.count;
    console.log(`\nMedia Streams: ${CALLS} concurrent calls × ${FRAMES_PER_S} frames/s for ${wallS.toFixed(1)} s on one telephony process, echo sink`
      + ` (${VIA_GATEWAY ? 'through the gateway' : 'straight to telephony\'s media port, as through an ingress'}); ${machineNote()}`);
    console.log(`caller frames handed on in the window: ${frames} (${(frames / wallS).toFixed(0)}/s), echoed to Twilio: ${stats.frames_out} (${(stats.frames_out / wallS).toFixed(0)}/s)\n`);
    printTable([
      ['time (ms)', 'n', 'p50', 'p90', 'p99', 'p99.9', 'max'],
      ['hand-off in telephony (socket → NATS)', frames, ms(stats.handoff.p50_us / 1000), ms(stats.handoff.p90_us / 1000), ms(stats.handoff.p99_us / 1000), ms(stats.handoff.p999_us / 1000), ms(stats.handoff.max_us / 1000)],
      ...external('caller sent → NATS delivered here', sentToNats),
      ...external('echo round trip (caller → sink → caller)', echoRoundTrips),
      ['event loop delay: telephony', stats.event_loop_delay.count, ms(stats.event_loop_delay.p50_us / 1000), ms(stats.event_loop_delay.p90_us / 1000),
        ms(stats.event_loop_delay.p99_us / 1000), ms(stats.event_loop_delay.p999_us / 1000), ms(stats.event_loop_delay.max_us / 1000)],
      ['event loop delay: load generator', ownLoop.count, ...[50, 90, 99, 99.9].map((p) => ms(Math.max(0, ownLoop.percentile(p) / 1e6 - 10))), ms(Math.max(0, ownLoop.max / 1e6 - 10))],
    ]);
    console.log('');
    printTable([
      ['frames dropped', 'count'],
      ['caller frames not handed on (telephony)', stats.frames_dropped_in],
      ['sink frames not played (telephony)', stats.frames_dropped_out],
      ['caller frames sent vs counted on the calls\' summaries', `${sent - handedOn} (${sent} sent, ${handedOn} handed on; summaries: ${droppedIn} + ${droppedOut} dropped, ${gaps} sequence gaps)`],
      ['frames sent by the window\'s end not echoed within 1 s', notEchoed],
      ['marks acknowledged / sent', `${marksAcked} / ${marksSent}`],
    ]);
    printCpu(cpu, frames, wallS, 'caller frame');
    const lost = stats.frames_dropped_in + stats.frames_dropped_out + (sent - handedOn) + notEchoed;
    const p99 = stats.handoff.p99_us / 1000;
    console.log(`\ntarget: p99 hand-off ≤ ${TARGET_P99_MS} ms, no frame dropped → p99 ${ms(p99)} ms, ${lost} dropped: ${p99 <= TARGET_P99_MS && lost === 0 ? 'met' : 'NOT met'}`);
  } finally {
    await bus.close();
    await platform.close();
  }
});

function external(label: string, samples: number[]): Array<Array<string | number>> {
  if (samples.length === 0) return [[label, 0, '-', '-', '-', '-', '-']];
  const sorted = Float64Array.from(samples).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];
  return [[label, sorted.length, ms(at(0.5)), ms(at(0.9)), ms(at(0.99)), ms(at(0.999)), ms(sorted[sorted.length - 1])]];
}

async function waitForSummaries(platform: Awaited<ReturnType<typeof startBenchPlatform>>, count: number): Promise<MediaStreamSummaryDto[]> {
  const until = Date.now() + 15_000;
  for (;;) {
    const rows = await platform.sql<{ summary: MediaStreamSummaryDto }>('telephony', `SELECT analysis->'media_stream' AS summary FROM calls WHERE analysis ? 'media_stream'`);
    if (rows.length >= count || Date.now() > until) return rows.map((r) => r.summary);
    await sleep(200);
  }
}
