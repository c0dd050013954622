/**
 * The fake OpenAI the tests use, as a standalone server for local runs with no OpenAI account:
 *   npm run fake:openai -- --port 8100 [--key sk-local] [--transcripts "Hi, who is this?|How much is it?"]
 *   EMBEDDINGS_BASE_URL=http://127.0.0.1:8100/v1 OPENAI_BASE_URL=http://127.0.0.1:8100/v1 npm start
 * It answers models, embeddings (deterministic, synonyms mapped together), chat completions (a
 * scripted model with tool calls and structured output), speech/transcription and the Realtime
 * WebSocket (see libs/testing/src/fakes).
 */
import { startFakeOpenAI } from '@parley/testing';

function argValue(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const transcripts = argValue('transcripts')?.split('|').map((line) => line.trim()).filter(Boolean);

void startFakeOpenAI({
  port: Number(argValue('port') ?? 8100),
  dimensions: Number(argValue('dimensions') ?? 256),
  apiKey: argValue('key'),
  realtime: transcripts ? { transcripts } : undefined,
}).then((fake) => {
  console.log(`fake OpenAI listening: baseURL ${fake.baseURL} (${argValue('key') ? 'bearer token required' : 'any bearer token'})`);
  console.log(`  Realtime: ${fake.realtimeURL}?model=gpt-realtime (wss:// on the same port, self-signed)`);
  const stop = () => void fake.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
});
