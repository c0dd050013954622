import OpenAI, { toFile } from 'openai';
import { WaveFile } from 'wavefile';
import { INAUDIBLE, recogniseFakeSpeech, startFakeOpenAI, synthesizeFakeSpeech, type FakeOpenAI } from '../fake-openai';

describe('fake OpenAI speech and transcription (real SDK)', () => {
  let fake: FakeOpenAI;
  let client: OpenAI;

  beforeAll(async () => {
    fake = await startFakeOpenAI();
    client = new OpenAI({ apiKey: 'sk-any', baseURL: fake.baseURL, maxRetries: 0 });
  });
  afterAll(() => fake.close());

  it('speaks a playable 24 kHz WAV that lasts as long as the words', async () => {
    const response = await client.audio.speech.create({ model: 'tts-1', voice: 'alloy', input: 'Thanks for calling Acme, how can I help you today?', response_format: 'wav' });
    expect(response.headers.get('content-type')).toBe('audio/wav');
    const bytes = Buffer.from(await response.arrayBuffer());
    const wav = new WaveFile(bytes);
    expect(wav.fmt).toMatchObject({ numChannels: 1, sampleRate: 24000, bitsPerSample: 16 });
    const samples = wav.getSamples(false, Int16Array) as unknown as Int16Array;
    const seconds = samples.length / 24000;
    expect(seconds).toBeGreaterThan(3);
    expect(seconds).toBeLessThan(5);
    const rms = Math.sqrt(samples.slice(0, 24000).reduce((sum, s) => sum + s * s, 0) / 24000);
    expect(rms).toBeGreaterThan(1000);
  });

  it('transcribes its own speech back to the text, in any response format', async () => {
    const text = 'Can you call me back tomorrow at 3pm?';
    const speech = Buffer.from(await (await client.audio.speech.create({ model: 'tts-1', voice: 'nova', input: text, response_format: 'wav', speed: 1.25 })).arrayBuffer());
    const json = await client.audio.transcriptions.create({ model: 'whisper-1', file: await toFile(speech, 'speech.wav', { type: 'audio/wav' }) });
    expect(json.text).toBe(text);
    const plain = await client.audio.transcriptions.create({ model: 'whisper-1', file: await toFile(speech, 'speech.wav'), response_format: 'text' });
    expect(String(plain).trim()).toBe(text);
    const verbose = await client.audio.transcriptions.create({ model: 'whisper-1', file: await toFile(speech, 'speech.wav'), response_format: 'verbose_json', language: 'en' });
    expect(verbose).toMatchObject({ text, language: 'english', segments: [{ text }] });
    expect(verbose.duration).toBeGreaterThan(1);
    const request = fake.requests.find((r) => r.path === '/v1/audio/transcriptions')!;
    expect(request.body).toMatchObject({ model: 'whisper-1', file: { filename: 'speech.wav', type: 'audio/wav' } });
  });

  it('recognises raw pcm speech, even re-wrapped as 8-bit bytes in another WAV', async () => {
    const pcm = Buffer.from(await (await client.audio.speech.create({ model: 'tts-1', voice: 'alloy', input: 'I am not interested', response_format: 'pcm' })).arrayBuffer());
    expect(pcm.length % 2).toBe(0);
    const wrapped = new WaveFile();
    wrapped.fromScratch(1, 8000, '8m', pcm);
    const result = await client.audio.transcriptions.create({ model: 'whisper-1', file: await toFile(Buffer.from(wrapped.toBuffer()), 'caller.wav') });
    expect(result.text).toBe('I am not interested');
    expect(recogniseFakeSpeech(synthesizeFakeSpeech('ünïcode ✓', 'wav'))).toBe('ünïcode ✓');
  });

  it('hears nothing it did not say', async () => {
    const noise = new WaveFile();
    noise.fromScratch(1, 8000, '16', new Int16Array(8000).map((_, i) => Math.round(Math.sin(i / 3) * 8000)));
    const result = await client.audio.transcriptions.create({ model: 'whisper-1', file: await toFile(Buffer.from(noise.toBuffer()), 'noise.wav') });
    expect(result.text).toBe(INAUDIBLE);
  });

  it('answers OpenAI-style errors for bad speech requests', async () => {
    await expect(client.audio.speech.create({ model: 'tts-1', voice: 'alloy', input: '' })).rejects.toMatchObject({ status: 400, param: 'input' });
    await expect(client.audio.speech.create({ model: 'tts-1', voice: 'alloy', input: 'x'.repeat(4097), response_format: 'wav' })).rejects.toMatchObject({ status: 400, code: 'string_above_max_length' });
    await expect(client.audio.speech.create({ model: 'tts-1', voice: 'alloy', input: 'hi' })).rejects.toMatchObject({ status: 400, message: expect.stringContaining("'wav' or 'pcm'") });
  });
});
