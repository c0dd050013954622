/**
 * The binary frames of a call's media subjects (`mediaFrameSubjects`): one kind byte, then the
 * kind's fields. Audio is raw μ-law bytes, never base64 or JSON, so handing a frame on costs one
 * small copy.
 *
 *   inbound (telephony → sink)                     outbound (sink → telephony)
 *   1 audio  [1][seq u32][timestamp u32][μ-law…]   1 audio [1][μ-law…]
 *   2 mark   [2][name utf-8]  (Twilio played it)   2 mark  [2][name utf-8]
 *   3 dtmf   [3][digit]                            5 clear [5]
 *   4 stop   [4]
 */
export const MediaFrameKind = { Audio: 1, Mark: 2, Dtmf: 3, Stop: 4, Clear: 5 } as const;

/** Bytes before the audio of an inbound audio frame: kind, Twilio's sequence number and timestamp (ms). */
export const INBOUND_AUDIO_HEADER_BYTES = 9;

export type InboundMediaFrame =
  | { kind: 'audio'; sequence: number; timestamp: number; audio: Uint8Array }
  | { kind: 'mark'; name: string }
  | { kind: 'dtmf'; digit: string }
  | { kind: 'stop' };

export type OutboundMediaFrame = { kind: 'audio'; audio: Uint8Array } | { kind: 'mark'; name: string } | { kind: 'clear' };

export class MediaFrameError extends Error {}

/** An inbound audio frame straight from Twilio's base64 payload (decoded into the frame, no intermediate buffer). */
export function encodeInboundAudio(sequence: number, timestamp: number, payloadBase64: string): Uint8Array {
  const frame = Buffer.allocUnsafe(INBOUND_AUDIO_HEADER_BYTES + Buffer.byteLength(payloadBase64, 'base64'));
  frame[0] = MediaFrameKind.Audio;
  frame.writeUInt32BE(sequence >>> 0, 1);
  frame.writeUInt32BE(timestamp >>> 0, 5);
  const written = frame.write(payloadBase64, INBOUND_AUDIO_HEADER_BYTES, 'base64');
  // byteLength estimates from the text; padding or stray characters can make it shorter.
  return frame.subarray(0, INBOUND_AUDIO_HEADER_BYTES + written);
}

export function encodeOutboundAudio(audio: Uint8Array): Uint8Array {
  const frame = new Uint8Array(1 + audio.length);
  frame[0] = MediaFrameKind.Audio;
  frame.set(audio, 1);
  return frame;
}

export function encodeMarkFrame(name: string): Uint8Array {
  return textFrame(MediaFrameKind.Mark, name);
}

export function encodeDtmfFrame(digit: string): Uint8Array {
  return textFrame(MediaFrameKind.Dtmf, digit);
}

export function encodeStopFrame(): Uint8Array {
  return Uint8Array.of(MediaFrameKind.Stop);
}

export function encodeClearFrame(): Uint8Array {
  return Uint8Array.of(MediaFrameKind.Clear);
}

export function decodeInboundFrame(frame: Uint8Array): InboundMediaFrame {
  switch (frame[0]) {
    case MediaFrameKind.Audio: {
      if (frame.length < INBOUND_AUDIO_HEADER_BYTES) throw new MediaFrameError('inbound audio frame shorter than its header');
      const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
      return { kind: 'audio', sequence: view.getUint32(1), timestamp: view.getUint32(5), audio: frame.subarray(INBOUND_AUDIO_HEADER_BYTES) };
    }
    case MediaFrameKind.Mark:
      return { kind: 'mark', name: textOf(frame) };
    case MediaFrameKind.Dtmf:
      return { kind: 'dtmf', digit: textOf(frame) };
    case MediaFrameKind.Stop:
      return { kind: 'stop' };
    default:
      throw new MediaFrameError(`unknown inbound media frame kind ${frame[0]}`);
  }
}

export function decodeOutboundFrame(frame: Uint8Array): OutboundMediaFrame {
  switch (frame[0]) {
    case MediaFrameKind.Audio:
      return { kind: 'audio', audio: frame.subarray(1) };
    case MediaFrameKind.Mark:
      return { kind: 'mark', name: textOf(frame) };
    case MediaFrameKind.Clear:
      return { kind: 'clear' };
    default:
      throw new MediaFrameError(`unknown outbound media frame kind ${frame[0]}`);
  }
}

function textFrame(kind: number, text: string): Uint8Array {
  const frame = Buffer.allocUnsafe(1 + Buffer.byteLength(text, 'utf8'));
  frame[0] = kind;
  frame.write(text, 1, 'utf8');
  return frame;
}

function textOf(frame: Uint8Array): string {
  return Buffer.from(frame.buffer, frame.byteOffset + 1, frame.byteLength - 1).toString('utf8');
}
