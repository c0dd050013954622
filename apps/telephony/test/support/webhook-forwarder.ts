import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ERROR_STATUS, TelephonySubjects, TWILIO_WEBHOOK_KINDS, TWILIO_WEBHOOK_PATH, type TwilioWebhookKind } from '@parley/contracts';
import { DomainException } from '@parley/platform';
import type { TestBus } from '@parley/testing';

export interface ForwardedWebhook {
  kind: string;
  path: string;
  status: number;
  body: string;
}

/**
 * Stands in for the gateway's public Twilio routes in service tests: what the fake Twilio posts to
 * `${baseUrl}/api/v1/telephony/twilio/<kind>?tenant=…` is forwarded over NATS exactly as the
 * gateway does (raw form params, path and query as requested, the signature header), and the
 * service's answer (or its error's status) is written back.
 */
export interface WebhookForwarder {
  baseUrl: string;
  forwarded: ForwardedWebhook[];
  /** The service's bus, once it is booted (the service needs baseUrl before it boots). */
  attach(bus: TestBus): void;
  close(): Promise<void>;
}

export async function startWebhookForwarder(): Promise<WebhookForwarder> {
  let bus: TestBus | undefined;
  const forwarded: ForwardedWebhook[] = [];
  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => {
      const path = req.url ?? '/';
      const [route, query = ''] = path.split(/\?(.*)/s);
      const kind = route.slice(TWILIO_WEBHOOK_PATH.length + 1) as TwilioWebhookKind;
      const reply = (status: number, body: string, contentType = 'text/plain') => {
        forwarded.push({ kind, path, status, body });
        res.writeHead(status, { 'content-type': contentType });
        res.end(body);
      };
      if (!bus || req.method !== 'POST' || !route.startsWith(`${TWILIO_WEBHOOK_PATH}/`) || !TWILIO_WEBHOOK_KINDS.includes(kind)) {
        return reply(404, 'not found');
      }
      const params = Object.fromEntries(new URLSearchParams(Buffer.concat(parts).toString('utf8')));
      const signature = req.headers['x-twilio-signature'];
      bus
        .send(TelephonySubjects.twilioWebhook, {
          kind,
          tenant_id: new URLSearchParams(query).get('tenant') ?? '',
          path,
          params,
          signature: typeof signature === 'string' ? signature : undefined,
        })
        .then(
          (answer) => reply(200, answer.body, answer.content_type),
          (error: unknown) => reply(error instanceof DomainException ? ERROR_STATUS[error.code] : 500, String((error as Error).message)),
        );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    forwarded,
    attach(next) {
      bus = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
