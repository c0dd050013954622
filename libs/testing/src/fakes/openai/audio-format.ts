import { alaw, mulaw } from 'alawmulaw';

/**
 * The three audio encodings the Realtime API speaks (GA `audio/pcmu|pcma|pcm`, beta
 * `g711_ulaw|g711_alaw|pcm16`), decoded to and encoded from 16-bit samples with a G.711 codec.
 */

export type AudioEncoding = 'pcmu' | 'pcma' | 'pcm16';

export function sampleRateOf(encoding: AudioEncoding): number {
  return encoding === 'pcm16' ? 24_000 : 8_000;
}

export function bytesPerSample(encoding: AudioEncoding): number {
  return encoding === 'pcm16' ? 2 : 1;
}

/** Milliseconds of audio in `bytes` bytes. */
export function durationMs(encoding: AudioEncoding, bytes: number): number {
  return (bytes / bytesPerSample(encoding) / sampleRateOf(encoding)) * 1000;
}

export function decodeAudio(encoding: AudioEncoding, bytes: Uint8Array): Int16Array {
  if (encoding === 'pcmu') return mulaw.decode(bytes);
  if (encoding === 'pcma') return alaw.decode(bytes);
  const samples = new Int16Array(Math.floor(bytes.length / 2));
  const view = new DataView(bytes.buffer, bytes.byteOffset, samples.length * 2);
  for (let i = 0; i < samples.length; i++) samples[i] = view.getInt16(i * 2, true);
  return samples;
}

export function encodeAudio(encoding: AudioEncoding, samples: Int16Array): Buffer {
  if (encoding === 'pcmu') return Buffer.from(mulaw.encode(samples));
  if (encoding === 'pcma') return Buffer.from(alaw.encode(samples));
  const bytes = Buffer.alloc(samples.length * 2);
  for (let i = 0; i < samples.length; i++) bytes.writeInt16LE(samples[i], i * 2);
  return bytes;
}

/**
 * A voice-like sound for the model's speech: a drifting ~120–170 Hz pitch with harmonics, shaped
 * into syllables, loud enough for any VAD. Deterministic: sample i is always the same.
 */
export function syntheticVoice(ms: number, sampleRate: number, offsetSamples = 0): Int16Array {
  const samples = new Int16Array(Math.round((ms * sampleRate) / 1000));
  for (let i = 0; i < samples.length; i++) {
    const t = (offsetSamples + i) / sampleRate;
    const phase = 2 * Math.PI * (145 * t + (25 / (2 * Math.PI * 0.9)) * Math.sin(2 * Math.PI * 0.9 * t));
    let voiced = 0;
    for (let h = 1; h <= 6; h++) voiced += Math.sin(h * phase) / h;
    const syllable = 0.35 + 0.65 * Math.abs(Math.sin(2 * Math.PI * 2.5 * t));
    samples[i] = Math.round(Math.max(-1, Math.min(1, voiced * syllable * 0.3)) * 32767);
  }
  return samples;
}
