import {
  decodeInboundFrame, decodeOutboundFrame, encodeClearFrame, encodeDtmfFrame, encodeInboundAudio, encodeMarkFrame,
  encodeOutboundAudio, encodeStopFrame, INBOUND_AUDIO_HEADER_BYTES, MediaFrameError,
} from '@parley/contracts';

describe('binary media frames on NATS', () => {
  it('carries an inbound frame as 9 header bytes and the raw μ-law, decoded straight from Twilio\'s base64', () => {
    const audio = Buffer.from(Array.from({ length: 160 }, (_, i) => (i * 7) & 0xff));
    const frame = encodeInboundAudio(4_000_000_001, 61_440, audio.toString('base64'));
    expect(frame.length).toBe(INBOUND_AUDIO_HEADER_BYTES + 160);
    const decoded = decodeInboundFrame(frame);
    expect(decoded).toMatchObject({ kind: 'audio', sequence: 4_000_000_001, timestamp: 61_440 });
    expect(Buffer.from((decoded as { audio: Uint8Array }).audio)).toEqual(audio);
  });

  it('round-trips marks (any text), DTMF, stop, outbound audio and clear', () => {
    expect(decodeInboundFrame(encodeMarkFrame('échо-50'))).toEqual({ kind: 'mark', name: 'échо-50' });
    expect(decodeInboundFrame(encodeDtmfFrame('#'))).toEqual({ kind: 'dtmf', digit: '#' });
    expect(decodeInboundFrame(encodeStopFrame())).toEqual({ kind: 'stop' });
    const audio = new Uint8Array([1, 2, 3, 255]);
    const out = decodeOutboundFrame(encodeOutboundAudio(audio));
    expect(out.kind).toBe('audio');
    expect(Array.from((out as { audio: Uint8Array }).audio)).toEqual([1, 2, 3, 255]);
    expect(decodeOutboundFrame(encodeMarkFrame('m'))).toEqual({ kind: 'mark', name: 'm' });
    expect(decodeOutboundFrame(encodeClearFrame())).toEqual({ kind: 'clear' });
  });

  it('refuses frames of unknown kinds and truncated audio headers', () => {
    expect(() => decodeInboundFrame(Uint8Array.of(9))).toThrow(MediaFrameError);
    expect(() => decodeInboundFrame(Uint8Array.of(1, 0, 0))).toThrow(MediaFrameError);
    expect(() => decodeOutboundFrame(encodeStopFrame())).toThrow(MediaFrameError);
  });
});
