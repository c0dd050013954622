import { mulaw } from 'alawmulaw';
import { decodeOutboundFrame, encodeInboundAudio, encodeMarkFrame, encodeStopFrame } from '@parley/contracts';

const FRAME_MS = 20;
const FRAME_BYTES = 160;
const SAMPLE_RATE = 8000;

/**
 * The phone line as a media sink sees it through telephony: it plays what the sink sends in real
 * time (a mark comes back once the audio before it has played; a clear empties the buffer and
 * returns the pending marks at once, as Twilio does), and it carries the caller's voice or silence
 * as 20 ms μ-law frames. `toSink` is where telephony would publish (the call's `.in` subject).
 */
export class TwilioLine {
  audioBytesPlayed = 0;
  audioFrames = 0;
  marks: string[] = [];
  marksAcked: string[] = [];
  clears = 0;
  private playheadAt = 0;
  private readonly pending = new Map<NodeJS.Timeout, string>();
  private sequence = 1;
  private timestampMs = 0;
  private voiceOffset = 0;

  constructor(private readonly toSink: (frame: Uint8Array) => void) {}

  /** A frame the sink sent (what telephony would play to Twilio). */
  play(frame: Uint8Array): void {
    const decoded = decodeOutboundFrame(frame);
    const now = Date.now();
    switch (decoded.kind) {
      case 'audio':
        this.audioFrames++;
        this.audioBytesPlayed += decoded.audio.length;
        this.playheadAt = Math.max(now, this.playheadAt) + decoded.audio.length / 8;
        return;
      case 'mark': {
        this.marks.push(decoded.name);
        const timer = setTimeout(() => {
          this.pending.delete(timer);
          this.ack(decoded.name);
        }, Math.max(0, this.playheadAt - now));
        this.pending.set(timer, decoded.name);
        return;
      }
      case 'clear':
        this.clears++;
        this.playheadAt = now;
        for (const [timer, name] of this.pending) {
          clearTimeout(timer);
          this.ack(name);
        }
        this.pending.clear();
        return;
    }
  }

  /** Whether sent audio is still playing. */
  get playing(): boolean {
    return this.playheadAt > Date.now();
  }

  /** The caller talks for `ms` (a voiced tone loud enough for any VAD), sent as fast as it is made. */
  speak(ms: number): void {
    for (let i = 0; i < ms / FRAME_MS; i++) {
      const samples = new Int16Array(FRAME_BYTES);
      for (let s = 0; s < samples.length; s++) {
        const t = (this.voiceOffset + s) / SAMPLE_RATE;
        samples[s] = Math.round(Math.sin(2 * Math.PI * 180 * t) * 0.4 * 32767);
      }
      this.voiceOffset += FRAME_BYTES;
      this.send(Buffer.from(mulaw.encode(samples)));
    }
  }

  /** The caller says nothing for `ms`. */
  silence(ms: number): void {
    for (let i = 0; i < ms / FRAME_MS; i++) this.send(Buffer.alloc(FRAME_BYTES, 0xff));
  }

  /** The stream ends (the caller hung up). */
  stop(): void {
    for (const timer of this.pending.keys()) clearTimeout(timer);
    this.pending.clear();
    this.toSink(encodeStopFrame());
  }

  private send(audio: Buffer): void {
    this.toSink(encodeInboundAudio(this.sequence++, this.timestampMs, audio.toString('base64')));
    this.timestampMs += FRAME_MS;
  }

  private ack(name: string): void {
    this.marksAcked.push(name);
    this.toSink(encodeMarkFrame(name));
  }
}
