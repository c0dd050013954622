import { errorReply, type FakeOpenAIRoute } from './openai-wire';

/** GET /v1/models and GET /v1/models/{id}: the models the fake answers for. */

export const DEFAULT_MODELS = [
  'gpt-4o-mini',
  'gpt-4o',
  'gpt-4.1-mini',
  'gpt-realtime',
  'gpt-realtime-mini',
  'gpt-4o-realtime-preview',
  'gpt-4o-mini-transcribe',
  'whisper-1',
  'tts-1',
  'gpt-4o-mini-tts',
  'text-embedding-3-small',
  'text-embedding-3-large',
];

/** A fixed creation time, as OpenAI's model objects carry one. */
const CREATED = 1_715_367_049;

function modelObject(id: string) {
  return { id, object: 'model', created: CREATED, owned_by: id.startsWith('whisper') || id.startsWith('tts') ? 'openai-internal' : 'system' };
}

export function modelsRoutes(extra: string[] = []): { list: FakeOpenAIRoute; get: FakeOpenAIRoute } {
  const ids = [...new Set([...DEFAULT_MODELS, ...extra])];
  return {
    list: () => ({ status: 200, body: { object: 'list', data: ids.map(modelObject) } }),
    get: ({ path }) => {
      const id = decodeURIComponent(path.slice('/v1/models/'.length));
      if (!ids.includes(id)) return errorReply(404, `The model '${id}' does not exist or you do not have access to it.`, 'invalid_request_error', 'model_not_found');
      return { status: 200, body: modelObject(id) };
    },
  };
}
