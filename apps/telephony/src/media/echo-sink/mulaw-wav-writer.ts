import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';

/** RIFF header + 'fmt ' (18 bytes: WAVE_FORMAT_MULAW) + 'fact' + 'data' header. */
const HEADER_BYTES = 58;
const WAVE_FORMAT_MULAW = 7;

/**
 * Streams 8 kHz mono μ-law audio into a WAV file as it arrives (a call can last an hour: nothing is
 * held in memory), then writes the sizes into the header when closed. Non-PCM WAV needs the 'fact'
 * chunk (sample count) and an 18-byte 'fmt ' chunk, which is why the header is 58 bytes, not 44.
 */
export class MulawWavWriter {
  private bytes = 0;

  private constructor(
    readonly path: string,
    private readonly out: WriteStream,
    private readonly sampleRate: number,
  ) {}

  static async create(path: string, sampleRate = 8000): Promise<MulawWavWriter> {
    await mkdir(dirname(path), { recursive: true });
    const out = createWriteStream(path);
    await new Promise<void>((resolve, reject) => {
      out.once('open', () => resolve());
      out.once('error', reject);
    });
    const writer = new MulawWavWriter(path, out, sampleRate);
    out.write(wavHeader(0, sampleRate));
    return writer;
  }

  get dataBytes(): number {
    return this.bytes;
  }

  append(audio: Uint8Array): void {
    this.bytes += audio.length;
    // Copied: the frame's bytes belong to a NATS message buffer that is reused.
    this.out.write(Buffer.from(audio));
  }

  /** Flushes, then writes the real sizes into the header. */
  async close(): Promise<{ path: string; bytes: number; durationMs: number }> {
    if (this.bytes % 2 === 1) this.out.write(Buffer.alloc(1)); // RIFF chunks are word-aligned.
    await new Promise<void>((resolve, reject) => this.out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    const file = await open(this.path, 'r+');
    try {
      await file.write(wavHeader(this.bytes, this.sampleRate), 0, HEADER_BYTES, 0);
    } finally {
      await file.close();
    }
    return { path: this.path, bytes: this.bytes, durationMs: Math.round((this.bytes / this.sampleRate) * 1000) };
  }
}

function wavHeader(dataBytes: number, sampleRate: number): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  const padded = dataBytes + (dataBytes % 2);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(HEADER_BYTES - 8 + padded, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(18, 16);
  header.writeUInt16LE(WAVE_FORMAT_MULAW, 20);
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate, 28); // bytes per second: one byte a sample
  header.writeUInt16LE(1, 32); // block align
  header.writeUInt16LE(8, 34); // bits per sample
  header.writeUInt16LE(0, 36); // no extra format bytes
  header.write('fact', 38, 'ascii');
  header.writeUInt32LE(4, 42);
  header.writeUInt32LE(dataBytes, 46); // samples
  header.write('data', 50, 'ascii');
  header.writeUInt32LE(dataBytes, 54);
  return header;
}
