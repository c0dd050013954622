/**
 * The k highest-scoring items of a stream, kept in a min-heap: O(n log k) instead of sorting
 * every candidate when only the first few are wanted.
 */
export class TopK {
  private readonly scores: number[] = [];
  private readonly items: number[] = [];

  constructor(private readonly k: number) {}

  /** Offers item `item` (a row number) with `score`. */
  push(item: number, score: number): void {
    if (this.k <= 0) return;
    if (this.scores.length < this.k) {
      this.scores.push(score);
      this.items.push(item);
      this.siftUp(this.scores.length - 1);
    } else if (score > this.scores[0]) {
      this.scores[0] = score;
      this.items[0] = item;
      this.siftDown(0);
    }
  }

  /** The lowest score kept, once k items are kept: anything at or below it cannot enter. */
  get threshold(): number {
    return this.scores.length < this.k ? -Infinity : this.scores[0];
  }

  /** The kept items, best first. */
  sorted(): Array<{ item: number; score: number }> {
    return this.items.map((item, i) => ({ item, score: this.scores[i] })).sort((a, b) => b.score - a.score || a.item - b.item);
  }

  private siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.scores[parent] <= this.scores[i]) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(i: number): void {
    const n = this.scores.length;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < n && this.scores[left] < this.scores[smallest]) smallest = left;
      if (right < n && this.scores[right] < this.scores[smallest]) smallest = right;
      if (smallest === i) return;
      this.swap(i, smallest);
      i = smallest;
    }
  }

  private swap(a: number, b: number): void {
    [this.scores[a], this.scores[b]] = [this.scores[b], this.scores[a]];
    [this.items[a], this.items[b]] = [this.items[b], this.items[a]];
  }
}
