import type { ActivityType, CallEvents, LeadStatus } from '@parley/contracts';
import { canTransition } from '../lead/lead-lifecycle';

/** Activities in which the team reached the lead (or tried to, leaving a trace the lead sees). */
export const CONTACT_ACTIVITIES: readonly ActivityType[] = [
  'email_sent', 'call_made', 'call_answered', 'meeting', 'voicemail_left', 'proposal_sent',
];

export interface ActivityEffect {
  /** Set last_contacted_at to the activity's time. */
  contacted: boolean;
  /** The lead's new status, or null when it stays. */
  status: LeadStatus | null;
}

/**
 * What an activity does to its lead: a first contact moves a new lead to contacted, and an
 * unsubscribe opts the lead out (unless its status is final, which the lifecycle decides).
 */
export function activityEffect(type: ActivityType, status: LeadStatus): ActivityEffect {
  const contacted = CONTACT_ACTIVITIES.includes(type);
  let next: LeadStatus | null = null;
  if (type === 'unsubscribed' && status !== 'do_not_contact' && canTransition(status, 'do_not_contact')) next = 'do_not_contact';
  else if (contacted && status === 'new') next = 'contacted';
  return { contacted, status: next };
}

/** The activity a finished call becomes: voicemail, a conversation, or a miss. */
export function callActivityType(call: Pick<CallEvents['call.ended'], 'status' | 'duration_seconds' | 'outcome'>): ActivityType {
  if (call.outcome === 'voicemail') return 'voicemail_left';
  if (call.status === 'completed' && call.duration_seconds > 0) return 'call_answered';
  return 'call_missed';
}
