import { readUtterance } from '../english-pipeline';
import { classifyIntent } from '../intent-classifier';
import { scoreSentiment } from '../sentiment-scorer';

const sentiment = (text: string) => scoreSentiment(text, classifyIntent(readUtterance(text)));

describe('scoreSentiment', () => {
  it('scores delight positive and hostility negative, within −1…1', () => {
    const happy = sentiment('That sounds great, I love it!');
    const angry = sentiment('This is awful, stop wasting my time');
    expect(happy.label).toBe('positive');
    expect(happy.score).toBeGreaterThan(0.5);
    expect(angry.label).toBe('negative');
    expect(angry.score).toBeGreaterThanOrEqual(-1);
    expect(angry.score).toBeLessThan(-0.5);
  });

  it('reads sales objections and opt-outs as negative even in polite words', () => {
    expect(sentiment("That's way too expensive").label).toBe('negative');
    expect(sentiment("Please don't call me again").label).toBe('negative');
    expect(sentiment("I'm not interested").label).toBe('negative');
    // VADER alone reads "honestly" as warmth: an objection is never positive.
    expect(sentiment('Honestly, that is way too expensive for a team our size.').label).toBe('negative');
  });

  it('keeps plain statements neutral', () => {
    expect(sentiment('We have 12 reps').label).toBe('neutral');
    expect(sentiment('').score).toBe(0);
  });

  it('handles negation', () => {
    expect(sentiment('This is not good').score).toBeLessThan(0);
    expect(sentiment('This is good').score).toBeGreaterThan(0);
  });
});
