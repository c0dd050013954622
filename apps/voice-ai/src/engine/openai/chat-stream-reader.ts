import { performance } from 'node:perf_hooks';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';

export interface StreamedToolCall {
  id: string;
  name: string;
  arguments: string;
}

/** A streamed chat completion put back together: the first choice's text, tool calls and why it stopped. */
export interface StreamedCompletion {
  content: string;
  refusal: string | null;
  toolCalls: StreamedToolCall[];
  finishReason: ChatCompletionChunk.Choice['finish_reason'];
  /** From the request to the first chunk that carried text or a tool call (null when none did). */
  firstTokenMs: number | null;
}

/**
 * Reads a chat completion stream to its end. Tool calls arrive as fragments keyed by `index`
 * (the id and name once, the arguments in pieces), so they are joined per index.
 */
export async function readChatStream(stream: AsyncIterable<ChatCompletionChunk>, startedAt = performance.now()): Promise<StreamedCompletion> {
  let content = '';
  let refusal: string | null = null;
  let finishReason: StreamedCompletion['finishReason'] = null;
  let firstTokenMs: number | null = null;
  const calls = new Map<number, StreamedToolCall>();
  for await (const chunk of stream) {
    const choice = chunk.choices.find((c) => c.index === 0);
    if (!choice) continue;
    const delta = choice.delta;
    if (delta.content) content += delta.content;
    if (delta.refusal) refusal = (refusal ?? '') + delta.refusal;
    for (const fragment of delta.tool_calls ?? []) {
      const call = calls.get(fragment.index) ?? { id: '', name: '', arguments: '' };
      if (fragment.id) call.id = fragment.id;
      if (fragment.function?.name) call.name += fragment.function.name;
      if (fragment.function?.arguments) call.arguments += fragment.function.arguments;
      calls.set(fragment.index, call);
    }
    if (firstTokenMs === null && (delta.content || delta.tool_calls?.length)) firstTokenMs = performance.now() - startedAt;
    if (choice.finish_reason) finishReason = choice.finish_reason;
  }
  const toolCalls = [...calls.entries()].sort(([a], [b]) => a - b).map(([, call]) => call).filter((call) => call.name);
  return { content, refusal, toolCalls, finishReason, firstTokenMs };
}
