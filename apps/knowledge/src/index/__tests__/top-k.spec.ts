import { TopK } from '../top-k';

describe('TopK', () => {
  it('keeps the k best of a stream, best first', () => {
    const top = new TopK(3);
    [0.1, 0.9, 0.4, 0.8, 0.2, 0.95, 0.5].forEach((score, item) => top.push(item, score));
    expect(top.sorted()).toEqual([
      { item: 5, score: 0.95 }, { item: 1, score: 0.9 }, { item: 3, score: 0.8 },
    ]);
  });

  it('matches a full sort on random data', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
    const scores = Array.from({ length: 1000 }, random);
    const top = new TopK(25);
    scores.forEach((score, item) => top.push(item, score));
    const expected = scores.map((score, item) => ({ item, score })).sort((a, b) => b.score - a.score).slice(0, 25);
    expect(top.sorted()).toEqual(expected);
  });

  it('keeps everything when there are fewer than k items, and nothing for k = 0', () => {
    const top = new TopK(10);
    top.push(0, -0.5);
    top.push(1, 0.5);
    expect(top.sorted().map((t) => t.item)).toEqual([1, 0]);
    expect(top.threshold).toBe(-Infinity);
    const none = new TopK(0);
    none.push(0, 1);
    expect(none.sorted()).toEqual([]);
  });

  it('reports the score an item must beat once full', () => {
    const top = new TopK(2);
    top.push(0, 0.3);
    top.push(1, 0.7);
    expect(top.threshold).toBe(0.3);
    top.push(2, 0.3);
    expect(top.sorted().map((t) => t.item)).toEqual([1, 0]);
  });
});
