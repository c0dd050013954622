import { allOfQuery, anyOfQuery } from './coordination-queries';

/** A question's lexeme and how many of the tenant's chunks hold it (its document frequency). */
export interface LexemeFrequency {
  lexeme: string;
  chunks: number;
}

export interface CandidateGateOptions {
  /** Chunks a gate may admit (the summed frequencies of its words); one word alone may exceed it. */
  budget: number;
  /** Gates at most: the last one takes every word left. */
  maxGates: number;
}

/**
 * Which chunks a full-text search ranks, as tsqueries, most selective first. Ranking (cover
 * density) costs per chunk, and an OR of a question's words admits most of a large knowledge
 * base once it holds a common word ("return", "days"), so candidates are chosen by the rare
 * words, the ones that say what the question is about: words in increasing document frequency
 * while their summed frequency fits the budget. When even the rarest word is over the budget,
 * the first gate asks for the two rarest together. Each later gate takes the next words and is
 * read only when the ones before it gave too few hits; together they match any of the words.
 * A question whose words fit the budget altogether gets one gate: all of them.
 */
export function candidateGates(words: LexemeFrequency[], options: CandidateGateOptions): string[] {
  const sorted = [...words].sort((a, b) => a.chunks - b.chunks || (a.lexeme < b.lexeme ? -1 : a.lexeme > b.lexeme ? 1 : 0));
  if (sorted.length === 0) return [];
  if (sorted.reduce((sum, w) => sum + w.chunks, 0) <= options.budget) return [anyOfQuery(sorted.map((w) => w.lexeme))];

  const gates: string[] = [];
  if (sorted[0].chunks > options.budget && sorted.length >= 2) gates.push(allOfQuery([sorted[0].lexeme, sorted[1].lexeme]));
  const windows: string[][] = [];
  let admitted = 0;
  for (const word of sorted) {
    const current = windows[windows.length - 1];
    const last = windows.length + gates.length >= Math.max(options.maxGates, gates.length + 1);
    if (current && (last || admitted + word.chunks <= options.budget)) {
      current.push(word.lexeme);
      admitted += word.chunks;
    } else {
      windows.push([word.lexeme]);
      admitted = word.chunks;
    }
  }
  return [...gates, ...windows.map(anyOfQuery)];
}
