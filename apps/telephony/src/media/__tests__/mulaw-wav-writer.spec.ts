import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WaveFile } from 'wavefile';
import { MulawWavWriter } from '../echo-sink/mulaw-wav-writer';

describe('MulawWavWriter', () => {
  let dir: string;
  beforeAll(async () => (dir = await mkdtemp(join(tmpdir(), 'wav-'))));
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it.each([320, 321])('streams %i μ-law bytes into a WAV file a WAV reader accepts as 8 kHz mono μ-law', async (size) => {
    const audio = Uint8Array.from({ length: size }, (_, i) => (i * 13) & 0xff);
    const writer = await MulawWavWriter.create(join(dir, 'tenant', `call-${size}.wav`));
    writer.append(audio.subarray(0, 160));
    writer.append(audio.subarray(160));
    const file = await writer.close();
    expect(file).toMatchObject({ bytes: size, durationMs: Math.round(size / 8) });

    const bytes = await readFile(file.path);
    expect(bytes.length % 2).toBe(0);
    const wav = new WaveFile(bytes);
    expect(wav.fmt).toMatchObject({ audioFormat: 7, numChannels: 1, sampleRate: 8000, bitsPerSample: 8, byteRate: 8000, blockAlign: 1 });
    expect(wav.container).toBe('RIFF');
    expect((wav as unknown as { fact: { dwSampleLength: number } }).fact.dwSampleLength).toBe(size);
    const data = (wav as unknown as { data: { chunkSize: number; samples: Uint8Array } }).data;
    expect(data.chunkSize).toBe(size);
    // An odd-sized chunk is followed by a pad byte (RIFF word alignment), which some readers include.
    expect(Buffer.from(data.samples.subarray(0, size))).toEqual(Buffer.from(audio));
  });
});
