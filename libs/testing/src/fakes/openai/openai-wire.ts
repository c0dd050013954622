import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** OpenAI's HTTP conventions as the fake speaks them: request/reply shapes, error bodies, ids. */

export interface FakeOpenAIRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** Parsed JSON, or the fields of a multipart form (files as `FormFile`), or undefined. */
  body: unknown;
}

/** A multipart file field as the fake received it. */
export interface FormFile {
  filename: string;
  type: string;
  bytes: Buffer;
}

export interface FakeOpenAIReply {
  status: number;
  /** A JSON value, or raw bytes (a Buffer, sent as is with `headers['content-type']`). */
  body: unknown;
  headers?: Record<string, string>;
  /** Server-sent events: each string is one `data:` payload, written as it is produced. */
  events?: AsyncIterable<string>;
}

export type FakeOpenAIRoute = (request: FakeOpenAIRequest) => FakeOpenAIReply | Promise<FakeOpenAIReply>;

export function errorReply(status: number, message: string, type: string, code: string | null, param: string | null = null, headers?: Record<string, string>): FakeOpenAIReply {
  return { status, body: { error: { message, type, param, code } }, headers };
}

export function invalidRequest(message: string, param: string | null = null, code: string | null = null): FakeOpenAIReply {
  return errorReply(400, message, 'invalid_request_error', code, param);
}

/** The error OpenAI sends for a status, with a retry hint so the SDK's retries stay fast in tests. */
export function injectedFailure(status: number): FakeOpenAIReply {
  if (status === 401) return errorReply(401, 'Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key');
  if (status === 429) return errorReply(429, 'Rate limit reached for requests.', 'requests', 'rate_limit_exceeded', null, { 'retry-after-ms': '5' });
  if (status >= 500) return errorReply(status, 'The server had an error while processing your request.', 'server_error', null, null, { 'retry-after-ms': '5' });
  return errorReply(status, 'The request was rejected.', 'invalid_request_error', null);
}

export const MISSING_KEY_MESSAGE =
  "You didn't provide a valid API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).";

/** OpenAI-style ids: a prefix and 24 random alphanumerics. */
export function newId(prefix: string): string {
  return `${prefix}${randomBytes(18).toString('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 24)}`;
}

export function unixSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** Rough token count (OpenAI's rule of thumb: ~4 characters a token). */
export function tokenCount(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

export function bearerToken(req: IncomingMessage): string | undefined {
  return /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim() || undefined;
}

export function acceptsKey(token: string | undefined, apiKey: string | undefined): boolean {
  return !!token && (apiKey === undefined || token === apiKey);
}

export const INVALID_JSON = Symbol.for('invalid-json');

export function readRawBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('error', reject);
    req.on('end', () => resolve(Buffer.concat(parts)));
  });
}

/** JSON bodies parse to values, multipart forms to their fields; anything unparsable to INVALID_JSON. */
export async function parseBody(raw: Buffer, contentType: string | undefined): Promise<unknown> {
  if (raw.length === 0) return undefined;
  if (contentType?.toLowerCase().startsWith('multipart/form-data')) {
    // undici's multipart parser (Node's fetch), the one the SDK's FormData was written for.
    const form = await new Response(Uint8Array.from(raw), { headers: { 'content-type': contentType } }).formData();
    const fields: Record<string, unknown> = {};
    for (const [name, value] of form.entries()) {
      fields[name] =
        typeof value === 'string' ? value : { filename: value.name, type: value.type, bytes: Buffer.from(await value.arrayBuffer()) } satisfies FormFile;
    }
    return fields;
  }
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return INVALID_JSON;
  }
}

export async function sendReply(res: ServerResponse, reply: FakeOpenAIReply, requestId: string): Promise<void> {
  const headers = { 'x-request-id': requestId, 'openai-processing-ms': '1', ...reply.headers };
  if (reply.events) {
    res.writeHead(reply.status, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', ...headers });
    for await (const data of reply.events) {
      if (res.destroyed) return;
      res.write(`data: ${data}\n\n`);
    }
    res.end();
    return;
  }
  if (Buffer.isBuffer(reply.body)) {
    res.writeHead(reply.status, { 'content-type': 'application/octet-stream', 'content-length': String(reply.body.length), ...headers });
    res.end(reply.body);
    return;
  }
  if (typeof reply.body === 'string') {
    res.writeHead(reply.status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
    res.end(reply.body);
    return;
  }
  res.writeHead(reply.status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(reply.body));
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
