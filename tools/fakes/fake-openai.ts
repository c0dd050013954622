/**
 * The fake OpenAI the tests use, as a standalone server for local runs with no OpenAI account:
 *   npm run fake:openai -- --port 8100
 *   EMBEDDINGS_BASE_URL=http://127.0.0.1:8100/v1 npm start
 * Its embeddings are deterministic and map common synonyms together (see libs/testing/src/fakes).
 */
import { startFakeOpenAI } from '@parley/testing';

function argValue(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

void startFakeOpenAI({ port: argValue('port', 8100), dimensions: argValue('dimensions', 256) }).then((fake) => {
  console.log(`fake OpenAI listening: baseURL ${fake.baseURL} (any bearer token)`);
  const stop = () => void fake.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
});
