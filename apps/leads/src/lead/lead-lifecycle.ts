import type { LeadStatus } from '@parley/contracts';
import { ValidationException } from '@parley/platform';

/**
 * Allowed status moves. Deals may step back one stage (proposal → qualified, qualified → contacted)
 * because buyers stall; closed_lost may be re-opened as new when the lead comes back; closed_won
 * is final (a customer is not a lead any more) and do_not_contact is final (an opt-out must stick;
 * re-consent means a new lead). Every open status can be closed or opted out.
 */
export const LEAD_TRANSITIONS: { readonly [S in LeadStatus]: readonly LeadStatus[] } = {
  new: ['contacted', 'qualified', 'closed_lost', 'do_not_contact'],
  contacted: ['qualified', 'proposal', 'closed_lost', 'do_not_contact'],
  qualified: ['proposal', 'contacted', 'closed_won', 'closed_lost', 'do_not_contact'],
  proposal: ['closed_won', 'closed_lost', 'qualified', 'do_not_contact'],
  closed_won: [],
  closed_lost: ['new'],
  do_not_contact: [],
};

/** Whether `from → to` is allowed; staying in the same status always is (a no-op). */
export function canTransition(from: LeadStatus, to: LeadStatus): boolean {
  return from === to || LEAD_TRANSITIONS[from].includes(to);
}

export function assertTransition(from: LeadStatus, to: LeadStatus): void {
  if (canTransition(from, to)) return;
  const allowed = [...LEAD_TRANSITIONS[from]];
  throw new ValidationException(`status cannot go from ${from} to ${to}`, { field: 'status', from, to, allowed });
}
