import { mulaw } from 'alawmulaw';

/** Twilio's Media Streams frame: 20 ms of 8 kHz μ-law, one byte a sample. */
export const FRAME_SAMPLES = 160;
export const FRAME_MS = 20;
const SAMPLE_RATE = 8000;
/** μ-law's silence (the code for 0). */
export const MULAW_SILENCE = 0xff;

/**
 * A caller's voice, as far as a media pipeline can tell: a harmonic-rich voiced sound whose pitch
 * drifts between ~110 and ~190 Hz, shaped into syllables (~4 a second) with short pauses between
 * words, encoded to μ-law by a G.711 codec. Deterministic: frame `index` is the same every time,
 * so a test can compare what came back with what was said.
 */
export function callerAudioFrame(index: number): Uint8Array {
  const period = index % PERIOD_FRAMES;
  return (frames[period] ??= speak(period));
}

/** The same frame as a `media` message carries it (base64), computed once too. */
export function callerAudioFrameBase64(index: number): string {
  const period = index % PERIOD_FRAMES;
  return (framesBase64[period] ??= Buffer.from(callerAudioFrame(period)).toString('base64'));
}

/** The voice repeats every 30 s; each frame is computed once, so a load test can speak for hundreds of callers. */
const PERIOD_FRAMES = 1500;
const frames: Uint8Array[] = [];
const framesBase64: string[] = [];

function speak(index: number): Uint8Array {
  const pcm = new Int16Array(FRAME_SAMPLES);
  for (let i = 0; i < FRAME_SAMPLES; i++) {
    const t = (index * FRAME_SAMPLES + i) / SAMPLE_RATE;
    const pitch = 150 + 40 * Math.sin(2 * Math.PI * 0.7 * t);
    const phase = 2 * Math.PI * (150 * t - (40 / (2 * Math.PI * 0.7)) * (Math.cos(2 * Math.PI * 0.7 * t) - 1));
    let voiced = 0;
    // A few formant-weighted harmonics of the glottal pitch.
    for (let h = 1; h <= 8; h++) voiced += Math.sin(h * phase) * formantGain(h * pitch) / h;
    const syllable = Math.max(0, Math.sin(2 * Math.PI * 4 * t)) ** 0.6;
    const word = Math.sin(2 * Math.PI * 0.5 * t) > -0.6 ? 1 : 0;
    pcm[i] = Math.round(Math.max(-1, Math.min(1, voiced * syllable * word * 0.45)) * 32767);
  }
  return mulaw.encode(pcm);
}

/** The caller's first `frames` frames, concatenated. */
export function callerAudio(frames: number): Uint8Array {
  const audio = new Uint8Array(frames * FRAME_SAMPLES);
  for (let i = 0; i < frames; i++) audio.set(callerAudioFrame(i), i * FRAME_SAMPLES);
  return audio;
}

export function silenceFrame(): Uint8Array {
  return new Uint8Array(FRAME_SAMPLES).fill(MULAW_SILENCE);
}

/** Vowel-ish resonances near 700 and 1200 Hz lift those harmonics, as a vocal tract would. */
function formantGain(frequency: number): number {
  return 0.4 + Math.exp(-(((frequency - 700) / 250) ** 2)) + 0.7 * Math.exp(-(((frequency - 1200) / 300) ** 2));
}
