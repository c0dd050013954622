import type { ConversationIntent, ObjectionType } from '@parley/contracts';

/**
 * One weighted phrase of the intent classifier (see phrase-pattern.ts for the syntax). Weights add up per intent; ~2 is a
 * phrase that settles it alone, ~1 a strong hint, ≤0.6 a word that needs company.
 */
export interface IntentRule {
  phrase: string;
  intent: ConversationIntent;
  weight: number;
  objection?: ObjectionType;
  /** What a negated match means ("not interested" → not_interested); dropped when absent ("not too expensive" is no objection). */
  negatedIntent?: ConversationIntent;
}

const rules = (intent: ConversationIntent, weight: number, phrases: string[], extra: Partial<IntentRule> = {}): IntentRule[] =>
  phrases.map((phrase) => ({ phrase, intent, weight, ...extra }));

const objection = (type: ObjectionType, weight: number, phrases: string[]): IntentRule[] =>
  rules('objection', weight, phrases, { objection: type });

export const INTENT_RULES: IntentRule[] = [
  ...rules('opt_out', 3, [
    'not call|contact|ring|phone me|us ~ again|anymore', 'never call|contact me|us', 'stop call*|contact*|ring*|phon*',
    'remove|take me|us|my ~ off|from ~ list', 'take me off', 'do not call list', 'dnc', 'unsubscribe', 'opt out',
    'lose my number', 'not want|like ~ more|any ~ call*', 'not want ~ call* ~ again', 'no more call*', 'quit call*',
    'put me on ~ do not call', 'stop bother* me', 'stop harass*', 'leave me alone',
  ]),
  ...rules('transfer_request', 2.5, [
    'talk|speak|chat to|with someone|somebody|human|humans|person|people|operator|representative',
    'talk|speak|chat to|with a|an|the|your|real|actual|live ~ human|person|representative|rep|agent|operator|supervisor|manager|someone',
    'real|actual|live person|human|agent', 'transfer me', 'connect me ~ to', 'put me through', 'get me ~ human|person|manager|supervisor',
    'are you a robot|bot|machine|computer', 'is this a robot|bot|machine|recording',
  ]),
  ...rules('wrong_person', 3, [
    'wrong number|person|guy|company|line', 'nobody ~ by|called|named that', 'no one ~ by|called|named that', 'not work here', 'not here anymore',
    'left the company', 'never heard of', 'who|whom are you look* for', 'you have the wrong', 'you got the wrong', 'this is not him|her',
    'there is no one here by', 'not the right person',
  ]),
  ...rules('voicemail', 3, [
    'leave|record a|your message', 'after the beep|tone', 'at the tone', 'voicemail|voice-mail|mailbox', 'not available ~ to take',
    'cannot come|get to the phone', 'unable to take your call', 'you have reached', 'press pound', 'reached the voicemail',
  ]),
  ...rules('goodbye', 1.6, [
    'bye', 'goodbye', 'good-bye', 'bye-bye', 'have a good|great|nice day|one|evening|weekend', 'talk|speak to you later|soon|then',
    'got to go', 'need|have to go', 'take care', 'see you', 'that is all', 'that is it', 'gotta run', 'catch you later',
  ]),
  ...rules('greeting', 1.2, ['hello', 'hi', 'hey', 'good morning|afternoon|evening', 'speaking', 'this is he|she|me', 'yes this is']),
  // "What's this about?" asks why we called: answered with the call's purpose, not a knowledge lookup.
  ...rules('greeting', 2.6, [
    'what is this|it about|regarding', 'what is this call', 'why are you call*', 'what do you want', 'who is this', 'who is call*',
    'what can i do for you', 'how can i help',
  ]),
  ...rules('small_talk', 2, [
    'how are you', 'how is it going', 'how is your day', 'i am good|fine|well|great', 'doing good|fine|well|great', 'not bad',
    'nice to meet|hear', 'the weather', 'thanks for ask*', 'and you', 'how about you',
  ]),
  ...rules('pricing', 1.8, [
    'how much', 'pric*', 'cost*', 'fee|fees', 'rate|rates', 'quote', 'per seat|user|month|minute|agent', 'plan|plans|tier|tiers|package|packages',
    'subscription', 'charge|charges', 'pay', 'billing', 'discount*', 'contract length|term', 'free trial',
  ]),
  ...rules('demo_request', 2.2, [
    'demo|demos|demonstration', 'see it in action', 'show me', 'walk me through|thru', 'walkthrough', 'trial', 'try it|this ~ out',
    'test drive', 'take a look', 'see how it work*', 'see it', 'book|schedule|set up ~ meeting|call|demo',
  ], { negatedIntent: 'not_interested' }),
  ...rules('callback_request', 2.2, [
    'call|ring|phone me|us ~ back|later|tomorrow|next|another|monday|tuesday|wednesday|thursday|friday|afternoon|morning|evening|in',
    'call back', 'call me at', 'try me|us ~ later|tomorrow|again|next', 'reach me', 'get back to me', 'follow up ~ later|tomorrow|next',
    'another time', 'better time', 'call again', 'schedule a call|callback|call-back', 'callback', 'call-back',
  ]),
  ...rules('question', 1.2, [
    'how does|do|can|would', 'what is|are|does|do|about|kind', 'can|could it|you|i|we', 'does it|this|that', 'do you|they', 'is there|it',
    'are there|you', 'integrat*', 'work with', 'support*', 'tell me ~ about|more', 'explain', 'wonder*', 'curious', 'which', 'feature*',
    'secur*', 'complian*', 'gdpr|hipaa|soc', 'setup|onboard*', 'where', 'why', 'when',
  ]),
  ...rules('interested', 1.6, [
    'interest*', 'sound* good|great|interesting|useful|promising|amazing|nice|cool', 'tell me more', 'i like', 'we like', 'love',
    'that would help', 'that could help', 'we need', 'we are look* for', 'looking for', 'we want', 'we would like', 'makes sense',
    'make sense', 'exactly what', 'helpful', 'useful', 'keen', 'excited', 'impressive', 'want to know more', 'learn more',
  ], { negatedIntent: 'not_interested' }),
  ...rules('agreement', 1.4, [
    'yes', 'yeah', 'yep', 'yup', 'sure', 'okay', 'ok', 'alright', 'absolutely', 'definitely', 'of course', 'certainly', 'go ahead',
    'let us do it', 'let us go', 'sign me|us up', 'deal', 'count me|us in', 'book it', 'sounds like a plan', 'i agree', 'agreed',
    'send ~ proposal|contract|details|information|info|quote', 'please do', 'go for it', 'why not', 'perfect', 'great', 'fine',
  ]),
  ...rules('not_interested', 2.4, [
    'not interested', 'no interest', 'no thank*', 'not for us|me', 'not want it|this|that|any', 'pass', 'not right now',
    'not at this time', 'we are good', 'we are all set', 'i am good thanks', 'not a fit', 'not buy*', 'waste of time', 'not looking',
  ]),
  ...rules('not_interested', 1, ['no', 'nope', 'nah']),
  ...rules('agreement', 1.6, ['no problem|worries', 'not a problem']),
  ...objection('price', 2.2, [
    'too expens*', 'too pric*', 'too much', 'too costly', 'expens*', 'pricey', 'afford', 'can not afford', 'cannot afford', 'out of ~ budget',
    'no budget', 'not have ~ budget', 'over ~ budget', 'cheaper', 'price is high', 'costs a lot', 'lot of money', 'steep', 'overpriced',
  ]),
  ...objection('timing', 2, [
    'not a good time', 'bad time', 'bad timing', 'busy', 'swamped', 'not right now', 'maybe later', 'next quarter|year', 'too soon',
    'not now', 'no time', 'in the middle of', 'not the right time', 'revisit ~ later', 'few months',
  ]),
  ...objection('authority', 2.2, [
    'not ~ decision maker', 'not my decision|call', 'my boss|manager|partner|ceo|cfo|team|director|owner|husband|wife', 'run it by',
    'check with', 'ask my', 'talk to my', 'not up to me', 'someone else decides', 'not in charge', 'need approval', 'sign off',
    'the board', 'procurement',
  ]),
  ...objection('need', 2.2, [
    'not ~ need', 'no need', 'not a priority', 'not necessary', 'works fine', 'working fine', 'we are fine', 'happy with what we have',
    'not have a problem', 'no problem with', 'do it ourselves|in-house', 'build it ourselves', 'not useful', 'not relevant',
    'not see the value', 'not worth',
  ]),
  ...objection('competitor', 2.2, [
    'already use|using|have|work with', 'we use', 'we are using', 'happy with our', 'current provider|vendor|solution|system|tool',
    'under contract', 'locked in', 'signed with', 'competitor', 'another vendor|provider|company', 'we went with',
  ]),
];

/** Products a caller may already use; heard as a competitor objection and kept in the `competitor` slot. */
export const KNOWN_COMPETITORS = [
  'Five9', 'Talkdesk', 'Aircall', 'RingCentral', 'Genesys', 'Dialpad', 'Vonage', 'Nextiva', '8x8', 'Zoom Phone', 'Salesloft',
  'HubSpot', 'Salesforce', 'Zendesk', 'Freshcaller', 'Freshdesk', 'JustCall', 'CloudTalk', 'Orum', 'Vapi', 'Air.ai', 'Synthflow',
  'Convoso', 'Kixie', 'PhoneBurner', 'Amazon Connect',
];

/** Competitors whose names are also English words ("nice to meet you"): only heard capitalised. */
export const CAPITALISED_COMPETITORS = ['NICE', 'Gong', 'Outreach', 'Nooks', 'Retell', 'Bland'];
