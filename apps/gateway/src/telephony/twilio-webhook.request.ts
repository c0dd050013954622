import { isUUID } from 'class-validator';
import type { TwilioWebhookRequest } from '@parley/contracts';
import { ForbiddenException } from '@parley/platform';

export type TwilioWebhookKind = TwilioWebhookRequest['kind'];

/** A webhook as Fastify received it. */
export interface ReceivedWebhook {
  /** Path and query exactly as requested. */
  url: string;
  query: unknown;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

const SIGNATURE_HEADER = 'x-twilio-signature';

/**
 * What telephony needs to verify and handle a Twilio webhook. Nothing is trimmed or re-encoded:
 * the signature covers the URL as requested and every parameter byte for byte.
 */
export function twilioWebhookRequest(kind: TwilioWebhookKind, received: ReceivedWebhook): TwilioWebhookRequest {
  const signature = received.headers[SIGNATURE_HEADER];
  return {
    kind,
    tenant_id: tenantOf(received.query),
    path: received.url,
    params: formParams(received.body),
    ...(typeof signature === 'string' ? { signature } : {}),
  };
}

/** The tenant is set in the webhook URL when the call is created; without one nobody can verify the signature. */
function tenantOf(query: unknown): string {
  const tenant = (query as Record<string, unknown> | undefined)?.['tenant'];
  if (typeof tenant !== 'string' || !isUUID(tenant)) {
    throw new ForbiddenException('the webhook URL must name its tenant (?tenant=<id>)');
  }
  return tenant;
}

/**
 * The form fields as parsed. A repeated key stays a list of values, which the SDK's validator
 * signs the way Twilio does; anything else (a JSON body) is not a Twilio form and carries no fields.
 */
function formParams(body: unknown): Record<string, string> {
  const params: Record<string, string | string[]> = {};
  if (typeof body !== 'object' || body === null) return {};
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === 'string') params[key] = value;
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) params[key] = value as string[];
  }
  return params as Record<string, string>;
}
