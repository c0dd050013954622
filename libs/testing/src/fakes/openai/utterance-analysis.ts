import { mentionsDayOrTime } from './callback-time';

/**
 * What the fake model "understands" of a caller's sentence: keyword rules, deterministic, so a test
 * knows which intent, objection and tool a line will produce.
 */

export type FakeIntent =
  | 'opt_out'
  | 'transfer_request'
  | 'callback_request'
  | 'objection'
  | 'not_interested'
  | 'demo_request'
  | 'pricing'
  | 'question'
  | 'agreement'
  | 'goodbye'
  | 'greeting'
  | 'unknown';

export type FakeObjection = 'price' | 'timing' | 'authority' | 'need' | 'competitor';

export interface UtteranceAnalysis {
  intent: FakeIntent;
  objections: FakeObjection[];
  interestSignals: string[];
  /** −1 (hostile) … 1 (delighted). */
  sentimentScore: number;
  sentiment: 'positive' | 'neutral' | 'negative';
  /** The conversation stage this line moves to. */
  state: 'greeting' | 'discovery' | 'presentation' | 'objection_handling' | 'closing' | 'ended';
}

const OPT_OUT = /\b(stop calling|don'?t (ever )?call|do not call|never call|remove me|take me off|unsubscribe|no more calls)\b/;
const TRANSFER = /\b(human|real person|a person|someone real|manager|supervisor|representative|operator|live agent|speak to someone|talk to someone)\b/;
const CALLBACK = /\b(call (me )?back|callback|call me (later|tomorrow|on|at|next|in)|ring me|reach me)\b/;
const OBJECTIONS: Array<[FakeObjection, RegExp]> = [
  ['price', /\b(too (expensive|pricey|much)|can'?t afford|over (our|my|the) budget|costs? too|out of (our|my) budget|cheaper)\b/],
  ['timing', /\b(not a good time|bad time|too busy|busy right now|not now|not right now|maybe later)\b/],
  ['authority', /\b(my (boss|manager) decides|need to (ask|check with)|not the decision|run it by|decision maker)\b/],
  ['need', /\b(don'?t need|no need|not needed|we'?re (fine|good) (with|as)|happy with what we have)\b/],
  ['competitor', /\b(already (use|have|work with)|competitor|another (provider|vendor)|other vendor)\b/],
];
const NOT_INTERESTED = /\b(not interested|no thanks|no,? thank you|not for (us|me))\b/;
const DEMO = /\b(demo|demonstration|trial|show me)\b/;
const PRICING = /\b(price|prices|pricing|cost|costs|how much|plan|plans|fee|fees|subscription|per month)\b/;
const QUESTION = /\b(feature|features|how|what|which|does it|do you|can it|can you|integrat\w*)\b|\?\s*$/;
const AGREEMENT = /\b(yes|yeah|yep|sure|sounds good|sounds great|great|interested|let'?s do it|perfect|okay|ok|absolutely|definitely)\b/;
const GOODBYE = /\b(bye|goodbye|good bye|have a (good|nice) (day|one))\b/;
const GREETING = /\b(hello|hi|hey|good (morning|afternoon|evening))\b/;

const POSITIVE = /\b(great|good|love|like|perfect|excellent|thanks|thank you|interested|yes|sure|awesome|happy|wonderful|nice|helpful)\b/g;
const NEGATIVE = /\b(expensive|no|not|never|stop|bad|annoyed|annoying|angry|hate|busy|terrible|waste|scam|worse|problem|frustrated|don'?t|can'?t)\b/g;

export function analyseUtterance(text: string): UtteranceAnalysis {
  const lower = text.toLowerCase();
  const objections = OBJECTIONS.filter(([, pattern]) => pattern.test(lower)).map(([kind]) => kind);
  const intent = intentOf(lower, objections);
  const sentimentScore = sentimentOf(lower, intent, objections);
  return {
    intent,
    objections,
    interestSignals: signalsOf(lower, intent),
    sentimentScore,
    sentiment: sentimentScore > 0.15 ? 'positive' : sentimentScore < -0.15 ? 'negative' : 'neutral',
    state: STATE_OF[intent],
  };
}

function intentOf(lower: string, objections: FakeObjection[]): FakeIntent {
  if (OPT_OUT.test(lower)) return 'opt_out';
  if (TRANSFER.test(lower)) return 'transfer_request';
  if (CALLBACK.test(lower) || (mentionsDayOrTime(lower) && !/\?\s*$/.test(lower))) return 'callback_request';
  if (objections.length > 0) return 'objection';
  if (NOT_INTERESTED.test(lower)) return 'not_interested';
  if (DEMO.test(lower)) return 'demo_request';
  if (PRICING.test(lower)) return 'pricing';
  if (GREETING.test(lower) && lower.split(/\s+/).length <= 4) return 'greeting';
  if (QUESTION.test(lower)) return 'question';
  if (GOODBYE.test(lower)) return 'goodbye';
  if (AGREEMENT.test(lower)) return 'agreement';
  if (GREETING.test(lower)) return 'greeting';
  return 'unknown';
}

const STATE_OF: Record<FakeIntent, UtteranceAnalysis['state']> = {
  opt_out: 'ended',
  transfer_request: 'ended',
  callback_request: 'closing',
  objection: 'objection_handling',
  not_interested: 'ended',
  demo_request: 'closing',
  pricing: 'presentation',
  question: 'discovery',
  agreement: 'closing',
  goodbye: 'ended',
  greeting: 'greeting',
  unknown: 'discovery',
};

function signalsOf(lower: string, intent: FakeIntent): string[] {
  const signals: string[] = [];
  if (intent === 'pricing' || PRICING.test(lower)) signals.push('asked_about_pricing');
  if (intent === 'demo_request') signals.push('requested_demo');
  if (intent === 'callback_request') signals.push('requested_callback');
  if (intent === 'agreement') signals.push('expressed_interest');
  if (intent === 'question') signals.push('asked_question');
  return intent === 'opt_out' || intent === 'not_interested' ? [] : signals;
}

function sentimentOf(lower: string, intent: FakeIntent, objections: FakeObjection[]): number {
  const positive = lower.match(POSITIVE)?.length ?? 0;
  const negative = lower.match(NEGATIVE)?.length ?? 0;
  // "not interested": the positive word counts against, not for.
  const negatedPositive = /\b(not|never|don'?t)\s+(interested|good|great|happy|like)\b/.test(lower) ? 1 : 0;
  let score = (positive - 2 * negatedPositive - negative) * 0.35;
  if (objections.length > 0) score -= 0.3;
  if (intent === 'opt_out') score -= 0.5;
  return Math.round(Math.max(-1, Math.min(1, score)) * 100) / 100;
}
