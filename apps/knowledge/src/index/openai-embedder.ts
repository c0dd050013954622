import type OpenAI from 'openai';
import { Embedder } from './embedder';

export interface OpenAIEmbedderOptions {
  model: string;
  /** Asked of the model when > 0 (text-embedding-3-* shorten their vectors); 0 keeps its default. */
  dimensions: number;
  batchSize: number;
}

/**
 * Embeddings from OpenAI or any OpenAI-compatible `/embeddings` endpoint (Ollama, vLLM, Azure
 * proxies). The SDK retries rate limits and server errors; a failure after that is thrown.
 */
export class OpenAIEmbedder extends Embedder {
  readonly enabled = true;
  readonly model: string;

  constructor(
    private readonly client: OpenAI,
    private readonly options: OpenAIEmbedderOptions,
  ) {
    super();
    // The stored label includes a requested size: vectors of another size are another model.
    this.model = options.dimensions > 0 ? `${options.model}@${options.dimensions}` : options.model;
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    const vectors: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += this.options.batchSize) {
      vectors.push(...(await this.embedBatch(texts.slice(start, start + this.options.batchSize))));
    }
    return vectors;
  }

  private async embedBatch(batch: string[]): Promise<Float32Array[]> {
    const response = await this.client.embeddings.create({
      model: this.options.model,
      // The API refuses empty strings; a blank text still needs its (meaningless) vector.
      input: batch.map((text) => (text.trim().length > 0 ? text : ' ')),
      ...(this.options.dimensions > 0 ? { dimensions: this.options.dimensions } : {}),
      encoding_format: 'float',
    });
    // Answers carry their input's index; do not trust their order.
    const ordered = new Array<Float32Array | undefined>(batch.length);
    for (const item of response.data) {
      if (item.index >= 0 && item.index < batch.length) ordered[item.index] = Float32Array.from(item.embedding);
    }
    if (ordered.some((v) => v === undefined)) {
      throw new Error(`embeddings provider answered ${response.data.length} vectors for ${batch.length} texts`);
    }
    return ordered as Float32Array[];
  }
}
