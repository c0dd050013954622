import { isUUID } from 'class-validator';
import { twilioWebhookUrl } from '../twilio/twilio-webhook-urls';

export type EscalationWebhookKind = 'dial' | 'queue' | 'wait';

/** A webhook URL of an escalation: the tenant, the call and the escalation in the (signed) query. */
export function escalationWebhookUrl(
  publicBaseUrl: string, kind: EscalationWebhookKind, tenantId: string, callId: string, escalationId: string,
): string {
  return `${twilioWebhookUrl(publicBaseUrl, kind, tenantId, callId)}&${new URLSearchParams({ escalation_id: escalationId }).toString()}`;
}

/** The escalation id a webhook's path and query carry, when well-formed. */
export function escalationIdOfWebhookPath(path: string): string | null {
  const queryStart = path.indexOf('?');
  if (queryStart === -1) return null;
  const id = new URLSearchParams(path.slice(queryStart + 1)).get('escalation_id');
  return id && isUUID(id) ? id : null;
}
