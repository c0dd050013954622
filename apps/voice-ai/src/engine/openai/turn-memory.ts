import type { ConversationState, TurnAnalysisDto } from '@parley/contracts';
import type { ConversationMemory } from '../conversation-memory';

/** What one answered caller turn adds to the conversation's memory. */
export interface TurnFacts {
  callerText: string;
  analysis: TurnAnalysisDto;
  /** The state the model moved to (null: it named none). */
  state: ConversationState | null;
  /** A tool ended the conversation (transfer, end_call). */
  ended: boolean;
  /** How it ended, when a tool said so. */
  outcome: string | null;
  slots: Record<string, string | number | boolean>;
}

/** Intents that end a conversation by themselves, and the outcome they leave. */
const ENDING_OUTCOMES: Partial<Record<TurnAnalysisDto['intent'], string>> = {
  not_interested: 'not_interested', wrong_person: 'wrong_person', voicemail: 'voicemail',
};

/** The memory after a turn: a new object, the old one untouched. */
export function rememberTurn(memory: ConversationMemory, facts: TurnFacts): ConversationMemory {
  const { analysis } = facts;
  const state: ConversationState = facts.ended ? 'ended' : facts.state ?? memory.state;
  const objections = union(memory.objections, analysis.objections);
  // Leaving objection handling for anything but the end means the open objections were answered.
  const handled = memory.state === 'objection_handling' && state !== 'objection_handling' && state !== 'ended'
    ? union(memory.objectionsHandled, memory.objections)
    : memory.objectionsHandled;
  const silent = facts.callerText.trim() === '';
  let outcome = facts.outcome ?? memory.outcome;
  if (!facts.outcome && state === 'ended') outcome = ENDING_OUTCOMES[analysis.intent] ?? memory.outcome;
  if (!outcome && analysis.intent === 'agreement' && (state === 'closing' || state === 'ended')) outcome = 'agreed';
  return {
    ...memory,
    state,
    statesVisited: memory.statesVisited.includes(state) ? memory.statesVisited : [...memory.statesVisited, state],
    callerTurns: memory.callerTurns + 1,
    objections,
    objectionsHandled: handled,
    interestSignals: union(memory.interestSignals, analysis.interest_signals),
    sentiments: silent ? memory.sentiments : [...memory.sentiments, analysis.sentiment.score],
    intents: [...memory.intents, analysis.intent],
    silentTurns: silent ? memory.silentTurns + 1 : 0,
    slots: { ...memory.slots, ...facts.slots },
    outcome,
  };
}

function union<T>(left: readonly T[], right: readonly T[]): T[] {
  return [...new Set([...left, ...right])];
}
