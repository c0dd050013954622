import type { CallRecommendation, ConversationState } from '@parley/contracts';
import type { ConversationMemory } from '../conversation-memory';

/** How a conversation can end (memory.outcome); `hung_up` and `no_response` are inferred when no engine set one. */
export const CONVERSATION_OUTCOMES = [
  'agreed', 'demo_booked', 'callback_booked', 'not_interested', 'wrong_person', 'voicemail', 'opted_out', 'transferred',
  'hung_up', 'no_response',
] as const;
export type ConversationOutcome = (typeof CONVERSATION_OUTCOMES)[number];

/** Outcomes that secured a next step with the caller. */
const NEXT_STEP_OUTCOMES: ReadonlySet<string> = new Set<ConversationOutcome>(['agreed', 'demo_booked', 'callback_booked']);

export function securedNextStep(outcome: string | null): boolean {
  return outcome !== null && NEXT_STEP_OUTCOMES.has(outcome);
}

export function isConversationOutcome(value: string | null): value is ConversationOutcome {
  return value !== null && (CONVERSATION_OUTCOMES as readonly string[]).includes(value);
}

/** The engine's recorded outcome, else what the memory shows: a booked callback, an agreement in closing, or a caller who left. */
export function outcomeOf(memory: ConversationMemory): ConversationOutcome {
  if (isConversationOutcome(memory.outcome)) return memory.outcome;
  if (memory.callerTurns === 0) return 'no_response';
  if (typeof memory.slots['callback_at'] === 'string') return 'callback_booked';
  const lastIntent = memory.intents[memory.intents.length - 1];
  if (memory.statesVisited.includes('closing') && (lastIntent === 'agreement' || lastIntent === 'demo_request')) {
    return lastIntent === 'demo_request' ? 'demo_booked' : 'agreed';
  }
  return 'hung_up';
}

/** Progress through the funnel, 0…1, from the furthest state reached. */
const STATE_PROGRESS: Record<ConversationState, number> = {
  greeting: 0, discovery: 0.25, qualification: 0.5, presentation: 0.7, objection_handling: 0.7, closing: 1, ended: 0,
};

export function funnelProgress(statesVisited: readonly ConversationState[]): number {
  return statesVisited.reduce((best, state) => Math.max(best, STATE_PROGRESS[state]), 0);
}

/** The furthest working state reached (`ended` is where every conversation stops, so it never counts as progress). */
export function furthestState(statesVisited: readonly ConversationState[]): ConversationState {
  let furthest: ConversationState = 'greeting';
  for (const state of statesVisited) {
    if (state !== 'ended' && STATE_PROGRESS[state] >= STATE_PROGRESS[furthest]) furthest = state;
  }
  return furthest;
}

/** What sales should do next with this lead. */
export function recommendationFor(
  outcome: ConversationOutcome, memory: ConversationMemory, conversionProbability: number,
): CallRecommendation {
  switch (outcome) {
    case 'opted_out': return 'do_not_call';
    case 'wrong_person': return 'disqualify';
    case 'transferred': return 'escalate';
    case 'voicemail': return 'follow_up';
    case 'demo_booked': return 'schedule_demo';
    case 'callback_booked': return 'follow_up';
    case 'agreed': {
      // Closing needs more than a yes: a likely deal with the person who decides and nothing left open.
      const openObjection = memory.objections.some((o) => !memory.objectionsHandled.includes(o));
      const decides = memory.slots['decision_maker'] !== false;
      return conversionProbability >= 0.9 && decides && !openObjection ? 'close_won' : 'send_proposal';
    }
    case 'not_interested': {
      // "We don't need it" disqualifies; anything else may change with time.
      const unhandledNeed = memory.objections.includes('need') && !memory.objectionsHandled.includes('need');
      return unhandledNeed ? 'disqualify' : 'nurture';
    }
    case 'hung_up':
    case 'no_response':
      if (conversionProbability >= 0.6) return 'send_proposal';
      if (memory.intents.includes('demo_request')) return 'schedule_demo';
      if (conversionProbability >= 0.3 || memory.interestSignals.length > 0) return 'follow_up';
      return 'nurture';
  }
}

/** Outcome words for people ("callback booked"). */
export function outcomePhrase(outcome: ConversationOutcome): string {
  return outcome.replace(/_/g, ' ');
}
