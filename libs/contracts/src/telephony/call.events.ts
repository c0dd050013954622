/**
 * Call events the telephony service (issue 5) emits; declared here first because leads re-scores a
 * lead when a call about it ends. Telephony adds the rest of its events beside this one.
 */
export const CALL_END_STATUSES = ['completed', 'failed', 'busy', 'no_answer', 'canceled'] as const;
export type CallEndStatus = (typeof CALL_END_STATUSES)[number];

export interface CallEvents {
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
}
