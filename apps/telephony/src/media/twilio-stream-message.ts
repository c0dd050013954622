/**
 * Twilio's Media Streams messages (JSON text frames), read and written. Twilio sends `connected`,
 * `start`, `media`, `mark`, `dtmf` and `stop`; on a bidirectional stream (<Connect><Stream>) we
 * send `media`, `mark` and `clear`. Numbers arrive as strings ("sequenceNumber": "3").
 */

export interface TwilioStreamStart {
  streamSid: string;
  accountSid: string;
  callSid: string;
  tracks: string[];
  customParameters: Record<string, string>;
  mediaFormat: { encoding: string; sampleRate: number; channels: number };
}

export type TwilioStreamMessage =
  | { event: 'connected'; protocol: string; version: string }
  | { event: 'start'; sequence: number; start: TwilioStreamStart }
  | { event: 'media'; sequence: number; streamSid: string; track: string; chunk: number; timestamp: number; payload: string }
  | { event: 'mark'; sequence: number; streamSid: string; name: string }
  | { event: 'dtmf'; sequence: number; streamSid: string; digit: string }
  | { event: 'stop'; sequence: number; streamSid: string; callSid: string }
  /** An event Twilio may add later: ignored, not guessed at. */
  | { event: 'unknown'; name: string };

export class TwilioStreamMessageError extends Error {}

const STREAM_SID = /^MZ[0-9a-fA-F]{32}$/;

export function isStreamSid(value: unknown): value is string {
  return typeof value === 'string' && STREAM_SID.test(value);
}

/** Reads one message; throws TwilioStreamMessageError when it is not a Twilio message at all. */
export function parseTwilioStreamMessage(text: string): TwilioStreamMessage {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new TwilioStreamMessageError('not JSON');
  }
  if (typeof raw !== 'object' || raw === null) throw new TwilioStreamMessageError('not a JSON object');
  const message = raw as Record<string, any>;
  const event = message['event'];
  switch (event) {
    case 'media': {
      // The hot path: 50 a second per call.
      const media = message['media'];
      if (typeof media !== 'object' || media === null || typeof media.payload !== 'string') throw new TwilioStreamMessageError('media without a payload');
      return {
        event, sequence: count(message['sequenceNumber']), streamSid: text_(message['streamSid']), track: text_(media.track),
        chunk: count(media.chunk), timestamp: count(media.timestamp), payload: media.payload,
      };
    }
    case 'connected':
      return { event, protocol: text_(message['protocol']), version: text_(message['version']) };
    case 'start':
      return { event, sequence: count(message['sequenceNumber']), start: startOf(message['start'], message['streamSid']) };
    case 'mark':
      return { event, sequence: count(message['sequenceNumber']), streamSid: text_(message['streamSid']), name: text_(message['mark']?.name) };
    case 'dtmf':
      return { event, sequence: count(message['sequenceNumber']), streamSid: text_(message['streamSid']), digit: text_(message['dtmf']?.digit) };
    case 'stop':
      return { event, sequence: count(message['sequenceNumber']), streamSid: text_(message['streamSid']), callSid: text_(message['stop']?.callSid) };
    default:
      if (typeof event !== 'string') throw new TwilioStreamMessageError('no event');
      return { event: 'unknown', name: event };
  }
}

/** Audio to play (μ-law, base64). The stream sid is checked at start, so it needs no escaping. */
export function mediaMessage(streamSid: string, payloadBase64: string): string {
  return `{"event":"media","streamSid":"${streamSid}","media":{"payload":"${payloadBase64}"}}`;
}

/** Twilio sends the mark back once everything sent before it has played (or was cleared). */
export function markMessage(streamSid: string, name: string): string {
  return JSON.stringify({ event: 'mark', streamSid, mark: { name } });
}

/** Empties Twilio's buffer of audio not yet played (barge-in). */
export function clearMessage(streamSid: string): string {
  return JSON.stringify({ event: 'clear', streamSid });
}

function startOf(start: unknown, streamSid: unknown): TwilioStreamStart {
  if (typeof start !== 'object' || start === null) throw new TwilioStreamMessageError('start without its details');
  const s = start as Record<string, any>;
  const format = (typeof s['mediaFormat'] === 'object' && s['mediaFormat']) || {};
  const custom = typeof s['customParameters'] === 'object' && s['customParameters'] !== null ? s['customParameters'] : {};
  return {
    streamSid: text_(s['streamSid'] ?? streamSid),
    accountSid: text_(s['accountSid']),
    callSid: text_(s['callSid']),
    tracks: Array.isArray(s['tracks']) ? s['tracks'].filter((t: unknown): t is string => typeof t === 'string') : [],
    customParameters: Object.fromEntries(Object.entries(custom).filter((entry): entry is [string, string] => typeof entry[1] === 'string')),
    mediaFormat: { encoding: text_(format.encoding), sampleRate: Number(format.sampleRate), channels: Number(format.channels) },
  };
}

function text_(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Twilio's numeric strings ("42"); -1 when absent or not a whole number. */
function count(value: unknown): number {
  const n = typeof value === 'string' ? Number(value) : typeof value === 'number' ? value : NaN;
  return Number.isInteger(n) && n >= 0 ? n : -1;
}
