import { CALL_END_STATUSES, type CallEndStatus, type CallStatus } from '@parley/contracts';

/** How far along a call is; every end status is as far as a call goes. */
const STAGE: { readonly [S in CallStatus]: number } = {
  queued: 0,
  ringing: 1,
  in_progress: 2,
  completed: 3,
  failed: 3,
  busy: 3,
  no_answer: 3,
  canceled: 3,
};

export function isEndStatus(status: CallStatus): status is CallEndStatus {
  return (CALL_END_STATUSES as readonly string[]).includes(status);
}

/**
 * Whether a call may move from `current` to `next`. Calls only move forward, and an ended call
 * never changes: a retried, duplicated or late (out-of-order) callback is a no-op, not a rewind.
 */
export function canMove(current: CallStatus, next: CallStatus): boolean {
  return STAGE[next] > STAGE[current];
}
