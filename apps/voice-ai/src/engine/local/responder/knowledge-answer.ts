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
/** A sentence that states a price: a currency, "costs", "free", "per seat"; failing one, a sentence with a figure. */
const PRICE_HINTS = [
  /[$€£]|\b(price[sd]?|costs?|dollars|euros|pounds)\b|\bfree\b|\bper (seat|user|agent|month|year|minute|call)\b/i,
  /\d/,
];

/**
 * The first sentence or two of the best hit that shares a word with the question, cleaned for speech; null when no hit is
 * about the question (knowledge always ranks something, so an unrelated top hit is no answer).
 */
export function answerFromKnowledge(question: string, hits: readonly SearchHitDto[], options: { pricing?: boolean } = {}): KnowledgeAnswer | null {
  const keys = contentStems(question);
  for (const hit of hits) {
    const content = speakable(spokenFacts(hit.content || hit.snippet, hit.source.type === 'product' ? hit.source.title : null));
    const about = `${hit.heading ?? ''} ${hit.source.title} ${content}`;
    if (keys.length > 0 && !contentStems(about).some((stem) => keys.includes(stem))) continue;
    const text = firstSentences(content, options.pricing === true ? PRICE_HINTS : []);
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

/**
 * Facts as a caller should hear them: a catalogue code ("SKU: PLAN-GROWTH") means nothing on the
 * phone and "149.00 USD" is said "149 US dollars". A product's chunk is "Label: value" lines
 * (knowledge's productChunkText): given the product's name they become sentences about it, the
 * category (a catalogue's filing) is left out.
 */
export function spokenFacts(text: string, product: string | null = null): string {
  let spoken = text
    .replace(/^[ \t]*SKU[ \t]*[:#][^\n]*(\n|$)/gim, '')
    .replace(/[ \t]*\bSKU[ \t]*[:#][ \t]*[A-Za-z0-9](?:[\w/-]|\.(?=\w))*/g, '')
    .replace(/(\d)\.00\b/g, '$1')
    .replace(/(\d)[ \t]?(USD|EUR|GBP|CAD|AUD)\b/g, (_match: string, digit: string, code: string) => `${digit} ${CURRENCY_WORDS[code]}`);
  if (product !== null) {
    const subject = /^the\s/i.test(product) ? product : `The ${product}`;
    spoken = spoken
      .replace(/^[ \t]*Category:[^\n]*(\n|$)/gm, '')
      .replace(/^[ \t]*Price:[ \t]*(\S[^\n]*?)[ \t]*$/gm, (_line: string, price: string) => sentence(`${subject} costs ${price}`))
      .replace(/^[ \t]*Features:[ \t]*(\S[^\n]*?)[ \t]*$/gm, (_line: string, features: string) => sentence(`${subject} includes ${spokenList(features.split(';'))}`))
      // Any other "Label: value" line is a sentence of its own, not run into the next one.
      .replace(/^([ \t]*[A-Z][A-Za-z ]{0,30}:[ \t]+\S[^\n]*?)[ \t]*$/gm, (_line: string, fact: string) => sentence(fact));
  }
  return spoken;
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text.replace(/[,;:]$/, '')}.`;
}

/** "a; b; c" → "a, b and c". */
function spokenList(items: string[]): string {
  const parts = items.map((item) => item.trim()).filter((item) => item.length > 0);
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

const CURRENCY_WORDS: Record<string, string> = { USD: 'US dollars', EUR: 'euros', GBP: 'pounds', CAD: 'Canadian dollars', AUD: 'Australian dollars' };

/**
 * A sentence ends at '.', '!' or '?' followed by a space or the end: one inside a token ("149.00",
 * "v2.5", "example.com") stays in its sentence.
 */
const SENTENCE = /(?:[^.!?]|[.!?]+(?=[^\s.!?]))+(?:[.!?]+(?=\s|$)|$)/g;

/** Whole sentences up to the length a listener keeps; with hints, starts at the first sentence that has the first hint found (a price). */
function firstSentences(text: string, hints: readonly RegExp[]): string {
  const sentences = text.match(SENTENCE)?.map((s) => s.trim()).filter((s) => s.length > 0) ?? [];
  let start = 0;
  for (const hint of hints) {
    const hinted = sentences.findIndex((s) => hint.test(s));
    if (hinted < 0) continue;
    start = hinted;
    break;
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
