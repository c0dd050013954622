import winkNLP, { type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/** One token of a caller's sentence. */
export interface UtteranceToken {
  /** Lower-cased surface form. */
  normal: string;
  lemma: string;
  /** Inside a negation's scope ("not" in "I'm not interested" negates "interested"). */
  negated: boolean;
  /** wink's token type: word, number, email, currency, punctuation, time, … */
  type: string;
}

export interface Utterance {
  text: string;
  /** The text with contractions spelt out ("I'm" → "I am"), for patterns over raw text. */
  expanded: string;
  tokens: UtteranceToken[];
}

/** Contractions wink keeps as one token: spelt out so patterns and negation scope see "am not". */
const CONTRACTIONS: Array<[RegExp, string]> = [
  [/\b(i)'m\b/gi, '$1 am'], [/\b(we|you|they)'re\b/gi, '$1 are'], [/\b(i|we|you|they)'ve\b/gi, '$1 have'],
  [/\b(i|we|you|they|he|she|it)'ll\b/gi, '$1 will'], [/\b(i|we|you|they|he|she)'d\b/gi, '$1 would'],
  [/\b(that|what|there|it|he|she|who)'s\b/gi, '$1 is'], [/\blet's\b/gi, 'let us'], [/\bgonna\b/gi, 'going to'],
  [/\bwanna\b/gi, 'want to'], [/\bgotta\b/gi, 'got to'], [/[’‘]/g, "'"],
];

let nlp: WinkMethods | null = null;

/** wink's model loads once per process (~150 ms); every turn after that reuses it. */
function pipeline(): WinkMethods {
  nlp ??= winkNLP(model);
  return nlp;
}

/** Loads the language model now, so the first caller turn doesn't pay for it. */
export function warmUpEnglishPipeline(): void {
  pipeline();
}

export function readUtterance(text: string): Utterance {
  let expanded = text;
  for (const [pattern, replacement] of CONTRACTIONS) expanded = expanded.replace(pattern, replacement);
  const engine = pipeline();
  const its = engine.its;
  const tokens = engine.readDoc(expanded).tokens();
  const normals = tokens.out(its.normal) as string[];
  // wink's typings declare `lemma` with a narrower add-on signature than `out` accepts; it returns strings.
  const lemmas = tokens.out(its.lemma as unknown as typeof its.normal) as string[];
  const negations = tokens.out(its.negationFlag) as unknown as boolean[];
  const types = tokens.out(its.type) as string[];
  return {
    text,
    expanded,
    tokens: normals.map((normal, i) => ({ normal, lemma: lemmas[i], negated: negations[i] === true, type: types[i] })),
  };
}
