import type { ConversationIntent, SentimentDto } from '@parley/contracts';
import { SentimentIntensityAnalyzer } from 'vader-sentiment';
import { sentimentOf } from '../../summary/sentiment-label';
import type { IntentResult } from './intent-classifier';

/**
 * Sales talk the VADER lexicon reads as neutral or even kind ("please don't call me again", "that's too expensive"):
 * what the intent says shifts the score.
 */
const INTENT_SHIFT: Partial<Record<ConversationIntent, number>> = {
  opt_out: -0.5, not_interested: -0.3, transfer_request: -0.1, interested: 0.25, demo_request: 0.25, agreement: 0.15,
};
const OBJECTION_SHIFT = -0.25;
/** Turns that cannot be positive whatever their words ("honestly, that's way too expensive" is polite, not happy): a ceiling. */
const NEGATIVE_CEILING = -0.15;
const NEGATIVE_INTENTS: ReadonlySet<ConversationIntent> = new Set(['opt_out', 'not_interested', 'objection']);

/** Caller sentiment −1…1: VADER's compound score over the words, shifted by what the turn meant. */
export function scoreSentiment(text: string, intent: IntentResult): SentimentDto {
  if (text.trim() === '') return sentimentOf(0);
  const compound = SentimentIntensityAnalyzer.polarity_scores(text).compound;
  const shift = (INTENT_SHIFT[intent.intent] ?? 0) + OBJECTION_SHIFT * Math.min(intent.objections.length, 2);
  const score = compound + shift;
  const negative = intent.objections.length > 0 || NEGATIVE_INTENTS.has(intent.intent);
  return sentimentOf(negative ? Math.min(score, NEGATIVE_CEILING) : score);
}
