import twilio from 'twilio';
import { WebSocket } from 'ws';
import type { Socket } from 'socket.io-client';
import { callerAudio, isolation, parseTwiml, type Isolation } from '@parley/testing';
import { Api, registerTenant, type TestTenant } from './support/api';
import { startPlatform } from './support/platform';
import { connectSocket } from './support/socket-client';
import { callAnyTime, callReaching, connectTwilio, fictionalNumber } from './support/telephony';

type Platform = Awaited<ReturnType<typeof startPlatform>>;

const SECONDS = 30;
const FRAMES = (SECONDS * 1000) / 20;
const MARK_EVERY = 50;

/**
 * Twilio Media Streams end to end: the fake Twilio answers an outbound call, our voice webhook
 * (through the gateway) connects it to a stream, and the fake opens the WebSocket at the gateway's
 * public address — piped to telephony, which hands every frame over NATS to the echo sink and plays
 * the echo back. The caller's 30 s of audio are sent time-compressed (fast pace).
 */
describe('Media Streams through the gateway and a fake Twilio', () => {
  let iso: Isolation;
  let platform: Platform;
  let api: Api;
  let owner: TestTenant;
  let account: Awaited<ReturnType<typeof connectTwilio>>;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    iso = isolation();
    platform = await startPlatform(iso, {
      telephonyEnv: { MEDIA_STREAMS: 'true', MEDIA_SINK: 'echo', MEDIA_ECHO_MARK_EVERY: String(MARK_EVERY) },
    });
    api = new Api(platform.baseUrl);
    owner = await registerTenant(api, 'media-streams');
    account = await connectTwilio(api, owner, platform.twilio);
    await callAnyTime(api, owner);
  }, 60_000);

  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await platform?.close();
    await iso?.cleanup();
  });

  it('streams 30 s of a caller\'s audio both ways, every mark acknowledged, and keeps the stream\'s summary on the call', async () => {
    const number = fictionalNumber();
    platform.twilio.script(number, { outcome: 'completed', ringMs: 50, talkMs: 60_000, media: { pace: 'fast', audioMs: SECONDS * 1000 } });
    const watcher = await connectSocket(api.baseUrl, owner.token);
    sockets.push(watcher);
    const updates: any[] = [];
    watcher.on('call.updated', (payload) => updates.push(payload));

    const initiated = await api.post('/api/v1/calls/initiate', { phone_number: number }, { token: owner.token });
    expect(initiated.status).toBe(201);
    const id = initiated.body.id as string;
    const twilioCall = platform.twilio.calls.find((c) => c.to === number)!;
    await platform.twilio.waitForCall(twilioCall.sid, 30_000);

    // Answered with <Connect><Stream> at the public address, the tenant and call in the path.
    const streamUrl = `${platform.baseUrl.replace('http://', 'ws://')}/api/v1/telephony/twilio/media/${owner.tenantId}/${id}`;
    const voice = twilioCall.callbacks.find((c) => c.kind === 'voice')!;
    const [connect] = parseTwiml(voice.body).children;
    expect(connect.name).toBe('Connect');
    expect(connect.children[0]).toMatchObject({ name: 'Stream', attributes: { url: streamUrl } });
    expect(connect.children[0].children.map((p) => p.attributes)).toEqual([
      { name: 'tenant_id', value: owner.tenantId }, { name: 'call_id', value: id },
    ]);

    const [stream] = twilioCall.mediaStreams;
    expect(stream).toMatchObject({ url: streamUrl, handshakeStatus: 101, state: 'closed', closedBy: 'twilio', framesSent: FRAMES, malformed: 0 });
    // The echo came back whole and in order: what the caller said is what Twilio was given to play.
    expect(stream.framesReceived).toHaveLength(FRAMES);
    expect(Buffer.concat(stream.framesReceived)).toEqual(Buffer.from(callerAudio(FRAMES)));
    const marks = Array.from({ length: FRAMES / MARK_EVERY }, (_, i) => `echo-${(i + 1) * MARK_EVERY}`);
    expect(stream.marksReceived).toEqual(marks);
    expect(stream.marksAcked).toEqual(marks);

    const call = await callReaching(api, owner, id, 'completed');
    expect(call.provider_call_id).toBe(twilioCall.sid);
    const detail = await waitForSummary(id);
    expect(detail.analysis.media_stream).toMatchObject({
      stream_sid: stream.streamSid, sink: 'echo', ended_by: 'stop',
      frames_in: FRAMES, frames_out: FRAMES, frames_dropped_in: 0, frames_dropped_out: 0,
      marks_sent: marks.length, marks_acked: marks.length, sequence_gaps: 0, out_of_order: 0,
    });
    expect(updates.some((u) => u.call_id === id && u.changes?.includes('analysis'))).toBe(true);
  }, 60_000);

  it('refuses a Media Stream upgrade through the gateway unless Twilio signed it with the tenant\'s token', async () => {
    const number = fictionalNumber();
    platform.twilio.script(number, { outcome: 'completed', ringMs: 20, talkMs: 50 });
    const initiated = await api.post('/api/v1/calls/initiate', { phone_number: number }, { token: owner.token });
    expect(initiated.status).toBe(201);
    const url = `${platform.baseUrl.replace('http://', 'ws://')}/api/v1/telephony/twilio/media/${owner.tenantId}/${initiated.body.id}`;
    const upgrade = (signature?: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(url, { headers: signature ? { 'X-Twilio-Signature': signature } : {} });
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => {
          ws.close();
          resolve(101);
        });
        ws.on('error', () => resolve(-1));
      });
    expect(await upgrade()).toBe(403);
    expect(await upgrade(twilio.getExpectedTwilioSignature('forged-token-forged-token', url, {}))).toBe(403);
    expect(await upgrade(twilio.getExpectedTwilioSignature(account.authToken, url, {}))).toBe(101);
    // Socket.IO still upgrades on the same server.
    const socket = await connectSocket(api.baseUrl, owner.token);
    sockets.push(socket);
    expect(socket.connected).toBe(true);
  });

  async function waitForSummary(id: string): Promise<any> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const res = await api.get(`/api/v1/calls/${id}`, { token: owner.token });
      if (res.body?.analysis?.media_stream || Date.now() > deadline) return res.body;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
});
