import { WaveFile } from 'wavefile';
import { syntheticVoice } from './audio-format';

/**
 * The fake's speech: playable audio (a voice-like tone as long as the words would take) that also
 * carries its text, so the fake's transcription can "recognise" what its own TTS said. The text
 * rides inside the sample data as a marker, which survives re-wrapping the bytes in another
 * container (a WAV built around raw bytes, a base64 round trip) but not re-encoding.
 */

export type FakeSpeechFormat = 'wav' | 'pcm';

/** OpenAI's speech output: 24 kHz, 16-bit, mono. */
export const SPEECH_SAMPLE_RATE = 24_000;
const MS_PER_WORD = 380;
const MAX_MS = 60_000;
const MARKER = 'FAKE-TTS:';
const MARKER_PATTERN = /FAKE-TTS:([A-Za-z0-9_-]*);/;

/** Audio of `text` spoken, as OpenAI's `wav` (RIFF, PCM 24 kHz 16-bit mono) or raw `pcm` (the same samples, little-endian). */
export function synthesizeSpeech(text: string, format: FakeSpeechFormat = 'wav', speed = 1): Buffer {
  const words = text.trim().split(/\s+/).filter(Boolean).length;
  const ms = Math.min(MAX_MS, Math.max(400, (words * MS_PER_WORD) / (speed > 0 ? speed : 1)));
  const voice = syntheticVoice(ms, SPEECH_SAMPLE_RATE);
  const marker = Buffer.from(`${MARKER}${Buffer.from(text, 'utf8').toString('base64url')};`, 'latin1');
  const data = Buffer.alloc(voice.length * 2 + marker.length + (marker.length % 2));
  for (let i = 0; i < voice.length; i++) data.writeInt16LE(voice[i], i * 2);
  marker.copy(data, voice.length * 2);
  if (format === 'pcm') return data;
  const wav = new WaveFile();
  wav.fromScratch(1, SPEECH_SAMPLE_RATE, '16', new Int16Array(data.buffer, data.byteOffset, data.length / 2));
  return Buffer.from(wav.toBuffer());
}

/** The text the fake's TTS embedded in `audio`, or null for any other audio. */
export function recogniseSpeech(audio: Uint8Array): string | null {
  const match = MARKER_PATTERN.exec(Buffer.from(audio.buffer, audio.byteOffset, audio.byteLength).toString('latin1'));
  return match ? Buffer.from(match[1], 'base64url').toString('utf8') : null;
}

/** Seconds of audio in a file, as near as the fake can tell (for verbose transcription output). */
export function audioSeconds(audio: Uint8Array): number {
  try {
    const wav = new WaveFile(audio);
    const format = wav.fmt as { sampleRate: number; byteRate: number };
    const data = wav.data as { chunkSize: number };
    return Math.round((data.chunkSize / format.byteRate) * 100) / 100;
  } catch {
    return Math.round((audio.byteLength / (SPEECH_SAMPLE_RATE * 2)) * 100) / 100;
  }
}
