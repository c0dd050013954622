import type { CallStatus } from '@parley/contracts';

/** Twilio's CallStatus values → ours; Twilio's `initiated` is still queued for us. */
const TWILIO_TO_CALL_STATUS: Readonly<Record<string, CallStatus>> = {
  queued: 'queued',
  initiated: 'queued',
  ringing: 'ringing',
  'in-progress': 'in_progress',
  completed: 'completed',
  busy: 'busy',
  'no-answer': 'no_answer',
  failed: 'failed',
  canceled: 'canceled',
};

/** Our status for a Twilio CallStatus; null for a value Twilio may add later (ignored, not guessed). */
export function callStatusFromTwilio(twilioStatus: string | undefined): CallStatus | null {
  if (!twilioStatus) return null;
  return TWILIO_TO_CALL_STATUS[twilioStatus.trim().toLowerCase()] ?? null;
}
