import type { Utterance, UtteranceToken } from './english-pipeline';

/**
 * A phrase to look for in an utterance, written as words: `call|ring me back`, `too expens*`, `talk|speak to ~ human|person`.
 * `a|b` either word (surface form or lemma), `word*` any word starting so, `~` up to three words in between.
 * Matching is on tokens, so "calling" meets `call` through its lemma.
 */
export interface PhrasePattern {
  source: string;
  terms: PatternTerm[];
  /** Whether the phrase itself contains a negation ("not", "never", "no"): then negation scope doesn't flip it. */
  hasNegation: boolean;
}

interface PatternTerm {
  words: Set<string>;
  prefixes: string[];
  /** Words allowed between the previous term and this one. */
  gapBefore: number;
}

export interface PhraseMatch {
  start: number;
  end: number;
  /** The first matched token is inside a negation scope that the phrase doesn't itself spell out. */
  negated: boolean;
}

const GAP = 3;
const NEGATION_WORDS = new Set(['not', 'no', 'never', 'nobody', 'nothing', "n't"]);

export function compilePhrase(source: string): PhrasePattern {
  const terms: PatternTerm[] = [];
  let gap = 0;
  for (const part of source.trim().toLowerCase().split(/\s+/)) {
    if (part === '~') { gap = GAP; continue; }
    const words = new Set<string>();
    const prefixes: string[] = [];
    for (const alternative of part.split('|')) {
      if (alternative.endsWith('*') && alternative.length > 1) prefixes.push(alternative.slice(0, -1));
      else words.add(alternative);
    }
    terms.push({ words, prefixes, gapBefore: gap });
    gap = 0;
  }
  if (terms.length === 0) throw new Error(`empty phrase pattern: "${source}"`);
  const hasNegation = terms.some((t) => [...t.words].some((w) => NEGATION_WORDS.has(w)));
  return { source, terms, hasNegation };
}

function termMatches(term: PatternTerm, token: UtteranceToken): boolean {
  if (term.words.has(token.normal) || term.words.has(token.lemma)) return true;
  for (const prefix of term.prefixes) if (token.normal.startsWith(prefix)) return true;
  return false;
}

/** The first place the phrase occurs, or null. */
export function matchPhrase(pattern: PhrasePattern, utterance: Utterance): PhraseMatch | null {
  for (let start = 0; start < utterance.tokens.length; start += 1) {
    const match = matchPhraseAt(pattern, utterance, start);
    if (match !== null) return match;
  }
  return null;
}

/** The phrase starting exactly at token `start`, or null. */
export function matchPhraseAt(pattern: PhrasePattern, utterance: Utterance, start: number): PhraseMatch | null {
  const tokens = utterance.tokens;
  if (start >= tokens.length || !termMatches(pattern.terms[0], tokens[start])) return null;
  const end = matchRest(pattern.terms, tokens, 1, start + 1);
  if (end === -1) return null;
  return { start, end, negated: !pattern.hasNegation && tokens[start].negated };
}

/** Index after the last matched token, or -1; tries each allowed gap so `a ~ b` finds the nearest b. */
function matchRest(terms: PatternTerm[], tokens: UtteranceToken[], termIndex: number, position: number): number {
  if (termIndex === terms.length) return position;
  const term = terms[termIndex];
  for (let skip = 0; skip <= term.gapBefore; skip += 1) {
    const at = position + skip;
    if (at >= tokens.length) return -1;
    if (termMatches(term, tokens[at])) {
      const end = matchRest(terms, tokens, termIndex + 1, at + 1);
      if (end !== -1) return end;
    }
  }
  return -1;
}

/** The words a phrase can start with, to index phrases by their first token; null when it starts with a prefix term. */
export function firstWords(pattern: PhrasePattern): string[] | null {
  const first = pattern.terms[0];
  return first.prefixes.length > 0 ? null : [...first.words];
}
