import { Embedder } from './embedder';

/** Bound when no embeddings provider is configured: search and indexing use full text only. */
export class DisabledEmbedder extends Embedder {
  readonly enabled = false;
  readonly model = 'none';

  embed(): Promise<Float32Array[]> {
    return Promise.reject(new Error('no embeddings provider is configured (set EMBEDDINGS_API_KEY or EMBEDDINGS_BASE_URL)'));
  }
}
