import { fakeEmbedding, startFakeOpenAI, type FakeOpenAI } from '@parley/testing';
import OpenAI from 'openai';
import type { KnowledgeConfig } from '../../knowledge.config';
import { createEmbedder, embeddingsEndpoint } from '../embedder.provider';
import { OpenAIEmbedder } from '../openai-embedder';

function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0, na = 0, nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return dot / Math.sqrt(na * nb);
}

const config = (extra: Partial<KnowledgeConfig>) => ({
  EMBEDDINGS_API_KEY: '', OPENAI_API_KEY: '', EMBEDDINGS_BASE_URL: '', OPENAI_BASE_URL: '',
  EMBEDDINGS_MODEL: 'text-embedding-3-small', EMBEDDINGS_DIMENSIONS: 0, EMBEDDINGS_BATCH_SIZE: 96, EMBEDDINGS_TIMEOUT_MS: 5000,
  ...extra,
}) as KnowledgeConfig;

describe('embeddings provider selection', () => {
  it('is off without a key or base URL, and embed() then refuses', async () => {
    const embedder = createEmbedder(config({}));
    expect(embedder.enabled).toBe(false);
    await expect(embedder.embed(['x'])).rejects.toThrow(/no embeddings provider/);
  });

  it('takes the embeddings settings before the OpenAI ones, and a base URL alone with a placeholder key', () => {
    expect(embeddingsEndpoint(config({ OPENAI_API_KEY: 'sk-openai' }))).toEqual({ apiKey: 'sk-openai', baseURL: undefined });
    expect(embeddingsEndpoint(config({ EMBEDDINGS_API_KEY: 'sk-emb', OPENAI_API_KEY: 'sk-openai', OPENAI_BASE_URL: 'http://o/v1' })))
      .toEqual({ apiKey: 'sk-emb', baseURL: 'http://o/v1' });
    const ollama = embeddingsEndpoint(config({ EMBEDDINGS_BASE_URL: 'http://localhost:11434/v1' }));
    expect(ollama?.baseURL).toBe('http://localhost:11434/v1');
    expect(ollama?.apiKey).toBeTruthy();
  });

  it('labels vectors with the requested size, so another size counts as another model', () => {
    expect(createEmbedder(config({ OPENAI_API_KEY: 'k' })).model).toBe('text-embedding-3-small');
    expect(createEmbedder(config({ OPENAI_API_KEY: 'k', EMBEDDINGS_DIMENSIONS: 512 })).model).toBe('text-embedding-3-small@512');
  });
});

describe('OpenAIEmbedder against an OpenAI-compatible server', () => {
  let fake: FakeOpenAI;
  beforeAll(async () => { fake = await startFakeOpenAI({ dimensions: 64, apiKey: 'sk-test' }); });
  afterAll(() => fake.close());
  beforeEach(() => { fake.requests.length = 0; });

  it('embeds in batches of the configured size, one vector per text in order', async () => {
    const embedder = createEmbedder(config({ EMBEDDINGS_API_KEY: 'sk-test', EMBEDDINGS_BASE_URL: fake.baseURL, EMBEDDINGS_BATCH_SIZE: 2 }));
    const texts = ['refund policy', 'opening hours', 'premium pricing', 'shipping times', 'cancel anytime'];
    const vectors = await embedder.embed(texts);
    expect(fake.requests.map((r) => (r.body as { input: string[] }).input)).toEqual([texts.slice(0, 2), texts.slice(2, 4), texts.slice(4)]);
    expect(fake.requests[0].path).toBe('/v1/embeddings');
    expect(fake.requests[0].body).toMatchObject({ model: 'text-embedding-3-small', encoding_format: 'float' });
    expect(vectors).toHaveLength(5);
    vectors.forEach((v, i) => expect(Array.from(v)).toEqual(Array.from(new Float32Array(fakeEmbedding(texts[i], 64)))));
  });

  it('asks for the configured dimensions', async () => {
    const embedder = createEmbedder(config({ EMBEDDINGS_API_KEY: 'sk-test', EMBEDDINGS_BASE_URL: fake.baseURL, EMBEDDINGS_DIMENSIONS: 32 }));
    const [vector] = await embedder.embed(['hello']);
    expect(vector).toHaveLength(32);
    expect(fake.requests[0].body).toMatchObject({ dimensions: 32 });
  });

  it('places answers by their index, whatever order they arrive in', async () => {
    const client = {
      embeddings: {
        create: async () => ({ object: 'list', model: 'm', usage: { prompt_tokens: 0, total_tokens: 0 }, data: [
          { object: 'embedding', index: 1, embedding: [0, 1] }, { object: 'embedding', index: 0, embedding: [1, 0] },
        ] }),
      },
    } as unknown as OpenAI;
    const embedder = new OpenAIEmbedder(client, { model: 'm', dimensions: 0, batchSize: 10 });
    expect((await embedder.embed(['first', 'second'])).map((v) => Array.from(v))).toEqual([[1, 0], [0, 1]]);
  });

  it('fails when the provider refuses the key', async () => {
    const embedder = createEmbedder(config({ EMBEDDINGS_API_KEY: 'sk-wrong', EMBEDDINGS_BASE_URL: fake.baseURL }));
    await expect(embedder.embed(['x'])).rejects.toMatchObject({ status: 401 });
  });

  it('retries a server error and succeeds', async () => {
    const embedder = createEmbedder(config({ EMBEDDINGS_API_KEY: 'sk-test', EMBEDDINGS_BASE_URL: fake.baseURL }));
    fake.failNext(503);
    await expect(embedder.embed(['x'])).resolves.toHaveLength(1);
    expect(fake.requests).toHaveLength(2);
  });

  it('gives paraphrases nearby vectors in the fake model', () => {
    const question = fakeEmbedding('How much does the premium plan cost?');
    const answer = fakeEmbedding('Pricing: the Premium tier is priced at $49 per month.');
    const unrelated = fakeEmbedding('Our office is open Monday to Friday.');
    expect(cosine(question, answer)).toBeGreaterThan(cosine(question, unrelated) + 0.3);
  });
});
