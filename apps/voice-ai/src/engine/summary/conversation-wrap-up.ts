import type { ConversationSummaryDto } from '@parley/contracts';
import type { ConversationContext, EngineWrapUp } from '../conversation-engine';
import { conversationAnalytics } from './conversation-analytics';
import { furthestState, outcomeOf, recommendationFor } from './conversation-outcome';
import { fillExtractionFields } from './extraction-filler';
import { scoreConversation } from './qa-scorer';
import { overallSentiment } from './sentiment-label';
import { writeSummaryText } from './summary-text-writer';

/**
 * The end of a conversation, shared by both engines: summary, analytics, QA score and the agent's extraction fields.
 * `extracted` holds what the engine already pulled out (the openai provider's structured output; `{}` for local):
 * those values win, the rest is filled from memory slots, the lead and the transcript. Pure: the engine adds its timing.
 */
export function wrapUpConversation(
  ctx: ConversationContext, durationSeconds: number, responseTimesMs: number[], extracted: Record<string, unknown>,
): Omit<EngineWrapUp, 'timing'> {
  const memory = ctx.memory;
  const outcome = outcomeOf(memory);
  const analytics = conversationAnalytics(memory, ctx.history, responseTimesMs, outcome);
  const recommendation = recommendationFor(outcome, memory, analytics.conversion_probability);
  const overall = overallSentiment(memory.sentiments);
  const callbackAt = typeof memory.slots['callback_at'] === 'string' ? memory.slots['callback_at'] : null;
  const stateReached = furthestState(memory.statesVisited);
  const duration = Math.max(0, Math.round(durationSeconds));
  const summary: ConversationSummaryDto = {
    text: writeSummaryText(ctx, { outcome, recommendation, stateReached, overall, callbackAt, durationSeconds: duration }),
    duration_seconds: duration,
    turns: ctx.history.length,
    state_reached: stateReached,
    states_visited: [...memory.statesVisited],
    objections: [...new Set(memory.objections)],
    objections_handled: [...new Set(memory.objectionsHandled)],
    interest_signals: [...new Set(memory.interestSignals)],
    overall_sentiment: overall,
    outcome,
    recommendation,
    callback_at: callbackAt,
  };
  return {
    summary,
    analytics,
    extracted: fillExtractionFields(ctx, extracted),
    qa: scoreConversation(memory, ctx.history, analytics, outcome),
  };
}
