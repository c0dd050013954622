import type { ConversationAnalyticsDto } from '@parley/contracts';
import type { TranscriptLine } from '../conversation-engine';
import type { ConversationMemory } from '../conversation-memory';
import { type ConversationOutcome, funnelProgress } from './conversation-outcome';
import { averageSentiment } from './sentiment-label';

/** Log-odds each outcome adds: a booked next step is most of the way to a sale, an opt-out is none of it. */
const OUTCOME_WEIGHT: Record<ConversationOutcome, number> = {
  agreed: 2.2, demo_booked: 1.9, callback_booked: 1.1, transferred: 0.5, hung_up: -0.4, no_response: -1.5, voicemail: -1.2,
  not_interested: -2.6, wrong_person: -4, opted_out: -6,
};

/** Logistic over the conversation's signals, 0…1. */
export function conversionProbability(memory: ConversationMemory, outcome: ConversationOutcome): number {
  const unhandled = memory.objections.filter((o) => !memory.objectionsHandled.includes(o)).length;
  const handled = memory.objections.length - unhandled;
  const decisionMaker = memory.slots['decision_maker'];
  let z = -1.6;
  z += 0.4 * Math.min(memory.interestSignals.length, 5);
  z += 1.4 * averageSentiment(memory.sentiments);
  z += 1.2 * funnelProgress(memory.statesVisited);
  z -= 0.7 * unhandled + 0.15 * handled;
  z += OUTCOME_WEIGHT[outcome];
  if (memory.slots['budget'] !== undefined) z += 0.3;
  if (memory.slots['timeline'] !== undefined) z += 0.2;
  if (decisionMaker === true) z += 0.4;
  if (decisionMaker === false) z -= 0.3;
  return round(1 / (1 + Math.exp(-z)), 3);
}

export function wordCount(text: string): number {
  const words = text.trim().split(/\s+/);
  return words[0] === '' ? 0 : words.length;
}

/** How much the caller took part, 0…1: turns taken, words said, interest shown. */
export function engagementOf(memory: ConversationMemory, callerWords: number, outcome: ConversationOutcome): number {
  if (outcome === 'voicemail' || memory.callerTurns === 0) return 0;
  const spokenTurns = Math.max(0, memory.callerTurns - memory.silentTurns);
  const score = 0.45 * Math.min(spokenTurns / 6, 1) + 0.35 * Math.min(callerWords / 60, 1)
    + 0.2 * Math.min(memory.interestSignals.length / 3, 1);
  return round(score, 3);
}

/** Nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function conversationAnalytics(
  memory: ConversationMemory, history: readonly TranscriptLine[], responseTimesMs: readonly number[], outcome: ConversationOutcome,
): ConversationAnalyticsDto {
  let callerWords = 0;
  let aiWords = 0;
  for (const line of history) {
    if (line.speaker === 'caller') callerWords += wordCount(line.text);
    else aiWords += wordCount(line.text);
  }
  const average = responseTimesMs.length === 0 ? 0 : responseTimesMs.reduce((sum, ms) => sum + ms, 0) / responseTimesMs.length;
  return {
    conversion_probability: conversionProbability(memory, outcome),
    engagement: engagementOf(memory, callerWords, outcome),
    average_sentiment: averageSentiment(memory.sentiments),
    caller_words: callerWords,
    ai_words: aiWords,
    average_response_ms: round(average, 1),
    p95_response_ms: round(percentile(responseTimesMs, 95), 1),
  };
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
