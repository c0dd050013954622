import type { ConversationIntent, ConversationState } from '@parley/contracts';
import type { ConversationMemory } from '../../conversation-memory';
import { securedNextStep, type ConversationOutcome } from '../../summary/conversation-outcome';
import type { DialogueMove } from './dialogue-move';

interface Transition {
  next: ConversationState | 'stay' | 'resume';
  move: DialogueMove;
  outcome?: ConversationOutcome;
}

/** What any state does with these intents (a state's own row overrides). */
const ANY_STATE: Record<ConversationIntent, Transition> = {
  opt_out: { next: 'ended', move: 'opt_out', outcome: 'opted_out' },
  wrong_person: { next: 'ended', move: 'wrong_person', outcome: 'wrong_person' },
  voicemail: { next: 'ended', move: 'leave_voicemail', outcome: 'voicemail' },
  transfer_request: { next: 'ended', move: 'transfer', outcome: 'transferred' },
  not_interested: { next: 'ended', move: 'not_interested', outcome: 'not_interested' },
  goodbye: { next: 'ended', move: 'goodbye' },
  objection: { next: 'objection_handling', move: 'handle_objection' },
  callback_request: { next: 'closing', move: 'book_callback' },
  demo_request: { next: 'closing', move: 'book_demo' },
  pricing: { next: 'presentation', move: 'answer_pricing' },
  question: { next: 'presentation', move: 'answer_question' },
  small_talk: { next: 'stay', move: 'small_talk' },
  greeting: { next: 'stay', move: 'small_talk' },
  unknown: { next: 'stay', move: 'clarify' },
  agreement: { next: 'stay', move: 'check_in' },
  interested: { next: 'stay', move: 'check_in' },
};

/**
 * The policy: state × intent → next state and move. `stay` keeps the state, `resume` goes back to where the conversation
 * was before an objection. Answers to the agent's own questions (agreement, interest, "unknown" statements of fact) move
 * the funnel forward.
 */
const TRANSITIONS: Record<ConversationState, Partial<Record<ConversationIntent, Transition>>> = {
  greeting: {
    greeting: { next: 'discovery', move: 'introduce_purpose' },
    small_talk: { next: 'discovery', move: 'introduce_purpose' },
    agreement: { next: 'discovery', move: 'introduce_purpose' },
    interested: { next: 'discovery', move: 'introduce_purpose' },
    unknown: { next: 'discovery', move: 'introduce_purpose' },
  },
  discovery: {
    agreement: { next: 'qualification', move: 'ask_qualification' },
    interested: { next: 'qualification', move: 'ask_qualification' },
    unknown: { next: 'qualification', move: 'ask_qualification' },
  },
  qualification: {
    agreement: { next: 'qualification', move: 'ask_qualification' },
    interested: { next: 'qualification', move: 'ask_qualification' },
    unknown: { next: 'qualification', move: 'ask_qualification' },
  },
  presentation: {
    agreement: { next: 'closing', move: 'propose_next_step' },
    interested: { next: 'closing', move: 'propose_next_step' },
    unknown: { next: 'presentation', move: 'check_in' },
  },
  objection_handling: {
    agreement: { next: 'closing', move: 'propose_next_step' },
    interested: { next: 'closing', move: 'propose_next_step' },
    unknown: { next: 'resume', move: 'check_in' },
    small_talk: { next: 'resume', move: 'check_in' },
  },
  closing: {
    agreement: { next: 'closing', move: 'confirm_agreement', outcome: 'agreed' },
    interested: { next: 'closing', move: 'confirm_agreement', outcome: 'agreed' },
    unknown: { next: 'closing', move: 'propose_next_step' },
  },
  ended: {},
};

/** Enough known about the caller to present: two of these, or two qualification questions answered. */
const QUALIFYING_SLOTS = ['team_size', 'timeline', 'budget', 'decision_maker'];
/** Greeting, discovery and two qualification answers: then present whatever we know. */
const PRESENT_BY_TURN = 4;

export interface PolicyDecision {
  next: ConversationState;
  move: DialogueMove;
  outcome: ConversationOutcome | null;
}

/**
 * `substantive`: the turn said something (a few words, or a fact). An unrecognised mumble ("uh, purple what?") is asked
 * again instead of being taken as the answer to our question.
 */
export function decideNextMove(memory: ConversationMemory, intent: ConversationIntent, substantive = true): PolicyDecision {
  const state = memory.state;
  if (intent === 'unknown' && !substantive && (state === 'discovery' || state === 'qualification')) {
    return { next: state, move: 'clarify', outcome: null };
  }
  if (state === 'ended') return { next: 'ended', move: 'goodbye', outcome: null };
  if (intent === 'not_interested' && securedNextStep(memory.outcome)) {
    return { next: 'ended', move: 'goodbye', outcome: null };
  }
  if (intent === 'agreement' && state === 'closing' && securedNextStep(memory.outcome)) {
    return { next: 'closing', move: 'check_in', outcome: null };
  }
  const transition = TRANSITIONS[state][intent] ?? ANY_STATE[intent];
  let next: ConversationState = transition.next === 'stay' ? state : transition.next === 'resume' ? resumeState(memory) : transition.next;
  let move = transition.move;
  if (transition.next === 'resume' && move === 'check_in' && !memory.statesVisited.includes('presentation')) {
    // Past the objection before we presented anything: present now.
    next = 'presentation';
    move = 'present';
  }
  if (move === 'ask_qualification' && qualified(memory)) {
    next = 'presentation';
    move = 'present';
  }
  return { next, move, outcome: transition.outcome ?? null };
}

/** Where the conversation was before the objection (presentation when it objected straight away). */
export function resumeState(memory: ConversationMemory): ConversationState {
  for (let i = memory.statesVisited.length - 1; i >= 0; i -= 1) {
    const state = memory.statesVisited[i];
    if (state === 'presentation' || state === 'closing') return state;
  }
  return 'presentation';
}

/** `memory` already holds this turn's slots and count. */
function qualified(memory: ConversationMemory): boolean {
  const known = QUALIFYING_SLOTS.filter((slot) => memory.slots[slot] !== undefined).length;
  return known >= 2 || memory.callerTurns >= PRESENT_BY_TURN;
}

/** The qualifying fact to ask about next, or null when all are known. */
export function nextQualifyingSlot(memory: ConversationMemory): string | null {
  return QUALIFYING_SLOTS.find((slot) => memory.slots[slot] === undefined) ?? null;
}
