import type { CallStatus } from '@parley/contracts';
import { canMove, isEndStatus } from './call-status-progression';

/** What a status report (a Twilio callback, a hang-up) says besides the status. */
export interface StatusFacts {
  /** When it happened (Twilio's Timestamp); now when unknown. */
  at?: Date;
  /** Twilio's CallDuration, on an end status. */
  durationSeconds?: number | null;
  /** Why a call failed, was busy, unanswered or canceled. */
  reason?: string | null;
}

export interface CallTimes {
  status: CallStatus;
  answeredAt: Date | null;
}

export interface StatusChange {
  status: CallStatus;
  answeredAt?: Date;
  endedAt?: Date;
  durationSeconds?: number;
  endReason?: string | null;
}

const DEFAULT_REASON: Partial<Record<CallStatus, string>> = {
  busy: 'the line was busy',
  no_answer: 'nobody answered',
  canceled: 'canceled before it was answered',
  failed: 'the call could not be connected',
};

/**
 * The columns a status move sets, or null when the call may not move (see canMove): answered_at
 * when it is answered, and ended_at, duration and reason when it ends. Twilio's duration wins over
 * our clock; a completed call reported before its answer gets answered_at from that duration.
 */
export function statusChange(call: CallTimes, next: CallStatus, facts: StatusFacts = {}, now = new Date()): StatusChange | null {
  if (!canMove(call.status, next)) return null;
  const at = facts.at ?? now;
  const change: StatusChange = { status: next };
  if (next === 'in_progress' && !call.answeredAt) change.answeredAt = at;
  if (!isEndStatus(next)) return change;

  change.endedAt = at;
  const answeredAt = call.answeredAt;
  const reported = facts.durationSeconds ?? null;
  if (reported !== null && reported >= 0) change.durationSeconds = Math.round(reported);
  else if (answeredAt) change.durationSeconds = Math.max(0, Math.round((at.getTime() - answeredAt.getTime()) / 1000));
  else change.durationSeconds = 0;
  if (next === 'completed' && !answeredAt && change.durationSeconds > 0) {
    change.answeredAt = new Date(at.getTime() - change.durationSeconds * 1000);
  }
  change.endReason = next === 'completed' ? null : facts.reason ?? DEFAULT_REASON[next] ?? null;
  return change;
}
