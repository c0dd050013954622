import type { GroundingSourceDto, SearchHitDto } from '@parley/contracts';

/** An answer read out from a knowledge hit, with the chunk it came from. */
export interface KnowledgeAnswer {
  text: string;
  source: GroundingSourceDto;
}

/** Spoken answers stay short: a listener keeps about two sentences. */
const MAX_CHARS = 280;
const ENOUGH_CHARS = 110;
const STOPWORDS = new Set([
  'the', 'and', 'for', 'are', 'you', 'your', 'our', 'what', 'how', 'does', 'can', 'with', 'this', 'that', 'have', 'has', 'any',
  'about', 'there', 'they', 'will', 'would', 'could', 'tell', 'more', 'much', 'want', 'know', 'please', 'its', 'it', 'is', 'do',
  'we', 'me', 'my', 'to', 'of', 'in', 'on', 'a', 'an', 'or', 'be', 'if', 'so', 'at', 'by', 'from', 'who', 'why', 'when', 'where',
]);
/** A sentence that states a price: a currency, a figure, "free", "per seat". */
const PRICE_HINT = /[$€£]|\d|\bfree\b|\bper (seat|user|agent|month|year|minute|call)\b/i;

/**
 * The first sentence or two of the best hit that shares a word with the question, cleaned for speech; null when no hit is
 * about the question (knowledge always ranks something, so an unrelated top hit is no answer).
 */
export function answerFromKnowledge(question: string, hits: readonly SearchHitDto[], options: { pricing?: boolean } = {}): KnowledgeAnswer | null {
  const keys = contentStems(question);
  for (const hit of hits) {
    const content = speakable(hit.content || hit.snippet);
    const about = `${hit.heading ?? ''} ${hit.source.title} ${content}`;
    if (keys.length > 0 && !contentStems(about).some((stem) => keys.includes(stem))) continue;
    const text = firstSentences(content, options.pricing === true ? PRICE_HINT : null);
    if (text === '') continue;
    return { text, source: { chunk_id: hit.chunk_id, title: hit.source.title, heading: hit.heading, score: hit.score } };
  }
  return null;
}

/** Markdown, HTML marks, URLs and bullet signs are noise when read aloud. */
export function speakable(text: string): string {
  return text
    .replace(/<\/?mark>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/https?:\/\/\S+/g, '')
    // A heading is a title, not a sentence: the hit's heading field carries it.
    .replace(/^\s{0,3}#{1,6}\s+.*$/gm, '')
    .replace(/^\s{0,3}([-*+•]|\d+[.)])\s+/gm, '')
    .replace(/[*`]+/g, '')
    .replace(/[_>|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whole sentences up to the length a listener keeps; with a hint, starts at the first sentence that has it (a price). */
function firstSentences(text: string, hint: RegExp | null): string {
  const sentences = text.match(/[^.!?]+[.!?]+(?=\s|$)|[^.!?]+$/g)?.map((s) => s.trim()).filter((s) => s.length > 0) ?? [];
  let start = 0;
  if (hint !== null) {
    const hinted = sentences.findIndex((s) => hint.test(s));
    if (hinted > 0) start = hinted;
  }
  let answer = '';
  for (const sentence of sentences.slice(start)) {
    const candidate = answer === '' ? sentence : `${answer} ${sentence}`;
    if (candidate.length > MAX_CHARS) break;
    answer = candidate;
    if (answer.length >= ENOUGH_CHARS) break;
  }
  if (answer === '' && sentences.length > start) answer = clip(sentences[start]);
  return /[.!?]$/.test(answer) || answer === '' ? answer : `${answer}.`;
}

function clip(sentence: string): string {
  const cut = sentence.slice(0, MAX_CHARS);
  return cut.slice(0, Math.max(cut.lastIndexOf(' '), 1)).replace(/[,;:]$/, '');
}

/** Crude stems (first four letters) of the words that carry meaning: "pricing" and "price" meet, "the" and "how" don't count. */
function contentStems(text: string): string[] {
  const words = text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  return words.filter((w) => w.length > 2 && !STOPWORDS.has(w)).map((w) => w.slice(0, 4));
}
