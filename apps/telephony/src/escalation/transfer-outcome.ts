import type { EscalationOutcome } from '@parley/contracts';
import { intParam } from '../twilio/twilio-params';

export interface TransferOutcome {
  outcome: EscalationOutcome;
  /** Talk time with the agent (DialCallDuration) or time on hold (QueueTime). */
  durationSeconds: number | null;
  /** The caller's own leg is over: nothing more can be played to them. */
  callerGone: boolean;
}

/** Twilio's DialCallStatus → how the dial to the agent ended. */
const DIAL_OUTCOME: Readonly<Record<string, EscalationOutcome>> = {
  completed: 'connected',
  answered: 'connected',
  busy: 'busy',
  'no-answer': 'no_answer',
  failed: 'failed',
  canceled: 'canceled',
};

/** Twilio's QueueResult → how the caller left the human queue. */
const QUEUE_OUTCOME: Readonly<Record<string, EscalationOutcome>> = {
  bridged: 'connected',
  'bridging-in-process': 'connected',
  'redirected-from-bridged': 'connected',
  hangup: 'abandoned',
  leave: 'left',
  redirected: 'left',
  'queue-full': 'failed',
  'system-error': 'failed',
  error: 'failed',
};

/** The caller's CallStatus values that mean their leg has ended. */
const ENDED_CALL = new Set(['completed', 'canceled', 'failed', 'busy', 'no-answer']);

const callerGone = (params: Record<string, string>) => ENDED_CALL.has((params['CallStatus'] ?? '').toLowerCase());

/**
 * How a <Dial> to an agent ended, from its action webhook. A caller who hung up while the agent's
 * softphone rang abandoned the transfer; an unknown status counts as failed.
 */
export function dialOutcome(params: Record<string, string>): TransferOutcome {
  const gone = callerGone(params);
  let outcome = DIAL_OUTCOME[(params['DialCallStatus'] ?? '').toLowerCase()] ?? 'failed';
  if (gone && outcome !== 'connected') outcome = 'abandoned';
  return { outcome, durationSeconds: intParam(params['DialCallDuration']), callerGone: gone };
}

/** How the caller left the human queue, from the <Enqueue> action webhook. */
export function queueOutcome(params: Record<string, string>): TransferOutcome {
  const outcome = QUEUE_OUTCOME[(params['QueueResult'] ?? '').toLowerCase()] ?? 'failed';
  return { outcome, durationSeconds: intParam(params['QueueTime']), callerGone: callerGone(params) || outcome === 'abandoned' };
}
