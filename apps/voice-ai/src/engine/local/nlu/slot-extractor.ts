import type { Utterance } from './english-pipeline';
import type { IntentResult } from './intent-classifier';
import { parseHeadcount, parseSpokenAmounts } from './spoken-amount-parser';
import { parseSpokenTime, type SpokenTime } from './spoken-time-parser';

/** Facts a caller turn gave, in memory-slot form (ConversationMemory.slots). */
export type SlotValues = Record<string, string | number | boolean>;

export interface SlotExtraction {
  slots: SlotValues;
  /** A time the caller named ("tomorrow at 3pm"), for a callback or a demo. */
  time: SpokenTime | null;
}

const EMAIL = /\b[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b/i;
/** How email addresses come out of speech recognition: "jane dot doe at acme dot com". */
const SPOKEN_EMAIL = /\b([a-z0-9]+(?:\s+(?:dot|underscore|dash)\s+[a-z0-9]+)*)\s+at\s+([a-z0-9-]+(?:\s+dot\s+[a-z0-9-]+)*\s+dot\s+(?:com|io|net|org|co|ai|us|uk|de|fr|app|dev))\b/i;
const BUDGET_WORDS = /\b(budget|spend|spending|pay|paying|afford|invest|allocated?|per (month|year|seat|user)|a (month|year)|monthly|annually|yearly)\b/i;
const TIMELINE = new RegExp(
  '\\b(asap|as soon as possible|right away|immediately|this (week|month|quarter|year)|next (week|month|quarter|year)'
  + '|within (the next )?(a |one |two |three |four |six |\\d+ )?(days?|weeks?|months?)|in (the next )?(a |one |two |three |four |six |\\d+ )?(days?|weeks?|months?)'
  + '|by (the )?end of (the |this |next )?(week|month|quarter|year)|end of (the |this |next )?(week|month|quarter|year)'
  + '|by q[1-4]|in q[1-4]|q[1-4]( 20\\d\\d)?|by (january|february|march|april|may|june|july|august|september|october|november|december)'
  + '|in (january|february|march|april|may|june|july|august|september|october|november|december)|no rush|not in a hurry)\\b',
  'i',
);
const DECIDES_YES = /\b(i am the (decision maker|one who decides|owner|founder|ceo|boss|head of)|i make the (decision|call)s?|i decide|it is my (call|decision)|i sign off|i have the final say|i own the (budget|decision))\b/i;
const DECIDES_NO = /\b(not the decision maker|not my (decision|call)|not up to me|my (boss|manager|ceo|cfo|director|owner|partner) (decides|makes|signs|has)|someone else decides|need (approval|sign off))\b/i;
const USE_CASE = /\b(?:we are looking for|looking for|we need|we want|we are trying to|trying to|struggling with)\s+(?!to\b)([^.,;!?]{3,80})/i;

export function extractSlots(utterance: Utterance, intent: IntentResult, now: Date, timezone: string): SlotExtraction {
  const text = utterance.text;
  const slots: SlotValues = {};

  const email = emailOf(text);
  if (email !== null) slots['email'] = email;

  const budget = budgetOf(text);
  if (budget !== null) slots['budget'] = budget;

  const headcount = parseHeadcount(text);
  if (headcount !== null && headcount > 0 && headcount < 1_000_000) slots['team_size'] = headcount;

  const time = parseSpokenTime(text, now, timezone);
  // "Call me next week" is when to call, not when they'd buy.
  if (intent.intent !== 'callback_request') {
    const timeline = TIMELINE.exec(text)?.[0];
    if (timeline !== undefined) slots['timeline'] = timeline.toLowerCase();
  }

  if (DECIDES_NO.test(utterance.expanded) || intent.objections.includes('authority')) slots['decision_maker'] = false;
  else if (DECIDES_YES.test(utterance.expanded)) slots['decision_maker'] = true;

  // Naming a CRM in a question ("integrates with Salesforce?") is no competitor in use.
  if (intent.competitor !== null && intent.objections.includes('competitor')) slots['competitor'] = intent.competitor;

  const useCase = USE_CASE.exec(utterance.expanded)?.[1];
  if (useCase !== undefined && intent.intent !== 'callback_request') slots['use_case'] = useCase.trim();

  return { slots, time };
}

function emailOf(text: string): string | null {
  const written = EMAIL.exec(text)?.[0];
  if (written !== undefined) return written.toLowerCase();
  const spoken = SPOKEN_EMAIL.exec(text);
  if (spoken === null) return null;
  const join = (part: string): string => part.toLowerCase()
    .replace(/\s+dot\s+/g, '.').replace(/\s+underscore\s+/g, '_').replace(/\s+dash\s+/g, '-').replace(/\s+/g, '');
  return `${join(spoken[1])}@${join(spoken[2])}`;
}

/** A money amount, or any sizeable number said next to budget words ("we spend around 2000 a month"). */
function budgetOf(text: string): number | null {
  const amounts = parseSpokenAmounts(text);
  const money = amounts.find((a) => a.money);
  if (money !== undefined) return money.value;
  if (!BUDGET_WORDS.test(text)) return null;
  const sized = amounts.filter((a) => a.value >= 50 && !(a.unit !== null && /^(people|users|seats|reps|agents|employees|staff)$/.test(a.unit)));
  return sized.length > 0 ? Math.max(...sized.map((a) => a.value)) : null;
}
