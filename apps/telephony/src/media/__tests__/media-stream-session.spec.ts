import { performance } from 'node:perf_hooks';
import {
  decodeInboundFrame, encodeClearFrame, encodeMarkFrame, encodeOutboundAudio, type MediaStreamClaim, type MediaStreamClaimRequest,
  type MediaStreamSummaryDto,
} from '@parley/contracts';
import { MediaStreamMetrics } from '../media-stream-metrics';
import { MediaStreamSession, type MediaStreamPorts } from '../media-stream-session';

const STREAM = 'MZ' + 'c'.repeat(32);
const CALL_SID = 'CA' + 'd'.repeat(32);
const ACCOUNT = 'AC' + 'e'.repeat(32);
const identity = { tenantId: 't-1', callId: 'call-1', accountSid: ACCOUNT, expectedCallSid: CALL_SID };

const start = (overrides: Record<string, unknown> = {}) => JSON.stringify({
  event: 'start', sequenceNumber: '1', streamSid: STREAM,
  start: {
    accountSid: ACCOUNT, streamSid: STREAM, callSid: CALL_SID, tracks: ['inbound'], customParameters: { call_id: 'call-1' },
    mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 }, ...overrides,
  },
});
const media = (seq: number, fill = seq) => JSON.stringify({
  event: 'media', sequenceNumber: String(seq), streamSid: STREAM,
  media: { track: 'inbound', chunk: String(seq - 1), timestamp: String((seq - 2) * 20), payload: Buffer.alloc(160, fill).toString('base64') },
});

/** Ports that remember everything, with a claim the test resolves when it wants. */
function harness(options: { claim?: MediaStreamClaim | null; maxHeld?: number; deferPublishes?: boolean } = {}) {
  const unsettled: Array<() => void> = [];
  const published: Uint8Array[] = [];
  const sent: string[] = [];
  const summaries: MediaStreamSummaryDto[] = [];
  const claims: MediaStreamClaimRequest[] = [];
  let deliver: (frame: Uint8Array) => void = () => undefined;
  let unsubscribed = false;
  let resolveClaim!: (claim: MediaStreamClaim | null) => void;
  let closed: { code: number; reason: string } | undefined;
  const ports: MediaStreamPorts = {
    sendToTwilio: (text) => {
      sent.push(text);
      return true;
    },
    closeSocket: (code, reason) => (closed = { code, reason }),
    publishInbound: (frame, settled) => {
      const settle = () => {
        published.push(frame);
        settled?.(true);
      };
      if (options.deferPublishes) unsettled.push(settle);
      else settle();
    },
    subscribeOutbound: (onFrame) => {
      deliver = onFrame;
      return () => (unsubscribed = true);
    },
    claim: (request) => {
      claims.push(request);
      return 'claim' in options ? Promise.resolve(options.claim ?? null) : new Promise((resolve) => (resolveClaim = resolve));
    },
    finished: (summary) => summaries.push(summary),
    warn: () => undefined,
  };
  const metrics = new MediaStreamMetrics();
  const session = new MediaStreamSession(identity, ports, metrics, options.maxHeld ?? 250);
  return {
    session, metrics, published, sent, summaries, claims,
    settleAll: () => unsettled.splice(0).forEach((settle) => settle()),
    play: (frame: Uint8Array) => deliver(frame),
    resolveClaim: (claim: MediaStreamClaim | null) => resolveClaim(claim),
    get unsubscribed() { return unsubscribed; },
    get closed() { return closed; },
  };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('MediaStreamSession', () => {
  it('holds caller frames until a sink claims the stream, then hands every one on in order', async () => {
    const h = harness();
    h.session.receive('{"event":"connected","protocol":"Call","version":"1.0.0"}', performance.now());
    h.session.receive(start(), performance.now());
    expect(h.claims[0]).toMatchObject({ call_id: 'call-1', stream_sid: STREAM, call_sid: CALL_SID, encoding: 'audio/x-mulaw', sample_rate: 8000, channels: 1 });
    h.session.receive(media(2), performance.now());
    h.session.receive(media(3), performance.now());
    expect(h.published).toHaveLength(0);
    h.resolveClaim({ sink: 'echo' });
    await flush();
    h.session.receive(media(4), performance.now());
    expect(h.published.map((f) => decodeInboundFrame(f))).toEqual([
      expect.objectContaining({ kind: 'audio', sequence: 2, timestamp: 0 }),
      expect.objectContaining({ kind: 'audio', sequence: 3, timestamp: 20 }),
      expect.objectContaining({ kind: 'audio', sequence: 4, timestamp: 40 }),
    ]);
    expect(Buffer.from((decodeInboundFrame(h.published[2]) as { audio: Uint8Array }).audio)).toEqual(Buffer.alloc(160, 4));
    expect(h.metrics.snapshot()).toMatchObject({ active_streams: 1, frames_in: 3, handoff: { count: 3 } });
  });

  it('plays what the sink sends (media, mark, clear) to Twilio and acknowledges Twilio\'s marks to the sink', async () => {
    const h = harness({ claim: { sink: 'echo' } });
    h.session.receive(start(), performance.now());
    await flush();
    h.play(encodeOutboundAudio(new Uint8Array([1, 2, 3])));
    h.play(encodeMarkFrame('after-hello'));
    h.play(encodeClearFrame());
    expect(h.sent.map((t) => JSON.parse(t))).toEqual([
      { event: 'media', streamSid: STREAM, media: { payload: Buffer.from([1, 2, 3]).toString('base64') } },
      { event: 'mark', streamSid: STREAM, mark: { name: 'after-hello' } },
      { event: 'clear', streamSid: STREAM },
    ]);
    h.session.receive(`{"event":"mark","sequenceNumber":"2","streamSid":"${STREAM}","mark":{"name":"after-hello"}}`, performance.now());
    h.session.receive(`{"event":"dtmf","sequenceNumber":"3","streamSid":"${STREAM}","dtmf":{"digit":"5"}}`, performance.now());
    expect(h.published.map((f) => decodeInboundFrame(f))).toEqual([{ kind: 'mark', name: 'after-hello' }, { kind: 'dtmf', digit: '5' }]);
  });

  it('ends on stop: tells the sink, stops listening, and summarises the stream with its sequence gaps', async () => {
    const h = harness({ claim: { sink: 'echo' } });
    h.session.receive(start(), performance.now());
    await flush();
    for (const seq of [2, 3, 5, 6]) h.session.receive(media(seq), performance.now());
    h.play(encodeOutboundAudio(new Uint8Array(160)));
    h.session.receive(`{"event":"stop","sequenceNumber":"7","streamSid":"${STREAM}","stop":{"callSid":"${CALL_SID}"}}`, performance.now());
    h.session.disconnected();
    h.play(encodeOutboundAudio(new Uint8Array(160)));
    expect(decodeInboundFrame(h.published.at(-1) as Uint8Array)).toEqual({ kind: 'stop' });
    expect(h.unsubscribed).toBe(true);
    expect(h.summaries).toEqual([expect.objectContaining({
      stream_sid: STREAM, sink: 'echo', ended_by: 'stop', frames_in: 4, frames_out: 1, frames_dropped_in: 0,
      first_sequence: 1, last_sequence: 7, sequence_gaps: 1, out_of_order: 0,
    })]);
    expect(h.metrics.snapshot()).toMatchObject({ active_streams: 0, streams_ended: 1 });
  });

  it('summarises a stream only once every frame before its stop was handed on', async () => {
    const h = harness({ claim: { sink: 'echo' }, deferPublishes: true });
    h.session.receive(start(), performance.now());
    await flush();
    for (const seq of [2, 3, 4]) h.session.receive(media(seq), performance.now());
    h.session.receive(`{"event":"stop","sequenceNumber":"5","streamSid":"${STREAM}","stop":{"callSid":"${CALL_SID}"}}`, performance.now());
    expect(h.summaries).toHaveLength(0);
    h.settleAll();
    expect(h.summaries).toEqual([expect.objectContaining({ ended_by: 'stop', frames_in: 3 })]);
    expect(decodeInboundFrame(h.published.at(-1) as Uint8Array)).toEqual({ kind: 'stop' });
  });

  it('refuses a stream for another call or account, or in another format, and records why', () => {
    for (const [overrides, reason] of [
      [{ callSid: 'CA' + '0'.repeat(32) }, /another call/],
      [{ accountSid: 'AC' + '0'.repeat(32) }, /another Twilio account/],
      [{ mediaFormat: { encoding: 'audio/l16', sampleRate: 16000, channels: 1 } }, /media format/],
      [{ customParameters: { call_id: 'call-2' } }, /another call/],
    ] as const) {
      const h = harness({ claim: { sink: 'echo' } });
      h.session.receive(start(overrides), performance.now());
      expect(h.closed).toEqual({ code: 1008, reason: expect.stringMatching(reason) });
      expect(h.claims).toHaveLength(0);
      expect(h.summaries).toEqual([expect.objectContaining({ ended_by: 'refused' })]);
    }
  });

  it('drops (and counts) caller frames beyond what may wait for a sink, and frames before start', async () => {
    const h = harness({ maxHeld: 2 });
    h.session.receive(media(2), performance.now());
    h.session.receive(start(), performance.now());
    for (const seq of [3, 4, 5]) h.session.receive(media(seq), performance.now());
    h.resolveClaim(null);
    await flush();
    h.session.disconnected();
    expect(h.summaries[0]).toMatchObject({ sink: null, ended_by: 'disconnected', frames_in: 2, frames_dropped_in: 2 });
  });
});
