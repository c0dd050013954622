import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Subscription } from 'nats';
import twilio from 'twilio';
import { WaveFile } from 'wavefile';
import { WebSocket } from 'ws';
import {
  decodeInboundFrame, mediaFrameSubjects, MediaSubjects, TelephonySubjects as S, type InboundMediaFrame, type MediaStreamSummaryDto,
  type RequestContext,
} from '@parley/contracts';
import { callerAudio, eventually, FakeMediaStream, FRAME_SAMPLES, type FakeMediaScript } from '@parley/testing';
import { MediaStreamServer } from '../src/media/media-stream-server';
import { mediaStreamUrl } from '../src/media/media-stream-url';
import { bootTelephony, tenantCtx, type TelephonyHarness } from './support/telephony-harness';
import { configureTwilio, newCallSid, newTwilioAccount, type TestTwilioAccount } from './support/twilio-fixtures';

const MARK_EVERY = 10;

describe('Media Streams: the WebSocket endpoint, per-call sessions and the echo sink (NATS, Postgres)', () => {
  let h: TelephonyHarness;
  let recordings: string;
  let publicBaseUrl: string;

  beforeAll(async () => {
    recordings = await mkdtemp(join(tmpdir(), 'parley-recordings-'));
    h = await bootTelephony({
      MEDIA_STREAMS: 'true', MEDIA_PORT: '0', MEDIA_SINK: 'echo', MEDIA_ECHO_MARK_EVERY: String(MARK_EVERY), MEDIA_RECORDINGS_DIR: recordings,
    });
    // Twilio reaches this replica's media port straight (as through an ingress); signatures are over that URL.
    publicBaseUrl = `http://127.0.0.1:${h.app.get(MediaStreamServer).port}`;
  });

  afterAll(async () => {
    await h?.close();
    await rm(recordings, { recursive: true, force: true });
  });

  /** A tenant with Twilio, and an outbound call that Twilio knows by a CallSid. */
  async function placedCall(): Promise<{ ctx: Partial<RequestContext>; account: TestTwilioAccount; callId: string; callSid: string; url: string }> {
    const ctx = tenantCtx();
    const account = newTwilioAccount();
    await configureTwilio(h.bus, ctx, account, publicBaseUrl);
    const call = await h.bus.send(S.createCall, { direction: 'outbound', type: 'phone', phone_number: '+14155552671' }, ctx);
    const callSid = newCallSid();
    await h.sql(`UPDATE calls SET provider_call_id = $2 WHERE id = $1`, [call.id, callSid]);
    const url = mediaStreamUrl(publicBaseUrl, { tenantId: ctx.tenant_id as string, callId: call.id });
    return { ctx, account, callId: call.id, callSid, url };
  }

  function twilioSide(placed: Awaited<ReturnType<typeof placedCall>>, script: FakeMediaScript, authToken = placed.account.authToken) {
    const stream: FakeMediaStream = new FakeMediaStream({
      url: placed.url, authToken, accountSid: placed.account.accountSid, callSid: placed.callSid, script,
      parameters: { tenant_id: placed.ctx.tenant_id as string, call_id: placed.callId },
      onHangUp: () => stream.hangUp(),
    });
    return stream;
  }

  /** Everything published on the call's `.in` subject, decoded, as a second listener beside the sink. */
  function listenInbound(placed: { ctx: Partial<RequestContext>; callId: string }): { frames: InboundMediaFrame[]; subscription: Subscription } {
    const frames: InboundMediaFrame[] = [];
    const subject = `${h.iso.prefix}${mediaFrameSubjects.inbound(placed.ctx.tenant_id as string, placed.callId)}`;
    const subscription = h.bus.nc.subscribe(subject, { callback: (_error, msg) => frames.push(decodeInboundFrame(new Uint8Array(msg.data))) });
    return { frames, subscription };
  }

  const analysisOf = async (placed: { ctx: Partial<RequestContext>; callId: string }) =>
    (await h.bus.send(S.getCall, { id: placed.callId }, placed.ctx)).analysis;

  it('hands every caller frame to NATS in order, echoes it back, acknowledges marks, and keeps the summary and recording on the call', async () => {
    const placed = await placedCall();
    await h.bus.nc.flush();
    const inbound = listenInbound(placed);
    await h.bus.nc.flush();
    const seconds = 3;
    const frames = (seconds * 1000) / 20;
    const stream = twilioSide(placed, { pace: 'fast', audioMs: seconds * 1000 });
    stream.open();
    await stream.closed;
    // The socket closing and the stop frame crossing NATS race; wait for the stop before reading what arrived.
    await eventually(() => inbound.frames.at(-1)?.kind === 'stop');
    inbound.subscription.unsubscribe();

    const said = callerAudio(frames);
    const heard = inbound.frames.filter((f): f is Extract<InboundMediaFrame, { kind: 'audio' }> => f.kind === 'audio');
    expect(heard.map((f) => f.sequence)).toEqual(Array.from({ length: frames }, (_, i) => i + 2));
    expect(heard.map((f) => f.timestamp)).toEqual(Array.from({ length: frames }, (_, i) => i * 20));
    expect(Buffer.concat(heard.map((f) => Buffer.from(f.audio)))).toEqual(Buffer.from(said));

    const record = stream.record;
    expect(record).toMatchObject({ handshakeStatus: 101, state: 'closed', closedBy: 'twilio', framesSent: frames, malformed: 0 });
    expect(Buffer.concat(record.framesReceived)).toEqual(Buffer.from(said));
    const marks = Array.from({ length: frames / MARK_EVERY }, (_, i) => `echo-${(i + 1) * MARK_EVERY}`);
    expect(record.marksReceived).toEqual(marks);
    expect(record.marksAcked).toEqual(marks);
    expect(inbound.frames.filter((f) => f.kind === 'mark')).toEqual(marks.map((name) => ({ kind: 'mark', name })));
    expect(inbound.frames.at(-1)).toEqual({ kind: 'stop' });

    const analysis = await eventually(() => analysisOf(placed), (a) => Boolean(a['media_stream'] && a['media_recording']));
    expect(analysis['media_stream']).toMatchObject({
      stream_sid: record.streamSid, sink: 'echo', ended_by: 'stop', frames_in: frames, frames_out: frames,
      frames_dropped_in: 0, frames_dropped_out: 0, marks_sent: marks.length, marks_acked: marks.length,
      first_sequence: 1, last_sequence: frames + marks.length + 2, sequence_gaps: 0, out_of_order: 0,
    } satisfies Partial<MediaStreamSummaryDto>);
    const recording = analysis['media_recording'] as { file: string; bytes: number; duration_ms: number };
    expect(recording).toMatchObject({ bytes: frames * FRAME_SAMPLES, duration_ms: seconds * 1000, format: 'audio/x-mulaw;rate=8000' });
    const wav = new WaveFile(await readFile(recording.file));
    expect(wav.fmt).toMatchObject({ audioFormat: 7, sampleRate: 8000, numChannels: 1 });
    expect(Buffer.from((wav as unknown as { data: { samples: Uint8Array } }).data.samples)).toEqual(Buffer.from(said));

    const updates = (await h.outbox('call.updated')).filter((e) => e.data.call_id === placed.callId);
    expect(updates.filter((e) => (e.data.changes as string[]).includes('analysis'))).toHaveLength(2);
  });

  it('streams in real time too: 50 frames a second, our audio played at that pace before each mark comes back', async () => {
    const placed = await placedCall();
    const stream = twilioSide(placed, { pace: 'real-time', audioMs: 1000 });
    const startedAt = Date.now();
    stream.open();
    await eventually(() => stream.record.marksAcked.length >= 5, undefined, 5000);
    const elapsed = Date.now() - startedAt;
    stream.hangUp();
    await stream.closed;
    // 5 marks = 50 echoed frames = 1 s of audio played back.
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(stream.record.framesSent).toBeGreaterThanOrEqual(45);
    expect(stream.record.framesReceived.length).toBeGreaterThanOrEqual(50);
    expect(stream.record.marksAcked.slice(0, 5)).toEqual(['echo-10', 'echo-20', 'echo-30', 'echo-40', 'echo-50']);
    const summary = (await eventually(() => analysisOf(placed), (a) => Boolean(a['media_stream'])))['media_stream'] as MediaStreamSummaryDto;
    expect(summary).toMatchObject({ ended_by: 'stop', frames_dropped_in: 0, frames_dropped_out: 0, sequence_gaps: 0 });
    expect(summary.frames_in).toBe(stream.record.framesSent);
  });

  it('refuses upgrades that are unsigned, signed with another token or for another URL, or for a call that is not the tenant\'s', async () => {
    const placed = await placedCall();
    const other = await placedCall();
    const upgrade = (url: string, signature?: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(url, { headers: signature === undefined ? {} : { 'X-Twilio-Signature': signature } });
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => {
          ws.close();
          resolve(101);
        });
        ws.on('error', () => resolve(-1));
      });
    const sign = (token: string, url: string) => twilio.getExpectedTwilioSignature(token, url, {});

    expect(await upgrade(placed.url, sign(placed.account.authToken, placed.url))).toBe(101);
    expect(await upgrade(placed.url)).toBe(403);
    expect(await upgrade(placed.url, sign('not-the-tenant-token-0000', placed.url))).toBe(403);
    expect(await upgrade(placed.url, sign(placed.account.authToken, placed.url.replace('ws://', 'wss://')))).toBe(403);
    // Another tenant's call under this tenant's signed path.
    const crossed = placed.url.replace(placed.callId, other.callId);
    expect(await upgrade(crossed, sign(placed.account.authToken, crossed))).toBe(403);
    const malformed = `${publicBaseUrl.replace('http', 'ws')}/api/v1/telephony/twilio/media/nope`;
    expect(await upgrade(malformed, sign(placed.account.authToken, malformed))).toBe(404);

    // A genuine upgrade whose start names another CallSid is closed with a policy violation and noted on the call.
    const impostor = new FakeMediaStream({
      url: placed.url, authToken: placed.account.authToken, accountSid: placed.account.accountSid, callSid: newCallSid(),
      parameters: {}, script: { pace: 'fast', audioMs: 200 }, onHangUp: () => undefined,
    });
    impostor.open();
    await impostor.closed;
    expect(impostor.record).toMatchObject({ handshakeStatus: 101, closedBy: 'server', closeCode: 1008 });
    const analysis = await eventually(() => analysisOf(placed), (a) => Boolean(a['media_stream']));
    expect(analysis['media_stream']).toMatchObject({ ended_by: 'refused', frames_in: 0 });
  });

  it('counts a socket dropped without stop as disconnected, and reports this replica\'s figures on the stats subject', async () => {
    const before = await h.bus.send(MediaSubjects.stats, {});
    const placed = await placedCall();
    const stream = twilioSide(placed, { pace: 'real-time' });
    stream.open();
    await eventually(() => stream.record.framesReceived.length >= 5, undefined, 5000);
    stream.abort();
    const summary = (await eventually(() => analysisOf(placed), (a) => Boolean(a['media_stream'])))['media_stream'] as MediaStreamSummaryDto;
    expect(summary).toMatchObject({ ended_by: 'disconnected', frames_dropped_in: 0 });
    const after = await h.bus.send(MediaSubjects.stats, { reset: true });
    expect(after.streams_started - before.streams_started).toBeGreaterThanOrEqual(1);
    expect(after.frames_in).toBeGreaterThan(before.frames_in);
    expect(after.handoff.count).toBe(after.frames_in);
    expect(after.handoff.p99_us).toBeGreaterThan(0);
    expect(after.active_streams).toBe(0);
    expect((await h.bus.send(MediaSubjects.stats, {})).frames_in).toBe(0);
  });
});
