import type { ConversationAnalyticsDto, QaScoreDto } from '@parley/contracts';
import type { TranscriptLine } from '../conversation-engine';
import type { ConversationMemory } from '../conversation-memory';
import { securedNextStep, type ConversationOutcome } from './conversation-outcome';

/** How much each criterion counts towards the 0…100 score; compliance and a secured next step matter most. */
const WEIGHTS = {
  greeting: 10, needs_discovery: 20, objection_handling: 20, next_step: 20, compliance: 20, talk_ratio: 5, responsiveness: 5,
} as const;
export type QaCriterion = keyof typeof WEIGHTS;

/** Slots that show the agent learnt what the caller needs. */
const DISCOVERY_SLOTS = ['budget', 'timeline', 'team_size', 'decision_maker', 'competitor', 'use_case'];
/** Outcomes where there was nothing more to secure: ending politely was the right move. */
const NO_NEXT_STEP_EXPECTED: ConversationOutcome[] = ['opted_out', 'wrong_person', 'voicemail'];

export function scoreConversation(
  memory: ConversationMemory, history: readonly TranscriptLine[], analytics: ConversationAnalyticsDto, outcome: ConversationOutcome,
): QaScoreDto {
  const criteria: Record<QaCriterion, number> = {
    greeting: greetingScore(history),
    needs_discovery: discoveryScore(memory, outcome),
    objection_handling: objectionScore(memory),
    next_step: nextStepScore(memory, outcome),
    compliance: complianceScore(memory, outcome),
    talk_ratio: talkRatioScore(analytics, outcome),
    responsiveness: responsivenessScore(analytics.average_response_ms),
  };
  let total = 0;
  let weights = 0;
  for (const name of Object.keys(WEIGHTS) as QaCriterion[]) {
    total += criteria[name] * WEIGHTS[name];
    weights += WEIGHTS[name];
  }
  // An ignored opt-out is a compliance breach, whatever else went well.
  const score = criteria.compliance === 0 ? Math.min(total / weights, 40) : total / weights;
  return { score: Math.round(score), criteria };
}

function greetingScore(history: readonly TranscriptLine[]): number {
  const first = history[0];
  return first !== undefined && first.speaker === 'ai' && first.text.trim().length > 0 ? 100 : 0;
}

function discoveryScore(memory: ConversationMemory, outcome: ConversationOutcome): number {
  if (NO_NEXT_STEP_EXPECTED.includes(outcome)) return 100;
  // "Busy, call me Tuesday" before any discovery: booking the call was the job, asking questions would not have been.
  if (outcome === 'callback_booked' && !memory.statesVisited.includes('discovery')) return 100;
  const visited = ['discovery', 'qualification'].filter((s) => memory.statesVisited.includes(s as 'discovery')).length;
  const facts = DISCOVERY_SLOTS.filter((slot) => memory.slots[slot] !== undefined).length;
  return Math.min(100, visited * 35 + facts * 15);
}

function objectionScore(memory: ConversationMemory): number {
  const raised = new Set(memory.objections);
  if (raised.size === 0) return 100;
  const handled = [...raised].filter((o) => memory.objectionsHandled.includes(o)).length;
  return Math.round((handled / raised.size) * 100);
}

function nextStepScore(memory: ConversationMemory, outcome: ConversationOutcome): number {
  if (securedNextStep(outcome) || outcome === 'transferred' || NO_NEXT_STEP_EXPECTED.includes(outcome)) return 100;
  return memory.statesVisited.includes('closing') ? 50 : 0;
}

/** Honoured means the conversation ended as an opt-out the moment the caller asked. */
function complianceScore(memory: ConversationMemory, outcome: ConversationOutcome): number {
  const asked = memory.intents.indexOf('opt_out');
  if (asked === -1) return 100;
  const endedThere = outcome === 'opted_out' && asked === memory.intents.length - 1;
  return endedThere ? 100 : 0;
}

/** The caller should do a fair share of the talking: 35–65 % of the words is ideal. */
function talkRatioScore(analytics: ConversationAnalyticsDto, outcome: ConversationOutcome): number {
  if (outcome === 'voicemail') return 100;
  const words = analytics.caller_words + analytics.ai_words;
  if (words === 0 || analytics.caller_words === 0) return 0;
  const share = analytics.caller_words / words;
  if (share >= 0.35 && share <= 0.65) return 100;
  const distance = share < 0.35 ? 0.35 - share : share - 0.65;
  return Math.max(0, Math.round(100 - distance * 250));
}

/** Under a second feels natural on a call; past four seconds callers talk over the agent. */
function responsivenessScore(averageMs: number): number {
  if (averageMs <= 1000) return 100;
  if (averageMs >= 4000) return 0;
  return Math.round(100 - ((averageMs - 1000) / 3000) * 100);
}
