import OpenAI from 'openai';
import { fakeEmbedding, startFakeOpenAI, type FakeOpenAI } from '../fake-openai';

describe('fake OpenAI models and embeddings (real SDK)', () => {
  let fake: FakeOpenAI;
  let client: OpenAI;

  beforeAll(async () => {
    fake = await startFakeOpenAI({ apiKey: 'sk-test', dimensions: 32, models: ['ft:gpt-4o-mini:acme'] });
    client = new OpenAI({ apiKey: 'sk-test', baseURL: fake.baseURL, maxRetries: 0 });
  });
  afterAll(() => fake.close());

  it('lists the models a voice agent needs, and the extra ones configured', async () => {
    const ids = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toEqual(expect.arrayContaining(['gpt-4o-mini', 'gpt-realtime', 'whisper-1', 'tts-1', 'text-embedding-3-small', 'ft:gpt-4o-mini:acme']));
    await expect(client.models.retrieve('gpt-realtime')).resolves.toMatchObject({ id: 'gpt-realtime', object: 'model' });
    await expect(client.models.retrieve('gpt-9')).rejects.toMatchObject({ status: 404, code: 'model_not_found' });
  });

  it('answers 401 for a wrong key', async () => {
    const wrong = new OpenAI({ apiKey: 'sk-nope', baseURL: fake.baseURL, maxRetries: 0 });
    await expect(wrong.models.list()).rejects.toMatchObject({ status: 401, code: 'invalid_api_key' });
  });

  it('keeps its deterministic embeddings', async () => {
    const result = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['what does it cost'], encoding_format: 'float' });
    expect(result.data[0].embedding).toEqual(fakeEmbedding('what does it cost', 32));
  });
});
