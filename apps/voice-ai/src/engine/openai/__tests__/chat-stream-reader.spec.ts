import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { readChatStream } from '../chat-stream-reader';

function chunk(delta: ChatCompletionChunk.Choice['delta'], finish: ChatCompletionChunk.Choice['finish_reason'] = null): ChatCompletionChunk {
  return { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini', choices: [{ index: 0, delta, finish_reason: finish }] };
}

async function* stream(chunks: ChatCompletionChunk[]): AsyncIterable<ChatCompletionChunk> {
  for (const c of chunks) yield c;
}

describe('readChatStream', () => {
  it('joins content deltas', async () => {
    const done = await readChatStream(stream([chunk({ role: 'assistant', content: '' }), chunk({ content: '{"reply":' }), chunk({ content: '"Hi"}' }), chunk({}, 'stop')]));
    expect(done).toMatchObject({ content: '{"reply":"Hi"}', toolCalls: [], finishReason: 'stop', refusal: null });
    expect(done.firstTokenMs).not.toBeNull();
  });

  it('assembles tool calls from fragments keyed by index', async () => {
    const done = await readChatStream(stream([
      chunk({ role: 'assistant', tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'lookup_knowledge', arguments: '' } }] }),
      chunk({ tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'book_callback', arguments: '{"when":' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"query":"pri' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: 'cing"}' } }] }),
      chunk({ tool_calls: [{ index: 1, function: { arguments: '"2030-03-05T15:00:00Z","note":"demo"}' } }] }),
      chunk({}, 'tool_calls'),
    ]));
    expect(done.toolCalls).toEqual([
      { id: 'call_a', name: 'lookup_knowledge', arguments: '{"query":"pricing"}' },
      { id: 'call_b', name: 'book_callback', arguments: '{"when":"2030-03-05T15:00:00Z","note":"demo"}' },
    ]);
    expect(done.finishReason).toBe('tool_calls');
  });

  it('ignores usage-only chunks without choices', async () => {
    const usage = { ...chunk({}), choices: [], usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } };
    const done = await readChatStream(stream([chunk({ content: 'ok' }, 'stop'), usage]));
    expect(done.content).toBe('ok');
  });
});
