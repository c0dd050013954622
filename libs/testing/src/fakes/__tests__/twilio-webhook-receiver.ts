import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import type Response from 'twilio/lib/http/response';

/**
 * Test doubles for our side of Twilio: an SDK client whose requests go to the fake (the same
 * RequestClient subclass trick the telephony service uses), and a node:http server standing in
 * for our public webhook URLs, recording every request it gets.
 */

export class FakeTwilioRequestClient extends twilio.RequestClient {
  constructor(private readonly apiBaseUrl: string) {
    super({ keepAlive: false });
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>): Promise<Response<TData>> {
    return super.request({ ...opts, uri: opts.uri.replace(/^https:\/\/api\.twilio\.com/, this.apiBaseUrl) });
  }
}

export function sdkClient(apiBaseUrl: string, accountSid: string, authToken: string): twilio.Twilio {
  return twilio(accountSid, authToken, { httpClient: new FakeTwilioRequestClient(apiBaseUrl) });
}

export interface ReceivedWebhook {
  method: string;
  /** The full URL requested (base + path + query), as our side would rebuild it from its public base URL. */
  url: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The form body, in the order sent. */
  body: string;
  params: Record<string, string>;
}

export interface WebhookReceiver {
  baseUrl: string;
  received: ReceivedWebhook[];
  /** Answers requests to `path` (without query) with this status and body; default 200, empty TwiML. */
  answer(path: string, reply: { status?: number; body: string; contentType?: string }): void;
  close(): Promise<void>;
}

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const replies = new Map<string, { status?: number; body: string; contentType?: string }>();
  let baseUrl = '';
  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => {
      const body = Buffer.concat(parts).toString('utf8');
      const path = (req.url ?? '/').split('?')[0];
      const params = Object.fromEntries(new URLSearchParams(req.method === 'GET' ? '' : body));
      received.push({ method: req.method ?? 'GET', url: baseUrl + (req.url ?? '/'), path, headers: req.headers, body, params });
      const reply = replies.get(path) ?? { body: EMPTY_TWIML };
      res.writeHead(reply.status ?? 200, { 'content-type': reply.contentType ?? 'text/xml' });
      res.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    received,
    answer: (path, reply) => replies.set(path, reply),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
