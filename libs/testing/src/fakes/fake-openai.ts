import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the OpenAI HTTP API, speaking its wire format (paths, bearer auth, error
 * bodies), so the real `openai` SDK (or any OpenAI-compatible client) talks to it unchanged.
 * Routes live in one table; each is a function of the parsed request.
 */

export interface FakeOpenAIOptions {
  /** Vector length when a request names none (OpenAI's `dimensions` parameter). */
  dimensions?: number;
  /** When set, the only bearer token accepted; otherwise any non-empty token is. */
  apiKey?: string;
  /** Port to listen on (0, the default: any free port). */
  port?: number;
}

export interface FakeOpenAIRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export interface FakeOpenAIReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export type FakeOpenAIRoute = (request: FakeOpenAIRequest) => FakeOpenAIReply | Promise<FakeOpenAIReply>;

export interface FakeOpenAI {
  /** Pass as the SDK's `baseURL`: `http://127.0.0.1:<port>/v1`. */
  baseURL: string;
  /** Every request received (including refused and failed ones), oldest first. */
  requests: Array<{ path: string; body: unknown }>;
  /** Answers the next `times` requests with `status` and an OpenAI-style error body. */
  failNext(status: number, times?: number): void;
  close(): Promise<void>;
}

const DEFAULT_DIMENSIONS = 256;
const FEATURE_POSITIONS = 8;

function errorReply(status: number, message: string, type: string, code: string | null, headers?: Record<string, string>): FakeOpenAIReply {
  return { status, body: { error: { message, type, param: null, code } }, headers };
}

/** The error OpenAI sends for a status, with a retry hint so the SDK's retries stay fast in tests. */
function injectedFailure(status: number): FakeOpenAIReply {
  if (status === 401) return errorReply(401, 'Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key');
  if (status === 429) return errorReply(429, 'Rate limit reached for requests.', 'requests', 'rate_limit_exceeded', { 'retry-after-ms': '5' });
  if (status >= 500) return errorReply(status, 'The server had an error while processing your request.', 'server_error', null, { 'retry-after-ms': '5' });
  return errorReply(status, 'The request was rejected.', 'invalid_request_error', null);
}

// --- embeddings -------------------------------------------------------------------------------

/**
 * Words that mean the same thing to a caller map to one concept, so a paraphrase ("what does it
 * cost" / "pricing") lands near its original the way a real embedding model would place it.
 */
const CONCEPTS: Record<string, string[]> = {
  price: ['price', 'pricing', 'cost', 'fee', 'charge', 'expensive', 'cheap', 'cheaper', 'afford', 'affordable', 'dollar', 'usd', 'rate', 'tariff', 'pay', 'paid', 'payment', 'much', 'bill', 'billing', 'invoice'],
  refund: ['refund', 'reimburse', 'reimbursement', 'chargeback', 'return', 'money back'],
  cancel: ['cancel', 'cancelled', 'cancellation', 'terminate', 'termination', 'quit', 'unsubscribe', 'stop'],
  hours: ['hour', 'open', 'opening', 'close', 'closing', 'schedule', 'weekday', 'weekend', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'am', 'pm'],
  plan: ['plan', 'tier', 'subscription', 'package', 'edition', 'membership'],
  support: ['support', 'help', 'helpdesk', 'assistance', 'assist', 'contact'],
  shipping: ['ship', 'shipped', 'shipping', 'delivery', 'deliver', 'courier', 'dispatch', 'parcel'],
  account: ['account', 'login', 'password', 'signin', 'signup', 'register', 'username'],
  purchase: ['buy', 'purchase', 'order', 'checkout'],
  security: ['secure', 'security', 'encrypt', 'encryption', 'privacy', 'gdpr', 'safe'],
  discount: ['discount', 'coupon', 'promo', 'sale', 'deal'],
  trial: ['trial', 'demo', 'try'],
  period: ['month', 'monthly', 'year', 'yearly', 'annual', 'annually', 'week', 'weekly'],
};

const STOP_WORDS = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'can', 'do', 'does', 'did', 'for', 'from', 'get', 'has', 'have',
  'how', 'i', 'if', 'in', 'is', 'it', 'its', 'me', 'my', 'of', 'on', 'or', 'our', 's', 'so', 'that', 'the', 'their',
  'there', 'this', 'to', 'us', 'was', 'we', 'what', 'when', 'where', 'which', 'who', 'why', 'will', 'with', 'would',
  'you', 'your',
]);

const SUFFIXES = ['ations', 'ation', 'ings', 'ing', 'ies', 'ied', 'ed', 'es', 's', 'ly'];

/** Crude stemming: enough that "costs", "charged" and "refunds" meet "cost", "charge" and "refund". */
function stem(token: string): string {
  for (const suffix of SUFFIXES) {
    if (token.length - suffix.length >= 3 && token.endsWith(suffix)) return token.slice(0, -suffix.length);
  }
  return token;
}

const CONCEPT_OF = new Map<string, string>();
for (const [concept, words] of Object.entries(CONCEPTS)) {
  for (const word of words) {
    CONCEPT_OF.set(word, concept);
    CONCEPT_OF.set(stem(word), concept);
  }
}

/** The meaning-bearing features of a text: concepts where known, stemmed words otherwise. */
function features(text: string): string[] {
  const tokens = text.toLowerCase().replace(/'s\b/g, '').split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const pair = i + 1 < tokens.length ? CONCEPT_OF.get(`${tokens[i]} ${tokens[i + 1]}`) : undefined;
    if (pair) {
      out.push(`concept:${pair}`);
      i += 1;
      continue;
    }
    const token = tokens[i];
    if (STOP_WORDS.has(token)) continue;
    const stemmed = stem(token);
    // "priced" → "pric": the word before its -ed/-ing often ended in an e.
    const concept = CONCEPT_OF.get(token) ?? CONCEPT_OF.get(stemmed) ?? CONCEPT_OF.get(`${stemmed}e`);
    out.push(concept ? `concept:${concept}` : `word:${stemmed}`);
  }
  return out;
}

/**
 * The fake model: each distinct feature adds ±1 at a few positions chosen by its hash (concepts
 * weigh more than plain words), and the sum is scaled to unit length. Features count once, as
 * in a model that places a text by what it is about rather than by how often it repeats it.
 * Deterministic for a text.
 */
export function fakeEmbedding(text: string, dimensions = DEFAULT_DIMENSIONS): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  const found = new Set(features(text));
  for (const feature of found.size > 0 ? found : ['empty']) {
    const digest = createHash('sha256').update(feature).digest();
    const weight = feature.startsWith('concept:') ? 2 : 1;
    // Eight signed positions per feature: chance overlaps between features stay small next to it.
    for (let k = 0; k < FEATURE_POSITIONS; k++) {
      const position = digest.readUInt16LE(k * 2) % dimensions;
      vector[position] += digest[16 + k] & 1 ? weight : -weight;
    }
  }
  const norm = Math.sqrt(vector.reduce((sum, x) => sum + x * x, 0)) || 1;
  return vector.map((x) => x / norm);
}

function embeddingsRoute(options: FakeOpenAIOptions): FakeOpenAIRoute {
  return ({ body }) => {
    const request = (body ?? {}) as { input?: unknown; model?: unknown; dimensions?: unknown; encoding_format?: unknown };
    const inputs = typeof request.input === 'string' ? [request.input] : request.input;
    if (!Array.isArray(inputs) || inputs.length === 0 || inputs.some((x) => typeof x !== 'string' || x.length === 0)) {
      return errorReply(400, "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.", 'invalid_request_error', null);
    }
    if (typeof request.model !== 'string' || request.model.length === 0) {
      return errorReply(400, 'you must provide a model parameter', 'invalid_request_error', null);
    }
    const dimensions = typeof request.dimensions === 'number' ? request.dimensions : options.dimensions ?? DEFAULT_DIMENSIONS;
    const texts = inputs as string[];
    const data = texts.map((text, index) => {
      const vector = fakeEmbedding(text, dimensions);
      const embedding = request.encoding_format === 'base64' ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector;
      return { object: 'embedding', index, embedding };
    });
    const tokens = texts.reduce((sum, text) => sum + text.split(/\s+/).filter(Boolean).length, 0);
    return { status: 200, body: { object: 'list', data, model: request.model, usage: { prompt_tokens: tokens, total_tokens: tokens } } };
  };
}

// --- server -----------------------------------------------------------------------------------

function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('error', reject);
    req.on('end', () => {
      const text = Buffer.concat(parts).toString('utf8');
      if (text.length === 0) return resolve(undefined);
      try {
        resolve(JSON.parse(text));
      } catch {
        resolve(Symbol.for('invalid-json'));
      }
    });
  });
}

function send(res: ServerResponse, reply: FakeOpenAIReply): void {
  res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
  res.end(JSON.stringify(reply.body));
}

function authorised(req: IncomingMessage, options: FakeOpenAIOptions): boolean {
  const token = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim();
  return !!token && (options.apiKey === undefined || token === options.apiKey);
}

export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const routes: Record<string, FakeOpenAIRoute> = {
    'POST /v1/embeddings': embeddingsRoute(options),
  };
  const requests: FakeOpenAI['requests'] = [];
  const failures: number[] = [];

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const method = req.method ?? 'GET';
    void readBody(req)
      .then(async (body): Promise<FakeOpenAIReply> => {
        requests.push({ path, body });
        if (!authorised(req, options)) {
          return errorReply(401, "You didn't provide a valid API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).", 'invalid_request_error', 'invalid_api_key');
        }
        const failure = failures.shift();
        if (failure !== undefined) return injectedFailure(failure);
        if (body === Symbol.for('invalid-json')) return errorReply(400, 'We could not parse the JSON body of your request.', 'invalid_request_error', null);
        const route = routes[`${method} ${path}`];
        if (!route) return errorReply(404, `Invalid URL (${method} ${path})`, 'invalid_request_error', null);
        return route({ method, path, headers: req.headers, body });
      })
      .then((reply) => send(res, reply), (error: unknown) => send(res, errorReply(500, String(error), 'server_error', null)));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    failNext(status, times = 1) {
      for (let i = 0; i < times; i++) failures.push(status);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
