import { isUUID } from 'class-validator';
import { TWILIO_WEBHOOK_PATH, type TwilioWebhookKind } from '@parley/contracts';

/**
 * The URL Twilio posts a webhook of `kind` to: the tenant (and, for calls we place, our call id,
 * so a callback that beats the CallSid into our database still finds its call) in the query.
 */
export function twilioWebhookUrl(publicBaseUrl: string, kind: TwilioWebhookKind, tenantId: string, callId?: string): string {
  const query = new URLSearchParams({ tenant: tenantId });
  if (callId) query.set('call_id', callId);
  return `${publicBaseUrl.replace(/\/+$/, '')}${TWILIO_WEBHOOK_PATH}/${kind}?${query.toString()}`;
}

/**
 * The gather webhook of one prompt of a call an AI agent holds. `prompt` makes each prompt's URL,
 * and so its signature, unique: two identical answers in a row (or two silences) are not taken
 * for a retried delivery of the same webhook.
 */
export function promptGatherUrl(publicBaseUrl: string, tenantId: string, callId: string, promptId: string): string {
  return `${twilioWebhookUrl(publicBaseUrl, 'gather', tenantId, callId)}&${new URLSearchParams({ prompt: promptId }).toString()}`;
}

/** Our call id from a webhook's path and query, when it carries a well-formed one. */
export function callIdOfWebhookPath(path: string): string | null {
  const queryStart = path.indexOf('?');
  if (queryStart === -1) return null;
  const callId = new URLSearchParams(path.slice(queryStart + 1)).get('call_id');
  return callId && isUUID(callId) ? callId : null;
}

/**
 * Whether the signed path is the webhook the request claims to be: the route of `kind` and the
 * tenant in its query. The signature covers the path only, so `kind` and `tenant_id` are trusted
 * only as far as the path says the same.
 */
export function webhookPathMatches(path: string, kind: TwilioWebhookKind, tenantId: string): boolean {
  const queryStart = path.indexOf('?');
  const route = queryStart === -1 ? path : path.slice(0, queryStart);
  if (route !== `${TWILIO_WEBHOOK_PATH}/${kind}`) return false;
  return new URLSearchParams(queryStart === -1 ? '' : path.slice(queryStart + 1)).get('tenant') === tenantId;
}
