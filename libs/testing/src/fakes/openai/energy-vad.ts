/**
 * Server-side voice activity detection by frame energy, the way a simple VAD does it: a 20 ms frame
 * is voiced when its RMS passes a threshold; speech starts after `startMs` of voiced frames (gaps
 * between syllables shorter than the silence window don't reset it) and stops after `silenceMs`
 * of unvoiced frames. Positions are in milliseconds of audio received, not wall-clock time.
 */

export interface EnergyVadConfig {
  /** Voiced audio needed before speech counts as started (ms). */
  startMs: number;
  /** Silence that ends speech (ms). */
  silenceMs: number;
  /** RMS (16-bit scale) above which a frame is voiced. */
  rmsThreshold: number;
}

export type VadTransition = { type: 'speech_started'; audioStartMs: number } | { type: 'speech_stopped'; audioEndMs: number };

const FRAME_MS = 20;

export class EnergyVad {
  private pending: Int16Array = new Int16Array(0);
  private framesSeen = 0;
  private speaking = false;
  private candidateStartMs: number | null = null;
  private voicedMs = 0;
  private silentMs = 0;

  constructor(private config: EnergyVadConfig) {}

  configure(config: EnergyVadConfig): void {
    this.config = config;
  }

  get isSpeaking(): boolean {
    return this.speaking;
  }

  /** Milliseconds of audio analysed so far. */
  get positionMs(): number {
    return this.framesSeen * FRAME_MS;
  }

  /** Feeds samples; returns the transitions they caused, in order. */
  push(samples: Int16Array, sampleRate: number): VadTransition[] {
    const frameSize = (sampleRate * FRAME_MS) / 1000;
    const all = new Int16Array(this.pending.length + samples.length);
    all.set(this.pending);
    all.set(samples, this.pending.length);
    const transitions: VadTransition[] = [];
    let offset = 0;
    for (; offset + frameSize <= all.length; offset += frameSize) {
      const transition = this.frame(rms(all, offset, frameSize) >= this.config.rmsThreshold);
      if (transition) transitions.push(transition);
    }
    this.pending = all.slice(offset);
    return transitions;
  }

  /** Forgets partial speech (after the input buffer is cleared or committed by hand). */
  reset(): void {
    this.speaking = false;
    this.candidateStartMs = null;
    this.voicedMs = 0;
    this.silentMs = 0;
  }

  private frame(voiced: boolean): VadTransition | null {
    const startMs = this.framesSeen * FRAME_MS;
    this.framesSeen += 1;
    if (this.speaking) {
      this.silentMs = voiced ? 0 : this.silentMs + FRAME_MS;
      if (this.silentMs < this.config.silenceMs) return null;
      this.reset();
      return { type: 'speech_stopped', audioEndMs: startMs + FRAME_MS };
    }
    if (voiced) {
      this.candidateStartMs ??= startMs;
      this.voicedMs += FRAME_MS;
      this.silentMs = 0;
      if (this.voicedMs < this.config.startMs) return null;
      this.speaking = true;
      return { type: 'speech_started', audioStartMs: this.candidateStartMs };
    }
    if (this.candidateStartMs !== null) {
      this.silentMs += FRAME_MS;
      if (this.silentMs >= this.config.silenceMs) this.reset();
    }
    return null;
  }
}

function rms(samples: Int16Array, offset: number, length: number): number {
  let sum = 0;
  for (let i = offset; i < offset + length; i++) sum += samples[i] * samples[i];
  return Math.sqrt(sum / length);
}
