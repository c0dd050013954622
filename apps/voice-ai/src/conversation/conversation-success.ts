import type { ConversationSummaryDto } from '@parley/contracts';

/** Outcomes that secured a next step. */
const SUCCESS_OUTCOMES = new Set(['agreed', 'demo_booked', 'callback_booked']);

/** A conversation succeeded when it reached closing or secured a next step (the agents' success rate). */
export function conversationSucceeded(summary: ConversationSummaryDto): boolean {
  return summary.state_reached === 'closing'
    || summary.states_visited.includes('closing')
    || summary.callback_at !== null
    || SUCCESS_OUTCOMES.has(summary.outcome);
}
