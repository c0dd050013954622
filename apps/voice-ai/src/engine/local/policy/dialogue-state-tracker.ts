import type { ConversationIntent, ConversationState } from '@parley/contracts';
import type { ConversationMemory } from '../../conversation-memory';
import type { ConversationOutcome } from '../../summary/conversation-outcome';
import type { CallerTurnUnderstanding } from '../nlu/caller-turn-analyzer';

/** Negative turns don't resolve an open objection: the caller is still not convinced. */
const UNRESOLVED_BY: ConversationIntent[] = ['not_interested', 'opt_out', 'goodbye', 'wrong_person', 'objection'];

/** A copy of the memory, so the caller's memory object stays as it was if the turn fails. */
export function copyMemory(memory: ConversationMemory): ConversationMemory {
  return {
    ...memory,
    statesVisited: [...memory.statesVisited],
    objections: [...memory.objections],
    objectionsHandled: [...memory.objectionsHandled],
    interestSignals: [...memory.interestSignals],
    sentiments: [...memory.sentiments],
    intents: [...memory.intents],
    slots: { ...memory.slots },
  };
}

/**
 * Records what the caller said: turn count, intent, sentiment, new facts and signals, objections raised, and objections
 * answered last turn that the caller has now moved past.
 */
export function recordCallerTurn(memory: ConversationMemory, understanding: CallerTurnUnderstanding, intent: ConversationIntent): void {
  memory.callerTurns += 1;
  memory.silentTurns = 0;
  memory.intents.push(intent);
  memory.sentiments.push(understanding.sentiment.score);
  Object.assign(memory.slots, understanding.slots);
  for (const signal of understanding.interestSignals) {
    if (!memory.interestSignals.includes(signal)) memory.interestSignals.push(signal);
  }
  const raised = understanding.intent.objections;
  if (memory.state === 'objection_handling' && !UNRESOLVED_BY.includes(intent)) {
    for (const open of new Set(memory.objections)) {
      if (!memory.objectionsHandled.includes(open) && !raised.includes(open)) memory.objectionsHandled.push(open);
    }
  }
  memory.objections.push(...raised);
}

export function recordSilence(memory: ConversationMemory): void {
  memory.callerTurns += 1;
  memory.silentTurns += 1;
}

export function enterState(memory: ConversationMemory, state: ConversationState, outcome: ConversationOutcome | null): void {
  memory.state = state;
  if (!memory.statesVisited.includes(state)) memory.statesVisited.push(state);
  if (outcome !== null) memory.outcome = outcome;
}
