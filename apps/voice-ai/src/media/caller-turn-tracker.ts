import type { TurnAnalysisDto } from '@parley/contracts';
import type { ConversationMemory } from '../engine/conversation-memory';
import { understandCallerTurn } from '../engine/local/nlu/caller-turn-analyzer';
import { decideNextMove } from '../engine/local/policy/conversation-policy';
import { rememberTurn } from '../engine/openai/turn-memory';

export interface TrackedCallerTurn {
  analysis: TurnAnalysisDto;
  memory: ConversationMemory;
}

/**
 * The Realtime API answers in audio and says nothing of what it understood, so each transcribed
 * caller line is read with the local engine's NLU (no network, about a millisecond) and the
 * conversation's state follows the local policy: phone calls on the openai provider get the same
 * sentiment, intent, objections, signals, facts and states as every other conversation.
 */
export function trackCallerTurn(memory: ConversationMemory, text: string, now: Date, timezone: string): TrackedCallerTurn {
  const understood = understandCallerTurn(text, memory.state, now, timezone);
  const analysis: TurnAnalysisDto = {
    sentiment: understood.sentiment,
    intent: understood.intent.intent,
    confidence: understood.intent.confidence,
    objections: understood.intent.objections,
    interest_signals: understood.interestSignals,
  };
  const facts = { callerText: text, analysis, ended: false, slots: understood.slots };
  // The policy reads this turn's facts and count from memory before deciding where the conversation went.
  const counted = rememberTurn(memory, { ...facts, state: null, outcome: null });
  const decision = decideNextMove(counted, analysis.intent);
  return { analysis, memory: rememberTurn(memory, { ...facts, state: decision.next, outcome: decision.outcome }) };
}
