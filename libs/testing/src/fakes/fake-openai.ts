import { createServer, type RequestListener } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { speechRoute, transcriptionsRoute } from './openai/audio-routes';
import { chatCompletionsRoute } from './openai/chat-completions-route';
import { DualProtocolListener } from './openai/dual-protocol-listener';
import { embeddingsRoute } from './openai/embeddings-route';
import { modelsRoutes } from './openai/models-route';
import {
  acceptsKey,
  bearerToken,
  errorReply,
  injectedFailure,
  INVALID_JSON,
  MISSING_KEY_MESSAGE,
  newId,
  parseBody,
  readRawBody,
  sendReply,
  type FakeOpenAIReply,
  type FakeOpenAIRoute,
} from './openai/openai-wire';
import { realtimeEndpoint } from './openai/realtime-endpoint';
import type { FakeRealtimeSessionRecord } from './openai/realtime-session';
import { selfSignedCertificate } from './openai/self-signed-certificate';

/**
 * A local stand-in for the OpenAI API, speaking its wire format (paths, bearer auth, error
 * bodies, SSE streams), so the real `openai` SDK (or any OpenAI-compatible client) talks to it
 * unchanged: models, embeddings, chat completions (a scripted, deterministic "model"), speech and
 * transcription, and the Realtime API over a WebSocket (plain ws:// and, on the same port, the
 * wss:// the SDK's `openai/realtime/ws` client always dials).
 */

export { INAUDIBLE } from './openai/audio-routes';
export { fakeEmbedding } from './openai/embeddings-route';
export { recogniseSpeech as recogniseFakeSpeech, synthesizeSpeech as synthesizeFakeSpeech, type FakeSpeechFormat } from './openai/fake-speech';
export { DEFAULT_MODELS } from './openai/models-route';
export type { FakeOpenAIReply, FakeOpenAIRequest, FakeOpenAIRoute } from './openai/openai-wire';
export type { FakeRealtimeSessionRecord } from './openai/realtime-session';

export interface FakeOpenAIOptions {
  /** Vector length when a request names none (OpenAI's `dimensions` parameter). */
  dimensions?: number;
  /** When set, the only bearer token accepted; otherwise any non-empty token is. */
  apiKey?: string;
  /** Port to listen on (0, the default: any free port). */
  port?: number;
  /** Model ids GET /v1/models lists besides the defaults (gpt-4o-mini, gpt-realtime, whisper-1, tts-1, text-embedding-3-small, …). */
  models?: string[];
  /** The clock the scripted model resolves "tomorrow at 3pm" against (default: the real one). */
  now?: () => Date;
  chat?: {
    /** Delay before each chat answer or its first streamed chunk (ms, default 0). */
    latencyMs?: number;
  };
  realtime?: {
    /** What the caller says, turn by turn, in every Realtime session (each session reads from the start); default "Hello?". */
    transcripts?: string[];
    /** Length of each spoken response (ms, default 1000). */
    responseAudioMs?: number;
    /** Audio per delta, sent at real-time pace (ms, default 100). */
    chunkMs?: number;
  };
}

export interface FakeOpenAI {
  /** Pass as the SDK's `baseURL`: `http://127.0.0.1:<port>/v1`. */
  baseURL: string;
  /** Every HTTP request received (including refused and failed ones), oldest first. */
  requests: Array<{ method: string; path: string; body: unknown }>;
  /** Answers the next `times` HTTP requests with `status` and an OpenAI-style error body. */
  failNext(status: number, times?: number): void;
  /** Plain WebSocket URL of the Realtime API: `ws://127.0.0.1:<port>/v1/realtime` (add `?model=…`). */
  realtimeURL: string;
  /**
   * PEM certificate of the TLS side of the same port. The SDK's OpenAIRealtimeWS always dials
   * wss://<baseURL host>/v1/realtime; trust it with `new OpenAIRealtimeWS({ model, options: { ca: fake.certificate } }, client)`.
   */
  certificate: string;
  /** One record per Realtime WebSocket session, oldest first (live: they fill in as the session goes). */
  realtimeSessions: FakeRealtimeSessionRecord[];
  /** Replaces the caller's scripted lines for Realtime sessions (open ones continue at their own position). */
  setRealtimeTranscripts(transcripts: string[]): void;
  close(): Promise<void>;
}

export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const now = options.now ?? (() => new Date());
  const models = modelsRoutes(options.models);
  const routes: Record<string, FakeOpenAIRoute> = {
    'POST /v1/embeddings': embeddingsRoute(options),
    'POST /v1/chat/completions': chatCompletionsRoute({ now, latencyMs: options.chat?.latencyMs }),
    'GET /v1/models': models.list,
    'POST /v1/audio/speech': speechRoute(),
    'POST /v1/audio/transcriptions': transcriptionsRoute(),
  };
  const routeFor = (method: string, path: string): FakeOpenAIRoute | undefined =>
    routes[`${method} ${path}`] ?? (method === 'GET' && path.startsWith('/v1/models/') ? models.get : undefined);
  const requests: FakeOpenAI['requests'] = [];
  const failures: number[] = [];

  let transcripts = [...(options.realtime?.transcripts ?? [])];
  const realtime = realtimeEndpoint({
    apiKey: options.apiKey,
    transcripts: () => transcripts,
    responseAudioMs: options.realtime?.responseAudioMs ?? 1000,
    chunkMs: options.realtime?.chunkMs ?? 100,
    now,
  });

  const handle: RequestListener = (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const method = req.method ?? 'GET';
    void readRawBody(req)
      .then((raw) => parseBody(raw, req.headers['content-type']))
      .then(async (body): Promise<FakeOpenAIReply> => {
        requests.push({ method, path, body });
        if (!acceptsKey(bearerToken(req), options.apiKey)) return errorReply(401, MISSING_KEY_MESSAGE, 'invalid_request_error', 'invalid_api_key');
        const failure = failures.shift();
        if (failure !== undefined) return injectedFailure(failure);
        if (body === INVALID_JSON) return errorReply(400, 'We could not parse the JSON body of your request.', 'invalid_request_error', null);
        const route = routeFor(method, path);
        if (!route) return errorReply(404, `Invalid URL (${method} ${path})`, 'invalid_request_error', null);
        return route({ method, path, headers: req.headers, body });
      })
      .catch((error: unknown) => errorReply(500, String(error), 'server_error', null))
      .then((reply) => sendReply(res, reply, newId('req_')))
      .catch(() => res.destroy());
  };
  const upgrade = (req: Parameters<RequestListener>[0], socket: Duplex, head: Buffer) => realtime.handleUpgrade(req, socket, head);
  const tls = selfSignedCertificate();
  const plain = createServer(handle).on('upgrade', upgrade);
  const secure = createTlsServer({ key: tls.key, cert: tls.cert }, handle).on('upgrade', upgrade);
  const listener = new DualProtocolListener(plain, secure);
  const port = await listener.listen(options.port ?? 0, '127.0.0.1');

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    realtimeURL: `ws://127.0.0.1:${port}/v1/realtime`,
    certificate: tls.cert,
    requests,
    realtimeSessions: realtime.sessions,
    setRealtimeTranscripts(list) {
      transcripts = [...list];
    },
    failNext(status, times = 1) {
      for (let i = 0; i < times; i++) failures.push(status);
    },
    close: async () => {
      realtime.closeAll();
      plain.closeAllConnections();
      secure.closeAllConnections();
      await listener.close();
    },
  };
}
