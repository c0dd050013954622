import type { ConversationIntent, ObjectionType } from '@parley/contracts';
import type { Utterance } from './english-pipeline';
import { CAPITALISED_COMPETITORS, INTENT_RULES, type IntentRule, KNOWN_COMPETITORS } from './intent-lexicon';
import { compilePhrase, firstWords, matchPhraseAt, type PhrasePattern } from './phrase-pattern';

export interface IntentResult {
  intent: ConversationIntent;
  /** 0…1: how clearly the words said it, and how far ahead of the runner-up. */
  confidence: number;
  /** Every objection heard, even when another intent leads (a price objection inside a callback request). */
  objections: ObjectionType[];
  /** The competitor named, as written in KNOWN_COMPETITORS, or null. */
  competitor: string | null;
  scores: Partial<Record<ConversationIntent, number>>;
}

interface CompiledRule extends IntentRule {
  pattern: PhrasePattern;
}

/**
 * When two intents score alike, the one that must not be missed wins: an opt-out outranks everything, a callback outranks
 * the objection that came with it ("busy now, call me tomorrow").
 */
const PRIORITY: ConversationIntent[] = [
  'opt_out', 'wrong_person', 'voicemail', 'transfer_request', 'callback_request', 'objection', 'not_interested', 'demo_request',
  'pricing', 'question', 'interested', 'goodbye', 'agreement', 'greeting', 'small_talk', 'unknown',
];
const PRIORITY_BONUS = new Map(PRIORITY.map((intent, i) => [intent, (PRIORITY.length - i) * 0.01]));
/** Below this the words said nothing we recognise. */
const MIN_SCORE = 0.9;
const escape = (name: string): string => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const COMPETITOR_PATTERN = new RegExp(`(?:^|[^a-z0-9])(${KNOWN_COMPETITORS.map(escape).join('|')})(?![a-z0-9])`, 'i');
const CAPITALISED_PATTERN = new RegExp(`(?:^|[^A-Za-z0-9])(${CAPITALISED_COMPETITORS.map(escape).join('|')})(?![A-Za-z0-9])`);

const USING = /\b(use|uses|using|used|we have|switched|signed|contract|happy with|currently|already|our|we are on|we went with)\b/i;
const ASKING = /\b(integrat\w*|connect\w*|sync\w*|compatible|work with|works with|import|export)\b|\?\s*$/i;

/** Phrases indexed by the word they start with, compiled once at load: a turn only tries the phrases its words can start. */
class RuleIndex {
  private readonly byFirstWord = new Map<string, CompiledRule[]>();
  private readonly prefixRules: CompiledRule[] = [];

  constructor(rules: IntentRule[]) {
    for (const rule of rules) {
      const compiled: CompiledRule = { ...rule, pattern: compilePhrase(rule.phrase) };
      const words = firstWords(compiled.pattern);
      if (words === null) { this.prefixRules.push(compiled); continue; }
      for (const word of words) {
        const list = this.byFirstWord.get(word) ?? [];
        list.push(compiled);
        this.byFirstWord.set(word, list);
      }
    }
  }

  candidates(normal: string, lemma: string): CompiledRule[] {
    const direct = this.byFirstWord.get(normal) ?? [];
    const byLemma = lemma !== normal ? this.byFirstWord.get(lemma) ?? [] : [];
    return [...direct, ...byLemma, ...this.prefixRules];
  }
}

const index = new RuleIndex(INTENT_RULES);

export function classifyIntent(utterance: Utterance): IntentResult {
  const scores: Partial<Record<ConversationIntent, number>> = {};
  const objections = new Set<ObjectionType>();
  const counted = new Set<CompiledRule>();
  const add = (intent: ConversationIntent, weight: number): void => { scores[intent] = (scores[intent] ?? 0) + weight; };

  utterance.tokens.forEach((token, start) => {
    for (const rule of index.candidates(token.normal, token.lemma)) {
      if (counted.has(rule)) continue;
      const match = matchPhraseAt(rule.pattern, utterance, start);
      if (match === null) continue;
      counted.add(rule);
      if (!match.negated) {
        add(rule.intent, rule.weight);
        if (rule.objection !== undefined) objections.add(rule.objection);
      } else if (rule.negatedIntent !== undefined) {
        add(rule.negatedIntent, rule.weight);
      }
    }
  });

  if (/\?\s*$/.test(utterance.text)) add('question', 0.6);
  const competitor = COMPETITOR_PATTERN.exec(utterance.text)?.[1] ?? CAPITALISED_PATTERN.exec(utterance.text)?.[1] ?? null;
  // "We use Talkdesk" objects; "does it integrate with Salesforce?" only asks.
  if (competitor !== null && USING.test(utterance.expanded) && !ASKING.test(utterance.expanded)) {
    objections.add('competitor');
    add('objection', 1.5);
  }

  return { ...pickIntent(scores), objections: [...objections], competitor: canonicalCompetitor(competitor), scores };
}

function pickIntent(scores: Partial<Record<ConversationIntent, number>>): { intent: ConversationIntent; confidence: number } {
  // An opt-out is honoured whatever else the caller said in the same breath.
  const optOut = scores.opt_out ?? 0;
  if (optOut >= MIN_SCORE) return { intent: 'opt_out', confidence: round(Math.min(0.99, 1 - Math.exp(-optOut / 1.5))) };
  let best: ConversationIntent = 'unknown';
  let bestScore = 0;
  let second = 0;
  for (const [intent, score] of Object.entries(scores) as Array<[ConversationIntent, number]>) {
    const ranked = score + (PRIORITY_BONUS.get(intent) ?? 0);
    const bestRanked = bestScore + (PRIORITY_BONUS.get(best) ?? 0);
    if (ranked > bestRanked) {
      second = bestScore;
      best = intent;
      bestScore = score;
    } else if (score > second) {
      second = score;
    }
  }
  if (bestScore < MIN_SCORE) return { intent: 'unknown', confidence: round(0.3 + bestScore * 0.2) };
  // Strength saturates around a score of 3; a close runner-up takes confidence away.
  const strength = 1 - Math.exp(-bestScore / 1.5);
  const margin = (bestScore - second) / bestScore;
  return { intent: best, confidence: round(Math.min(0.99, strength * (0.55 + 0.45 * margin))) };
}

function canonicalCompetitor(name: string | null): string | null {
  if (name === null) return null;
  return [...KNOWN_COMPETITORS, ...CAPITALISED_COMPETITORS].find((c) => c.toLowerCase() === name.toLowerCase()) ?? name;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
