import type { SentimentDto, SentimentLabel } from '@parley/contracts';

/** Scores within this distance of zero read as neutral: short replies ("ok", "sure") carry little feeling. */
const NEUTRAL_BAND = 0.15;

export function sentimentLabel(score: number): SentimentLabel {
  if (score >= NEUTRAL_BAND) return 'positive';
  if (score <= -NEUTRAL_BAND) return 'negative';
  return 'neutral';
}

export function sentimentOf(score: number): SentimentDto {
  const clamped = Math.max(-1, Math.min(1, score));
  const rounded = Math.round(clamped * 1000) / 1000;
  return { score: rounded, label: sentimentLabel(rounded) };
}

/** Later turns weigh more: how a conversation ends says more than how it began. */
export function overallSentiment(scores: readonly number[]): SentimentDto {
  if (scores.length === 0) return sentimentOf(0);
  let weighted = 0;
  let weights = 0;
  scores.forEach((score, index) => {
    const weight = 1 + index / scores.length;
    weighted += score * weight;
    weights += weight;
  });
  return sentimentOf(weighted / weights);
}

export function averageSentiment(scores: readonly number[]): number {
  if (scores.length === 0) return 0;
  return Math.round((scores.reduce((sum, s) => sum + s, 0) / scores.length) * 1000) / 1000;
}
