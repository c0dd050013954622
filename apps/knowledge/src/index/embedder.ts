/**
 * Turns texts into vectors. Bound to the OpenAI-compatible client when a provider is configured;
 * otherwise `enabled` is false and everything runs on full text alone.
 */
export abstract class Embedder {
  abstract readonly enabled: boolean;
  /** Stored with each vector: vectors of different models are never compared. */
  abstract readonly model: string;
  /** One vector per text, in order; batches and retries are the implementation's business. */
  abstract embed(texts: string[]): Promise<Float32Array[]>;
}
