import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mulaw } from 'alawmulaw';
import twilio from 'twilio';
import { WebSocket, WebSocketServer } from 'ws';
import { startFakeTwilio, type FakeTwilio } from '../fake-twilio';
import { callerAudio, callerAudioFrame } from '../twilio/caller-audio';
import { sdkClient, startWebhookReceiver, type WebhookReceiver } from './twilio-webhook-receiver';

const ACCOUNT_SID = `AC${randomBytes(16).toString('hex')}`;
const AUTH_TOKEN = randomBytes(16).toString('hex');
const OUR_NUMBER = '+14155550100';
const LEAD = '+14155550123';

/** Our side of a Media Stream, as a test drives it: checks the upgrade's signature, records every message. */
interface StreamServer {
  url: string;
  messages: Array<Record<string, any>>;
  sockets: WebSocket[];
  upgrades: Array<{ signed: boolean }>;
  /** What the server does with each message. */
  onMessage(handler: (message: Record<string, any>, ws: WebSocket) => void): void;
  refuseWith(status: number): void;
  close(): Promise<void>;
}

async function startStreamServer(): Promise<StreamServer> {
  const wss = new WebSocketServer({ noServer: true });
  const messages: Array<Record<string, any>> = [];
  const sockets: WebSocket[] = [];
  const upgrades: Array<{ signed: boolean }> = [];
  let handler: (message: Record<string, any>, ws: WebSocket) => void = () => undefined;
  let refusal = 0;
  let url = '';
  const server: Server = createServer();
  server.on('upgrade', (req: IncomingMessage, socket, head) => {
    const signed = twilio.validateRequest(AUTH_TOKEN, String(req.headers['x-twilio-signature'] ?? ''), url, {});
    upgrades.push({ signed });
    if (refusal || !signed) return socket.end(`HTTP/1.1 ${refusal || 403} Refused\r\nContent-Length: 0\r\n\r\n`);
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.push(ws);
      ws.on('message', (data: Buffer) => {
        const message = JSON.parse(data.toString('utf8')) as Record<string, any>;
        messages.push(message);
        handler(message, ws);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/media/t-1/c-1`;
  return {
    url, messages, sockets, upgrades,
    onMessage: (next) => (handler = next),
    refuseWith: (status) => (refusal = status),
    close: () => new Promise((resolve) => {
      sockets.forEach((s) => s.terminate());
      server.close(() => resolve());
    }),
  };
}

async function eventually(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('fake Twilio: Media Streams (<Connect><Stream>)', () => {
  let fake: FakeTwilio;
  let receiver: WebhookReceiver;
  let streams: StreamServer;
  let client: twilio.Twilio;

  beforeEach(async () => {
    fake = await startFakeTwilio();
    fake.addAccount(ACCOUNT_SID, AUTH_TOKEN, [OUR_NUMBER]);
    receiver = await startWebhookReceiver();
    streams = await startStreamServer();
    client = sdkClient(fake.apiBaseUrl, ACCOUNT_SID, AUTH_TOKEN);
  });

  afterEach(async () => {
    await fake.close();
    await receiver.close();
    await streams.close();
  });

  const connectTwiml = (after = '') =>
    `<Response><Connect><Stream url="${streams.url}"><Parameter name="call_id" value="c-1"/></Stream></Connect>${after}</Response>`;
  const dial = () => client.calls.create({ to: LEAD, from: OUR_NUMBER, url: `${receiver.baseUrl}/voice`, statusCallback: `${receiver.baseUrl}/status` });

  it('opens a signed stream, sends connected, start and the caller\'s μ-law voice, plays our audio and answers every mark, then stops at hang-up', async () => {
    receiver.answer('/voice', { body: connectTwiml() });
    fake.script(LEAD, { outcome: 'completed', ringMs: 10, talkMs: 10_000, media: { pace: 'fast', audioMs: 400 } });
    // Our side echoes each frame and follows every fifth with a mark.
    let echoed = 0;
    streams.onMessage((message, ws) => {
      if (message.event !== 'media') return;
      ws.send(JSON.stringify({ event: 'media', streamSid: message.streamSid, media: { payload: message.media.payload } }));
      if (++echoed % 5 === 0) ws.send(JSON.stringify({ event: 'mark', streamSid: message.streamSid, mark: { name: `m${echoed}` } }));
    });
    const call = await dial();
    await fake.waitForCall(call.sid, 10_000);

    expect(streams.upgrades).toEqual([{ signed: true }]);
    const [connected, start, ...rest] = streams.messages;
    expect(connected).toEqual({ event: 'connected', protocol: 'Call', version: '1.0.0' });
    const record = fake.calls[0].mediaStreams[0];
    expect(start).toMatchObject({
      event: 'start', sequenceNumber: '1', streamSid: record.streamSid,
      start: {
        accountSid: ACCOUNT_SID, callSid: call.sid, streamSid: record.streamSid, tracks: ['inbound'], customParameters: { call_id: 'c-1' },
        mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
      },
    });
    const media = rest.filter((m) => m.event === 'media');
    expect(media).toHaveLength(20);
    expect(media.map((m) => m.media.chunk)).toEqual(Array.from({ length: 20 }, (_, i) => String(i + 1)));
    expect(media.map((m) => m.media.timestamp)).toEqual(Array.from({ length: 20 }, (_, i) => String(i * 20)));
    expect(Buffer.concat(media.map((m) => Buffer.from(m.media.payload, 'base64')))).toEqual(Buffer.from(callerAudio(20)));
    const marks = rest.filter((m) => m.event === 'mark').map((m) => m.mark.name);
    expect(marks).toEqual(['m5', 'm10', 'm15', 'm20']);
    expect(rest.at(-1)).toMatchObject({ event: 'stop', stop: { accountSid: ACCOUNT_SID, callSid: call.sid } });
    // Sequence numbers count every message Twilio sends after connected.
    expect(rest.map((m) => Number(m.sequenceNumber))).toEqual(Array.from({ length: rest.length }, (_, i) => i + 2));

    expect(record).toMatchObject({ handshakeStatus: 101, state: 'closed', closedBy: 'twilio', framesSent: 20, marksAcked: marks, malformed: 0 });
    expect(Buffer.concat(record.framesReceived)).toEqual(Buffer.from(callerAudio(20)));
    expect(fake.calls[0].status).toBe('completed');
  });

  it('speaks in real time: a frame every 20 ms, and a mark comes back only once the audio before it has played (or at once on clear)', async () => {
    receiver.answer('/voice', { body: connectTwiml() });
    fake.script(LEAD, { outcome: 'completed', ringMs: 10, talkMs: 10_000 });
    const acks: Array<{ name: string; at: number }> = [];
    let sentAt = 0;
    streams.onMessage((message, ws) => {
      if (message.event === 'start') {
        // 25 frames of audio (500 ms to play), then a mark; then a mark we clear before it plays.
        const payload = Buffer.from(callerAudioFrame(0)).toString('base64');
        for (let i = 0; i < 25; i++) ws.send(JSON.stringify({ event: 'media', streamSid: message.streamSid, media: { payload } }));
        ws.send(JSON.stringify({ event: 'mark', streamSid: message.streamSid, mark: { name: 'played' } }));
        sentAt = Date.now();
      }
      if (message.event === 'mark') {
        acks.push({ name: message.mark.name, at: Date.now() - sentAt });
        if (message.mark.name === 'played') {
          const payload = Buffer.from(callerAudioFrame(1)).toString('base64');
          for (let i = 0; i < 50; i++) ws.send(JSON.stringify({ event: 'media', streamSid: message.streamSid, media: { payload } }));
          ws.send(JSON.stringify({ event: 'mark', streamSid: message.streamSid, mark: { name: 'cleared' } }));
          setTimeout(() => ws.send(JSON.stringify({ event: 'clear', streamSid: message.streamSid })), 100);
        }
      }
    });
    const call = await dial();
    await eventually(() => acks.length === 2);
    const frames = streams.messages.filter((m) => m.event === 'media').length;
    await client.calls(call.sid).update({ status: 'completed' });
    await fake.waitForCall(call.sid);

    expect(acks[0].name).toBe('played');
    expect(acks[0].at).toBeGreaterThanOrEqual(450);
    expect(acks[1].name).toBe('cleared');
    // Cleared 100 ms in, long before its 1 s of audio would have played.
    expect(acks[1].at - acks[0].at).toBeLessThan(600);
    // About 50 frames a second while all that happened.
    const elapsed = acks[1].at + 100;
    expect(frames).toBeGreaterThan((elapsed / 20) * 0.6);
    expect(fake.calls[0].mediaStreams[0]).toMatchObject({ clearsReceived: 1, marksAcked: ['played', 'cleared'] });
    expect(mulaw.decode(callerAudioFrame(3)).some((sample) => Math.abs(sample) > 1000)).toBe(true);
  });

  it('blocks the rest of the TwiML until our side closes the socket, then goes on with it', async () => {
    receiver.answer('/voice', { body: connectTwiml('<Say>Goodbye</Say><Hangup/>') });
    fake.script(LEAD, { outcome: 'completed', ringMs: 10, talkMs: 30_000 });
    streams.onMessage((message, ws) => {
      if (message.event === 'media' && message.media.chunk === '5') ws.close(1000);
    });
    const call = await dial();
    await fake.waitForCall(call.sid, 5000);
    const record = fake.calls[0].mediaStreams[0];
    expect(record).toMatchObject({ state: 'closed', closedBy: 'server', closeCode: 1000 });
    expect(record.framesSent).toBeGreaterThanOrEqual(5);
    // The <Hangup/> after <Connect> ended the call, well before its 30 s of talk.
    expect(fake.calls[0].status).toBe('completed');
    expect(fake.calls[0].durationSeconds).toBeLessThan(5);
  });

  it('records a refused upgrade and moves on, as Twilio does when a stream cannot connect', async () => {
    streams.refuseWith(403);
    receiver.answer('/voice', { body: connectTwiml('<Hangup/>') });
    fake.script(LEAD, { outcome: 'completed', ringMs: 10, talkMs: 30_000 });
    const call = await dial();
    await fake.waitForCall(call.sid, 5000);
    expect(fake.calls[0].mediaStreams[0]).toMatchObject({ handshakeStatus: 403, state: 'failed' });
    expect(fake.calls[0].status).toBe('completed');
  });

  it('speaks only in its utterance windows, in real time whatever the pace, so our side can be interrupted on cue', async () => {
    receiver.answer('/voice', { body: connectTwiml() });
    fake.script(LEAD, {
      outcome: 'completed', ringMs: 10, talkMs: 30_000,
      media: { pace: 'fast', utterances: [{ atMs: 100, durationMs: 200 }, { atMs: 500, durationMs: 100 }] },
    });
    const call = await dial();
    await eventually(() => streams.messages.filter((m) => m.event === 'media').length >= 40);
    const startedAt = Date.now();
    await eventually(() => streams.messages.filter((m) => m.event === 'media').length >= 50);
    await client.calls(call.sid).update({ status: 'completed' });
    await fake.waitForCall(call.sid);

    const media = streams.messages.filter((m) => m.event === 'media').slice(0, 40);
    // The caller's voice (frame i of it) inside the windows, μ-law silence elsewhere.
    const speaking = (i: number) => (i >= 5 && i < 15) || (i >= 25 && i < 30);
    const expected = Array.from({ length: 40 }, (_, i) => (speaking(i) ? Buffer.from(callerAudioFrame(i)) : Buffer.alloc(160, 0xff)).toString('base64'));
    expect(media.map((m) => m.media.payload)).toEqual(expected);
    // Ten more frames took about 200 ms: real time, not fast.
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(120);
  });

  it('stops the stream (stop, then close) when the call is updated with new TwiML, and runs that TwiML', async () => {
    receiver.answer('/voice', { body: connectTwiml('<Say>never reached</Say>') });
    fake.script(LEAD, { outcome: 'completed', ringMs: 10, talkMs: 30_000 });
    const call = await dial();
    await eventually(() => streams.messages.some((m) => m.event === 'media'));
    await client.calls(call.sid).update({ twiml: '<Response><Say>Please hold for a colleague.</Say><Hangup/></Response>' });
    await fake.waitForCall(call.sid, 5000);

    expect(streams.messages.at(-1)).toMatchObject({ event: 'stop' });
    expect(fake.calls[0].mediaStreams[0]).toMatchObject({ state: 'closed', closedBy: 'twilio' });
    expect(fake.calls[0].heard).toEqual(['Please hold for a colleague.']);
    expect(fake.calls[0].durationSeconds).toBeLessThan(5);
  });
});
