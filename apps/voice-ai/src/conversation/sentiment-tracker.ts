import type { SentimentDto, SentimentLabel } from '@parley/contracts';

/** How far the running score must move, within one label, to count as a change worth telling. */
export const SENTIMENT_SHIFT = 0.3;
const LABEL_THRESHOLD = 0.2;
/** Weight of the newest turn: recent turns matter more than the opening small talk. */
const RECENCY_WEIGHT = 0.5;

export function sentimentLabel(score: number): SentimentLabel {
  if (score >= LABEL_THRESHOLD) return 'positive';
  if (score <= -LABEL_THRESHOLD) return 'negative';
  return 'neutral';
}

/** The conversation's running sentiment from each caller turn's score (oldest first); null before the caller spoke. */
export function runningSentiment(scores: number[]): SentimentDto | null {
  if (scores.length === 0) return null;
  let running = scores[0];
  for (const score of scores.slice(1)) running = (1 - RECENCY_WEIGHT) * running + RECENCY_WEIGHT * score;
  const score = Math.round(Math.max(-1, Math.min(1, running)) * 1000) / 1000;
  return { score, label: sentimentLabel(score) };
}

/** Whether `sentiment.changed` is due: the label moved, or the score by SENTIMENT_SHIFT; a first non-neutral reading counts. */
export function sentimentMoved(previous: SentimentDto | null, current: SentimentDto | null): boolean {
  if (!current) return false;
  if (!previous) return current.label !== 'neutral';
  return current.label !== previous.label || Math.abs(current.score - previous.score) >= SENTIMENT_SHIFT;
}
