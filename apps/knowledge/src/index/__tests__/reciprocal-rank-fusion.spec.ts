import { reciprocalRankFusion, RRF_K } from '../reciprocal-rank-fusion';

describe('reciprocalRankFusion', () => {
  it('scores each id by the sum of 1 / (k + rank) over the rankings it appears in', () => {
    const fused = reciprocalRankFusion({ text: ['a', 'b', 'c'], vector: ['c', 'a'] });
    const byId = Object.fromEntries(fused.map((f) => [f.id, f]));
    expect(byId['a'].score).toBeCloseTo(1 / (RRF_K + 1) + 1 / (RRF_K + 2));
    expect(byId['b'].score).toBeCloseTo(1 / (RRF_K + 2));
    expect(byId['c'].score).toBeCloseTo(1 / (RRF_K + 3) + 1 / (RRF_K + 1));
    expect(byId['a'].ranks).toEqual({ text: 1, vector: 2 });
    expect(byId['b'].ranks).toEqual({ text: 2, vector: null });
    expect(byId['c'].ranks).toEqual({ text: 3, vector: 1 });
  });

  it('puts what both rankings agree on above what one ranks first', () => {
    const fused = reciprocalRankFusion({ text: ['only-text', 'both'], vector: ['only-vector', 'both'] });
    expect(fused.map((f) => f.id)).toEqual(['both', 'only-text', 'only-vector']);
  });

  it('lets the vector ranking lift a chunk that text ranks second above the one text ranks first', () => {
    // Text: wrong (1), right (2); vector: right (1), …, wrong (3).
    const fused = reciprocalRankFusion({ text: ['wrong', 'right'], vector: ['right', 'other', 'wrong'] });
    expect(fused[0].id).toBe('right');
  });

  it('keeps the order of first appearance on equal scores', () => {
    const fused = reciprocalRankFusion({ text: ['x', 'y'], vector: ['y', 'x'] });
    expect(fused.map((f) => f.id)).toEqual(['x', 'y']);
    expect(fused[0].score).toBe(fused[1].score);
  });

  it('counts an id listed twice in one ranking once, at its best rank', () => {
    const [only] = reciprocalRankFusion({ text: ['a', 'a'] });
    expect(only).toEqual({ id: 'a', score: 1 / (RRF_K + 1), ranks: { text: 1 } });
  });

  it('answers nothing for empty rankings and honours another k', () => {
    expect(reciprocalRankFusion({ text: [], vector: [] })).toEqual([]);
    expect(reciprocalRankFusion({ text: ['a'] }, 0)[0].score).toBe(1);
  });
});
