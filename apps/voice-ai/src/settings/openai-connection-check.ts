import { APIError } from 'openai';
import type { OpenAIConnectionResult } from '@parley/contracts';
import type { OpenAIClientInfo } from './openai-clients';

/** Models shown in a connection answer. */
const MODELS_SHOWN = 20;

/**
 * Checks a key for real: lists the models it may use (one request, no retries, so a wrong key
 * answers at once) and whether the chat model is among them. Never throws: a failure is the answer.
 */
export async function checkOpenAIConnection(target: OpenAIClientInfo | null, timeoutMs: number): Promise<OpenAIConnectionResult> {
  if (!target) {
    return { checked: true, ok: false, configured: false, base_url: null, models: [], chat_model_found: false, latency_ms: null, error: null };
  }
  const started = performance.now();
  try {
    const ids: string[] = [];
    for await (const model of target.client.models.list({ maxRetries: 0, timeout: timeoutMs })) ids.push(model.id);
    return {
      checked: true,
      ok: true,
      configured: true,
      base_url: target.baseURL,
      models: ids.slice(0, MODELS_SHOWN),
      chat_model_found: ids.includes(target.chatModel),
      latency_ms: Math.round(performance.now() - started),
      error: null,
    };
  } catch (error) {
    return {
      checked: true,
      ok: false,
      configured: true,
      base_url: target.baseURL,
      models: [],
      chat_model_found: false,
      latency_ms: Math.round(performance.now() - started),
      error: describeOpenAIError(error),
    };
  }
}

/** What went wrong, as a user can act on it: the HTTP status when the provider answered, its message. */
export function describeOpenAIError(error: unknown): { status: number | null; message: string } {
  if (error instanceof APIError) {
    const status = typeof error.status === 'number' ? error.status : null;
    const body = error.error as { message?: unknown } | undefined;
    const message = typeof body?.message === 'string' ? body.message : error.message;
    return { status, message };
  }
  return { status: null, message: error instanceof Error ? error.message : String(error) };
}
