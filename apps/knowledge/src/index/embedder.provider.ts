import type { Provider } from '@nestjs/common';
import OpenAI from 'openai';
import { KNOWLEDGE_CONFIG, type KnowledgeConfig } from '../knowledge.config';
import { DisabledEmbedder } from './disabled-embedder';
import { Embedder } from './embedder';
import { OpenAIEmbedder } from './openai-embedder';

/** Local servers such as Ollama ignore the key, but the SDK insists on one. */
const KEYLESS_PLACEHOLDER = 'no-key';
/** The SDK's own default: rate limits and 5xx are retried with backoff. */
const MAX_RETRIES = 2;

export interface EmbeddingsEndpoint {
  apiKey: string;
  /** Undefined: OpenAI itself. */
  baseURL: string | undefined;
}

/** Where embeddings come from, or null when no provider is configured (full text only). */
export function embeddingsEndpoint(config: KnowledgeConfig): EmbeddingsEndpoint | null {
  const apiKey = config.EMBEDDINGS_API_KEY || config.OPENAI_API_KEY;
  const baseURL = config.EMBEDDINGS_BASE_URL || config.OPENAI_BASE_URL;
  if (!apiKey && !baseURL) return null;
  return { apiKey: apiKey || KEYLESS_PLACEHOLDER, baseURL: baseURL || undefined };
}

export function createEmbedder(config: KnowledgeConfig): Embedder {
  const endpoint = embeddingsEndpoint(config);
  if (!endpoint) return new DisabledEmbedder();
  const client = new OpenAI({
    apiKey: endpoint.apiKey, baseURL: endpoint.baseURL, timeout: config.EMBEDDINGS_TIMEOUT_MS, maxRetries: MAX_RETRIES,
  });
  return new OpenAIEmbedder(client, {
    model: config.EMBEDDINGS_MODEL, dimensions: config.EMBEDDINGS_DIMENSIONS, batchSize: Math.max(1, config.EMBEDDINGS_BATCH_SIZE),
  });
}

export const embedderProvider: Provider = {
  provide: Embedder,
  inject: [KNOWLEDGE_CONFIG],
  useFactory: createEmbedder,
};
