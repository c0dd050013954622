import type { ConversationIntent, ConversationState, ObjectionType } from '@parley/contracts';

/**
 * What a conversation remembers between turns: stored as JSON on the voice call, passed to the
 * engine with every turn and returned updated. Plain data, so either provider can carry it on.
 */
export interface ConversationMemory {
  state: ConversationState;
  statesVisited: ConversationState[];
  /** Caller turns so far. */
  callerTurns: number;
  objections: ObjectionType[];
  objectionsHandled: ObjectionType[];
  interestSignals: string[];
  /** Sentiment score of each caller turn, in order. */
  sentiments: number[];
  intents: ConversationIntent[];
  /** Silent caller turns in a row (phone: Gather heard nothing). */
  silentTurns: number;
  /** Facts the caller gave: callback_at (ISO), budget, timeline, decision_maker, competitor, email, … */
  slots: Record<string, string | number | boolean>;
  /** How it ended, once it did: agreed, demo_booked, callback_booked, not_interested, wrong_person, voicemail, opted_out, transferred, hung_up. */
  outcome: string | null;
}

export function newConversationMemory(): ConversationMemory {
  return {
    state: 'greeting', statesVisited: ['greeting'], callerTurns: 0, objections: [], objectionsHandled: [], interestSignals: [],
    sentiments: [], intents: [], silentTurns: 0, slots: {}, outcome: null,
  };
}
