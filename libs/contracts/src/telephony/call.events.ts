import type { EscalationOutcome, EscalationSelection } from './escalation.dto';

/**
 * Call events the telephony service (issue 5) emits; declared here first because leads re-scores a
 * lead when a call about it ends. Telephony adds the rest of its events beside this one.
 */
export const CALL_END_STATUSES = ['completed', 'failed', 'busy', 'no_answer', 'canceled'] as const;
export type CallEndStatus = (typeof CALL_END_STATUSES)[number];

interface CallRef {
  call_id: string;
  lead_id: string | null;
  direction: 'inbound' | 'outbound';
  type: 'phone' | 'chat';
}

export interface CallEvents {
  'call.started': CallRef & { status: string; from_number: string | null; to_number: string | null; agent_id: string | null; ai_agent_id: string | null };
  /** Every status move (ringing, in_progress, …) and changes to tags, summary or resolution. */
  'call.updated': CallRef & { status: string; previous_status: string | null; changes: string[] };
  /** Emitted with call.ended when a call ends `completed`. */
  'call.completed': CallRef & { duration_seconds: number; agent_id: string | null; ai_agent_id: string | null };
  /** Emitted with call.ended when a call ends failed, busy, no_answer or canceled. */
  'call.failed': CallRef & { status: string; reason: string | null };
  'call.ended': {
    call_id: string;
    lead_id: string | null;
    direction: 'inbound' | 'outbound';
    type: 'phone' | 'chat';
    status: CallEndStatus;
    duration_seconds: number;
    agent_id: string | null;
    ai_agent_id: string | null;
    /** -1..1 when the call was analysed. */
    sentiment: number | null;
    /** e.g. interested, callback_requested, not_interested, voicemail. */
    outcome: string | null;
  };
  /** A live call was handed to a human: `dialing` an agent's softphone, or `queued` (agent_id null) in the human queue. */
  'escalation.triggered': {
    escalation_id: string;
    call_id: string;
    lead_id: string | null;
    agent_id: string | null;
    status: 'dialing' | 'queued';
    selected_by: EscalationSelection | null;
    reason: string | null;
    summary: string | null;
  };
  /** A transfer is over: the agent talked with the caller, did not answer, or the caller hung up first. */
  'escalation.completed': {
    escalation_id: string;
    call_id: string;
    lead_id: string | null;
    agent_id: string | null;
    outcome: EscalationOutcome;
    /** How long the agent talked with the caller (Twilio's DialCallDuration), or waited in the queue. */
    duration_seconds: number | null;
  };
}
