/**
 * The Realtime media path of phone calls on the openai provider: --calls concurrent calls, each
 * answered by voice-ai (voice-ai.phone.answered → mode stream) and its Media Stream claimed
 * (media.stream.claim) as telephony does, then fed as telephony feeds them: a 20 ms μ-law frame per
 * call on the call's `.in` subject, in real time (a caller talking ~1.6 s in every 5, the rest
 * silence), while this process plays Twilio's part for the `.out` side (acknowledges each mark
 * once the audio before it has played, returns pending marks on a clear). voice-ai bridges every
 * call to the fake OpenAI Realtime API, in a process of its own (fake-openai-host.ts) so this
 * load generator's event loop does not delay it, which answers each caller turn with ~1 s of
 * audio; callers talk over some of it (barge-in).
 *
 * Measured over --duration seconds after --warmup: the time from a caller frame published on NATS
 * to its input_audio_buffer.append arriving at the fake's socket (NATS → voice-ai → WebSocket →
 * fake; the fake stamps every event it receives, the offset between its clock and ours is measured
 * over IPC, and the k-th append of a session is the k-th frame of its call, as every frame is sent
 * after the session is live); beside it what voice-ai's own code adds (its in-process clock, read
 * from voice-ai.media.stats, reset after the warm-up: a frame's arrival on NATS → its append
 * written to the model socket); frames lost; what came back; CPU per process.
 * Usage: npm run bench:voice-media [-- --calls 100 --duration 30 --warmup 5]
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { Subscription } from 'nats';
import {
  decodeOutboundFrame, encodeMarkFrame, encodeStopFrame, INBOUND_AUDIO_HEADER_BYTES, MediaFrameKind, mediaFrameSubjects, MediaSubjects,
  PERMISSIONS, TWILIO_MEDIA_ENCODING, VoiceAiSubjects, type LatencySummaryDto, type RealtimeMediaStats, type RequestContext,
} from '@parley/contracts';
import { callerAudioFrame, FRAME_MS, FRAME_SAMPLES, TestBus } from '@parley/testing';
import { argValue, cpuDelta, machineNote, ms, printCpu, printTable, runBench, startBenchPlatform } from './bench-platform';
import { FakeOpenAIProcess, type FakeHostSession } from './fake-openai-host';

const CALLS = argValue('calls', 100);
const DURATION_S = argValue('duration', 30);
const WARMUP_S = argValue('warmup', 5);
const GATEWAY_PORT = 18410;
const FAKE_KEY = 'sk-bench-fake-openai';
/** A caller talks for TALK_MS in every CYCLE_MS (each call at its own phase), silent in between. */
const CYCLE_MS = 5_000;
const TALK_MS = 1_600;
const MULAW_SILENCE = 0xff;
const SESSION_TIMEOUT_MS = 10_000;
// What the callers say, turn after turn (read by the fake at each end of speech): no tool is asked for.
const TRANSCRIPTS = ['Hello?', "Yes, I'm listening.", 'That sounds interesting.', 'Tell me a bit more.', 'Okay, go on.', 'Right.'];

/** Epoch milliseconds with sub-millisecond precision: the clock the fake stamps received events with. */
const now = () => performance.timeOrigin + performance.now();
const sleep = (msToWait: number) => new Promise((resolve) => setTimeout(resolve, msToWait));

/** One simulated phone call: its frames, when each was published, and Twilio's side of its playback. */
class SimulatedCall {
  readonly callId = randomUUID();
  readonly sentAt: Float64Array;
  framesSent = 0;
  audioFramesOut = 0;
  marksReceived = 0;
  marksAcked = 0;
  clears = 0;
  private playedUntil = 0;
  private readonly pendingMarks = new Map<string, NodeJS.Timeout>();
  private timer: NodeJS.Timeout | null = null;
  private subscription: Subscription | null = null;
  private readonly phaseMs = Math.random() * CYCLE_MS;

  constructor(
    capacity: number,
    private readonly publishIn: (frame: Uint8Array) => void,
  ) {
    this.sentAt = new Float64Array(capacity);
  }

  /** Twilio's side of the `.out` subject: play audio in real time, acknowledge marks when reached, honour clear. */
  listen(subscribe: (onFrame: (data: Uint8Array) => void) => Subscription): void {
    this.subscription = subscribe((data) => {
      const frame = decodeOutboundFrame(data);
      const at = performance.now();
      if (frame.kind === 'audio') {
        this.audioFramesOut++;
        this.playedUntil = Math.max(this.playedUntil, at) + (frame.audio.length / FRAME_SAMPLES) * FRAME_MS;
      } else if (frame.kind === 'mark') {
        this.marksReceived++;
        const name = frame.name;
        this.pendingMarks.set(name, setTimeout(() => this.ackMark(name), Math.max(0, this.playedUntil - at)));
      } else {
        // Twilio drops what it has not played yet and returns the marks still waiting.
        this.clears++;
        this.playedUntil = at;
        for (const [name, timer] of this.pendingMarks) {
          clearTimeout(timer);
          this.ackMark(name);
        }
      }
    });
  }

  /** A frame every 20 ms on the call's own clock (scheduled against the start, so it does not drift). */
  startTalking(): void {
    const startedAt = performance.now();
    const tick = () => {
      this.sendFrame();
      this.timer = setTimeout(tick, Math.max(0, startedAt + this.framesSent * FRAME_MS - performance.now()));
    };
    tick();
  }

  hangUp(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const timer of this.pendingMarks.values()) clearTimeout(timer);
    this.pendingMarks.clear();
    this.publishIn(encodeStopFrame());
  }

  unsubscribe(): void {
    this.subscription?.unsubscribe();
  }

  private sendFrame(): void {
    const index = this.framesSent;
    if (index >= this.sentAt.length) return;
    const talking = (index * FRAME_MS + this.phaseMs) % CYCLE_MS < TALK_MS;
    const frame = Buffer.allocUnsafe(INBOUND_AUDIO_HEADER_BYTES + FRAME_SAMPLES);
    frame[0] = MediaFrameKind.Audio;
    frame.writeUInt32BE(index + 1, 1);
    frame.writeUInt32BE(index * FRAME_MS, 5);
    if (talking) frame.set(callerAudioFrame(index), INBOUND_AUDIO_HEADER_BYTES);
    else frame.fill(MULAW_SILENCE, INBOUND_AUDIO_HEADER_BYTES);
    this.sentAt[index] = now();
    this.framesSent++;
    this.publishIn(frame);
  }

  private ackMark(name: string): void {
    if (!this.pendingMarks.delete(name)) return;
    this.marksAcked++;
    this.publishIn(encodeMarkFrame(name));
  }
}

runBench(async () => {
  const fake = await FakeOpenAIProcess.start({ apiKey: FAKE_KEY, realtime: { transcripts: TRANSCRIPTS } });
  const platform = await startBenchPlatform({
    port: GATEWAY_PORT,
    services: ['voice-ai'],
    env: {
      'voice-ai': {
        VOICE_AI_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
        DEFAULT_CONVERSATION_PROVIDER: 'openai',
        OPENAI_API_KEY: FAKE_KEY,
        OPENAI_BASE_URL: fake.baseURL,
        VOICE_MEDIA_STREAMS: 'true',
      },
    },
  });
  const bus = await TestBus.connect(platform.infra.natsUrl, platform.iso.prefix, 15_000);
  const calls: SimulatedCall[] = [];
  try {
    const tenantId = randomUUID();
    const ctx: Partial<RequestContext> = { tenant_id: tenantId, user_id: randomUUID(), roles: ['owner'], perms: [...PERMISSIONS] };
    const agent = await bus.send(VoiceAiSubjects.createAgent, {
      name: 'Ava', role: 'sales', company_name: 'Demo Company', provider: 'openai', channels: ['phone'],
      voice: { provider: 'openai', voice_id: 'alloy', language: 'en-US' },
      // No tools: the media path alone, no knowledge, leads or telephony behind it.
      tools: [],
    }, ctx);
    await bus.send(VoiceAiSubjects.activateAgent, { id: agent.id }, ctx);

    const nc = bus.nc;
    const capacity = (WARMUP_S + DURATION_S + 20) * (1000 / FRAME_MS);
    console.log(`bridging ${CALLS} calls to the fake Realtime API ...`);
    for (let i = 0; i < CALLS; i++) {
      const call: SimulatedCall = new SimulatedCall(capacity, (frame) => nc.publish(`${platform.iso.prefix}${mediaFrameSubjects.inbound(tenantId, call.callId)}`, frame));
      const turn = await bus.send(VoiceAiSubjects.phoneAnswered, {
        call_id: call.callId, ai_agent_id: agent.id, direction: 'inbound', remote_number: `+1415555${String(100 + (i % 100)).padStart(4, '0')}`,
      }, ctx);
      if (turn.mode !== 'stream') throw new Error(`voice-ai answered call ${i + 1} with mode ${turn.mode}, not stream: is the openai provider configured?`);
      call.listen((onFrame) => nc.subscribe(`${platform.iso.prefix}${mediaFrameSubjects.outbound(tenantId, call.callId)}`, { callback: (error, msg) => { if (!error) onFrame(msg.data); } }));
      const claim = await bus.send(MediaSubjects.claimVoiceAiStream, {
        call_id: call.callId, stream_sid: `MZ${randomBytes(16).toString('hex')}`, call_sid: `CA${randomBytes(16).toString('hex')}`,
        account_sid: `AC${randomBytes(16).toString('hex')}`, encoding: TWILIO_MEDIA_ENCODING, sample_rate: 8000, channels: 1,
        custom_parameters: { tenant_id: tenantId, call_id: call.callId }, started_at: new Date().toISOString(),
      }, { tenant_id: tenantId });
      if (claim.sink !== 'voice-ai') throw new Error(`call ${i + 1} was claimed by ${claim.sink}`);
      // Frames before the session is live are only held, not forwarded: start once it is configured.
      await liveSession(fake, i);
      calls.push(call);
      call.startTalking();
    }

    await sleep(WARMUP_S * 1000);
    // voice-ai's own counters start afresh: the warm-up (sessions opening, JIT) is left out.
    await bus.send(VoiceAiSubjects.mediaStats, { reset: true });
    const ownLoop = monitorEventLoopDelay({ resolution: 10 });
    ownLoop.enable();
    const fakeBefore = (await fake.ask('usage')).usage;
    const cpuBefore = platform.cpuSeconds();
    const windowStart = now();
    const outBefore = calls.map((call) => call.audioFramesOut);
    await sleep(DURATION_S * 1000);
    const windowEnd = now();
    const voiceAi: RealtimeMediaStats = await bus.send(VoiceAiSubjects.mediaStats, {});
    ownLoop.disable();
    const wallS = (windowEnd - windowStart) / 1000;
    const cpu = cpuDelta(cpuBefore, platform.cpuSeconds());
    const fakeAfter = (await fake.ask('usage')).usage;
    cpu['fake OpenAI'] = fakeAfter.cpuS - fakeBefore.cpuS;
    const audioOutInWindow = calls.reduce((sum, call, i) => sum + call.audioFramesOut - outBefore[i], 0);

    // Let the last frames land, then hang up and check every bridge ended its conversation.
    await sleep(1000);
    for (const call of calls) call.hangUp();
    await nc.flush();
    const ended = await waitForEndedCalls(bus, ctx, CALLS);
    for (const call of calls) call.unsubscribe();

    const clock = await fake.clockOffset();
    const sessions: FakeHostSession[] = (await fake.ask('records')).sessions;
    const samples: number[] = [];
    let sent = 0;
    let appended = 0;
    let mismatched = 0;
    calls.forEach((call, i) => {
      const appends = sessions[i].appends;
      sent += call.framesSent;
      appended += appends.length;
      if (appends.length !== call.framesSent) mismatched++;
      for (let k = 0; k < Math.min(appends.length, call.framesSent); k++) {
        const sentAt = call.sentAt[k];
        if (sentAt >= windowStart && sentAt < windowEnd) samples.push(appends[k] - clock.offsetMs - sentAt);
      }
    });

    const fakeLoop = fakeAfter.loop;
    console.log(`\nRealtime media path: ${CALLS} concurrent calls × ${1000 / FRAME_MS} caller frames/s for ${wallS.toFixed(1)} s, one voice-ai process, the fake Realtime API in a process of its own; ${machineNote()}`);
    console.log(`clocks: the fake's runs ${ms(clock.offsetMs)} ms from ours, measured to ±${(clock.uncertaintyMs * 1000).toFixed(0)} µs\n`);
    printTable([
      ['time (ms)', 'n', 'p50', 'p90', 'p99', 'p99.9', 'max'],
      latencyRow('end to end: caller frame published on .in → append at the fake Realtime socket', samples),
      summaryRow('our code adds: frame arrival on NATS → written to the model socket (voice-ai\'s clock)', voiceAi.media_path),
      summaryRow('event loop delay: voice-ai', voiceAi.event_loop_delay),
      ['event loop delay: load generator', ownLoop.count, ...[50, 90, 99, 99.9].map((p) => ms(Math.max(0, ownLoop.percentile(p) / 1e6 - 10))), ms(Math.max(0, ownLoop.max / 1e6 - 10))],
      ['event loop delay: fake OpenAI', fakeLoop.count, ms(fakeLoop.p50), ms(fakeLoop.p90), ms(fakeLoop.p99), ms(fakeLoop.p999), ms(fakeLoop.max)],
    ]);
    console.log('');
    printTable([
      ['frames and events', 'count'],
      ['caller frames published (whole run)', sent],
      ['appends received by the fake', `${appended} (${sent - appended} lost; ${mismatched} calls with a gap)`],
      ['assistant audio frames back on .out in the window', `${audioOutInWindow} (${(audioOutInWindow / wallS).toFixed(0)}/s)`],
      ['marks received / acknowledged', `${sum(calls, (c) => c.marksReceived)} / ${sum(calls, (c) => c.marksAcked)}`],
      ['caller turns transcribed by the fake', sessions.reduce((total, session) => total + session.userTurns, 0)],
      ['responses completed / cut by barge-in', `${sessions.reduce((t, s) => t + s.responsesCompleted, 0)} / ${sessions.reduce((t, s) => t + s.responsesCancelled, 0)}`],
      ['clears sent to "Twilio" / truncates sent to the model', `${sum(calls, (c) => c.clears)} / ${sessions.reduce((total, session) => total + session.truncates, 0)}`],
      ['caller frames forwarded by voice-ai in the window / skipped (session not ready) / dropped', `${voiceAi.frames_in} / ${voiceAi.frames_skipped} / ${voiceAi.frames_dropped_in}`],
      ['barge-ins seen by voice-ai in the window / model socket failures', `${voiceAi.barge_ins} / ${voiceAi.socket_failures}`],
      ['voice calls ended after the stop frames', `${ended} / ${CALLS}`],
    ]);
    printCpu(cpu, samples.length, wallS, 'caller frame');
    if (mismatched > 0) console.log(`\nnote: ${mismatched} calls lost frames, so their later frames are matched to the wrong appends; their figures are approximate.`);
  } finally {
    for (const call of calls) call.unsubscribe();
    await bus.close();
    await platform.close();
    await fake.close();
  }
});

/** Until the fake's index-th session is configured by voice-ai (session.update received). */
async function liveSession(fake: FakeOpenAIProcess, index: number): Promise<void> {
  const until = Date.now() + SESSION_TIMEOUT_MS;
  for (;;) {
    const { configured } = await fake.ask('sessions');
    if (configured[index]) return;
    if (Date.now() > until) throw new Error(`call ${index + 1}: no configured Realtime session within ${SESSION_TIMEOUT_MS / 1000} s (${configured.length} sessions open)`);
    await sleep(5);
  }
}

async function waitForEndedCalls(bus: TestBus, ctx: Partial<RequestContext>, expected: number): Promise<number> {
  const until = Date.now() + 30_000;
  for (;;) {
    const page = await bus.send(VoiceAiSubjects.listVoiceCalls, { status: 'ended', per_page: 1 }, ctx);
    if (page.total >= expected || Date.now() > until) return page.total;
    await sleep(250);
  }
}

function latencyRow(label: string, samples: number[]): Array<string | number> {
  if (samples.length === 0) return [label, 0, '-', '-', '-', '-', '-'];
  const sorted = Float64Array.from(samples).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];
  return [label, sorted.length, ms(at(0.5)), ms(at(0.9)), ms(at(0.99)), ms(at(0.999)), ms(sorted[sorted.length - 1])];
}

/** A latency summary in microseconds (an HDR histogram's) as a row in ms, three decimals: our code's share is sub-millisecond. */
function summaryRow(label: string, summary: LatencySummaryDto): Array<string | number> {
  const msOf = (us: number) => (us / 1000).toFixed(3);
  return [label, summary.count, msOf(summary.p50_us), msOf(summary.p90_us), msOf(summary.p99_us), msOf(summary.p999_us), msOf(summary.max_us)];
}

function sum(calls: SimulatedCall[], value: (call: SimulatedCall) => number): number {
  return calls.reduce((total, call) => total + value(call), 0);
}
