import type { CallDirection } from '@parley/contracts';
import { isEndStatus } from '../call/call-status-progression';
import type { CallEntity } from '../call/call.entity';
import { answeredByMachine } from '../twilio/answered-by';

/** A live call an AI agent holds, as the webhook's transaction saw it. */
export interface AiCall {
  id: string;
  aiAgentId: string;
  leadId: string | null;
  direction: CallDirection;
  /** The other party: the caller of an inbound call, the callee of an outbound one. */
  remoteNumber: string | null;
  providerCallId: string | null;
}

/**
 * What a webhook of an AI agent's call asks of voice-ai, once the webhook's own changes are
 * committed (voice-ai is never waited for inside a database transaction):
 *  - answered: the voice webhook, the call was just picked up (AnsweredBy when sync AMD ran);
 *  - speech: the gather webhook, what the caller said ('' when they stayed silent);
 *  - machine: async AMD found an answering machine after the call was picked up.
 */
export type AiCallStep =
  | { kind: 'answered'; call: AiCall; answeredBy: string | null }
  | { kind: 'speech'; call: AiCall; text: string; confidence: number | null }
  | { kind: 'machine'; call: AiCall; answeredBy: string };

/** The call as an AI agent's call; null when no agent holds it or it has ended. */
export function aiCallOf(call: CallEntity): AiCall | null {
  if (!call.aiAgentId || isEndStatus(call.status)) return null;
  return {
    id: call.id,
    aiAgentId: call.aiAgentId,
    leadId: call.leadId,
    direction: call.direction,
    remoteNumber: call.direction === 'inbound' ? call.fromNumber : call.toNumber,
    providerCallId: call.providerCallId,
  };
}

/** What the caller said at the Gather (Twilio's SpeechResult and Confidence, or keypresses). */
export function speechStep(call: AiCall, params: Record<string, string>): AiCallStep {
  const text = (params['SpeechResult'] || params['Digits'] || '').trim();
  const confidence = params['Confidence'] ? Number(params['Confidence']) : NaN;
  return { kind: 'speech', call, text, confidence: Number.isFinite(confidence) ? confidence : null };
}

/** A machine found by async AMD; null when a person (or nobody can tell) answered. */
export function machineStep(call: AiCall, params: Record<string, string>): AiCallStep | null {
  const answeredBy = params['AnsweredBy'];
  return answeredByMachine(answeredBy) ? { kind: 'machine', call, answeredBy } : null;
}
