import { createHash } from 'node:crypto';
import { errorReply, type FakeOpenAIRoute } from './openai-wire';

/** POST /v1/embeddings: deterministic vectors where synonyms land near each other. */

const DEFAULT_DIMENSIONS = 256;
const FEATURE_POSITIONS = 8;

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

export function embeddingsRoute(options: { dimensions?: number }): FakeOpenAIRoute {
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
