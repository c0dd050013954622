import { randomUUID } from 'node:crypto';
import { request as httpRequest, type ClientRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { getExpectedTwilioSignature } from 'twilio';
import { encodeForm } from './twilio-wire';

/**
 * Twilio's side of a webhook: a form-encoded request signed with X-Twilio-Signature (HMAC-SHA1 of
 * the full URL followed by the POST parameters sorted by name, keyed by the account's auth token;
 * for GET the parameters go into the query string and only the URL is signed). One delivery per
 * webhook, no retries: what our side answered is recorded instead.
 */

export type WebhookKind = 'status' | 'voice' | 'gather' | 'amd';

export interface FakeTwilioWebhook {
  kind: WebhookKind;
  method: 'GET' | 'POST';
  /** The exact URL requested (for GET, with the parameters appended) — the URL that was signed. */
  url: string;
  params: Record<string, string>;
  signature: string;
  /** HTTP status our side answered; 0 when it never answered (refused, reset, 15 s timeout). */
  status: number;
  body: string;
  contentType?: string;
  error?: string;
}

/** Twilio gives up on a webhook after 15 s. */
const WEBHOOK_TIMEOUT_MS = 15_000;
/** Twilio reads at most 64 kB of TwiML. */
const MAX_BODY_BYTES = 64 * 1024;

export class SignedWebhookSender {
  private readonly inFlight = new Set<ClientRequest>();
  private stopped = false;

  send(kind: WebhookKind, target: { url: string; method: string }, params: Record<string, string>, authToken: string): Promise<FakeTwilioWebhook> {
    const method = target.method.toUpperCase() === 'GET' ? 'GET' : 'POST';
    const url = method === 'GET' ? withQuery(target.url, params) : target.url;
    const signature = getExpectedTwilioSignature(authToken, url, method === 'GET' ? {} : params);
    const record: FakeTwilioWebhook = { kind, method, url, params, signature, status: 0, body: '' };
    if (this.stopped) return Promise.resolve({ ...record, error: 'fake Twilio closed' });

    const body = method === 'POST' ? Buffer.from(encodeForm(params)) : undefined;
    const headers: Record<string, string> = {
      'User-Agent': 'TwilioProxy/1.1',
      'X-Twilio-Signature': signature,
      'I-Twilio-Idempotency-Token': randomUUID(),
      Accept: '*/*',
      Connection: 'close',
    };
    if (body) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded; charset=UTF-8';
      headers['Content-Length'] = String(body.length);
    }
    return new Promise((resolve) => {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        resolve({ ...record, error: `invalid URL ${url}` });
        return;
      }
      const send = parsed.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(parsed, { method, headers, agent: false }, (res) => {
        const parts: Buffer[] = [];
        let size = 0;
        res.on('data', (part: Buffer) => {
          size += part.length;
          if (size <= MAX_BODY_BYTES) parts.push(part);
        });
        res.on('error', (error) => finish({ ...record, status: res.statusCode ?? 0, error: error.message }));
        res.on('end', () =>
          finish({
            ...record,
            status: res.statusCode ?? 0,
            body: Buffer.concat(parts).toString('utf8'),
            contentType: res.headers['content-type'],
          }),
        );
      });
      const finish = (result: FakeTwilioWebhook) => {
        this.inFlight.delete(req);
        resolve(result);
      };
      this.inFlight.add(req);
      req.setTimeout(WEBHOOK_TIMEOUT_MS, () => req.destroy(new Error(`no answer within ${WEBHOOK_TIMEOUT_MS} ms`)));
      req.on('error', (error) => finish({ ...record, error: error.message }));
      req.end(body);
    });
  }

  /** Aborts every delivery in flight (each resolves with status 0) and refuses new ones. */
  stop(): void {
    this.stopped = true;
    for (const req of this.inFlight) req.destroy(new Error('fake Twilio closed'));
    this.inFlight.clear();
  }
}

function withQuery(url: string, params: Record<string, string>): string {
  const query = encodeForm(params);
  if (!query) return url;
  return `${url}${url.includes('?') ? '&' : '?'}${query}`;
}
