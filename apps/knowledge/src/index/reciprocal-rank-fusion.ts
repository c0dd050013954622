/** Cormack et al.'s constant: dampens the head of each ranking so no single list dominates. */
export const RRF_K = 60;

export interface FusedItem<K extends string> {
  id: string;
  score: number;
  /** 1-based rank in each input ranking, null where the item is absent. */
  ranks: Record<K, number | null>;
}

/**
 * Reciprocal rank fusion: score(d) = Σ over rankings of 1 / (k + rank(d)). It needs no score
 * calibration between the rankings (text relevance and cosine similarity are not comparable).
 * Best first; ties keep the order of first appearance, rankings taken in key order.
 */
export function reciprocalRankFusion<K extends string>(rankings: Record<K, readonly string[]>, k = RRF_K): Array<FusedItem<K>> {
  const names = Object.keys(rankings) as K[];
  const fused = new Map<string, FusedItem<K>>();
  for (const name of names) {
    rankings[name].forEach((id, index) => {
      let item = fused.get(id);
      if (!item) {
        item = { id, score: 0, ranks: Object.fromEntries(names.map((n) => [n, null])) as Record<K, number | null> };
        fused.set(id, item);
      }
      // An id listed twice in one ranking counts at its best rank only.
      if (item.ranks[name] !== null) return;
      item.ranks[name] = index + 1;
      item.score += 1 / (k + index + 1);
    });
  }
  return [...fused.values()].sort((a, b) => b.score - a.score);
}
