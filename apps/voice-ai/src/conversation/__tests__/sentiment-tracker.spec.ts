import { runningSentiment, sentimentLabel, sentimentMoved } from '../sentiment-tracker';

describe('running sentiment', () => {
  it('is null before the caller spoke', () => {
    expect(runningSentiment([])).toBeNull();
  });

  it('weighs recent turns more than early ones', () => {
    const souring = runningSentiment([0.8, 0.6, -0.7, -0.8]);
    expect(souring?.label).toBe('negative');
    expect(runningSentiment([-0.8, 0.7, 0.9])?.label).toBe('positive');
  });

  it('labels by threshold', () => {
    expect(sentimentLabel(0.05)).toBe('neutral');
    expect(sentimentLabel(0.3)).toBe('positive');
    expect(sentimentLabel(-0.3)).toBe('negative');
  });
});

describe('sentimentMoved', () => {
  const neutral = { score: 0, label: 'neutral' as const };
  it('reports a label change and a large shift, not noise', () => {
    expect(sentimentMoved(neutral, { score: 0.4, label: 'positive' })).toBe(true);
    expect(sentimentMoved({ score: 0.25, label: 'positive' }, { score: 0.9, label: 'positive' })).toBe(true);
    expect(sentimentMoved(neutral, { score: 0.1, label: 'neutral' })).toBe(false);
  });

  it('reports a first reading only when it is not neutral', () => {
    expect(sentimentMoved(null, neutral)).toBe(false);
    expect(sentimentMoved(null, { score: -0.5, label: 'negative' })).toBe(true);
    expect(sentimentMoved(neutral, null)).toBe(false);
  });
});
