import type { ConversationSummaryDto } from '@parley/contracts';
import { securedNextStep } from '../engine/summary/conversation-outcome';


/** A conversation succeeded when it reached closing or secured a next step (the agents' success rate). */
export function conversationSucceeded(summary: ConversationSummaryDto): boolean {
  return summary.state_reached === 'closing'
    || summary.states_visited.includes('closing')
    || summary.callback_at !== null
    || securedNextStep(summary.outcome);
}
