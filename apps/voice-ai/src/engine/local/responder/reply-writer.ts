import type { ObjectionType } from '@parley/contracts';
import type { ConversationContext } from '../../conversation-engine';
import type { ConversationMemory } from '../../conversation-memory';
import { securedNextStep } from '../../summary/conversation-outcome';
import type { DialogueMove } from '../policy/dialogue-move';
import { nextQualifyingSlot } from '../policy/conversation-policy';
import type { KnowledgeAnswer } from './knowledge-answer';
import { renderTemplate, templateValues, type TemplateValues } from './reply-template';
import { speakTime } from './spoken-time-format';
import { cycle, TONE_PHRASEBOOKS, type TonePhrasebook } from './tone-phrasebook';

/** What happened during the turn that the reply has to tell the caller. */
export interface ReplyFacts {
  move: DialogueMove;
  /** Memory after this turn (state, slots, objections). */
  memory: ConversationMemory;
  /** The objection this reply answers (the turn's first). */
  objection: ObjectionType | null;
  knowledge: KnowledgeAnswer | null;
  /** When a callback or demo was booked (or, without book_callback, noted). */
  bookedAt: Date | null;
  booked: boolean;
  transferred: boolean;
  /** The conversation ends with this reply. */
  ending: boolean;
  /** The caller's turn was silence and this is the last time we ask. */
  givingUp: boolean;
}

const QUALIFYING_QUESTIONS: Record<string, string> = {
  team_size: 'How many people on your team would be using it?',
  timeline: 'When are you hoping to have something in place?',
  budget: 'Do you have a budget in mind for this?',
  decision_maker: 'And who else would be involved in making the decision?',
};
const DISCOVERY_QUESTION = 'Could you tell me a little about how your team handles this today?';
const ANYTHING_ELSE = 'Is there anything else I can help you with?';

/** The agent's line for a move, in the agent's tone, with the lead's and agent's names filled in. */
export function writeReply(ctx: ConversationContext, facts: ReplyFacts): string {
  const phrases = TONE_PHRASEBOOKS[ctx.agent.tone] ?? TONE_PHRASEBOOKS.professional;
  const values = templateValues(ctx);
  const turn = facts.memory.callerTurns;
  const say = (...parts: Array<string | null | false>): string =>
    renderTemplate(parts.filter((p): p is string => typeof p === 'string' && p !== '').join(' '), values);
  const ack = cycle(phrases.acknowledge, turn);
  const empathize = cycle(phrases.empathize, turn);
  const goodbye = `${cycle(phrases.thank, turn)} ${cycle(phrases.farewell, turn)}`;
  const when = facts.bookedAt === null ? null : speakTime(facts.bookedAt, ctx.now, ctx.timezone);

  switch (facts.move) {
    case 'introduce_purpose':
      return say(phrases.thanksForTime, purposeSentence(ctx, values), DISCOVERY_QUESTION);
    case 'ask_qualification':
      return say(ack, qualifyingQuestion(facts.memory));
    case 'present':
      return facts.knowledge !== null
        ? say(ack, "Based on what you've told me, here's how we can help.", facts.knowledge.text, cycle(phrases.checkIn, turn))
        : say(ack, genericPitch(facts.memory), cycle(phrases.checkIn, turn));
    case 'check_in':
      return say(statePrompt(facts.memory, phrases, turn));
    case 'answer_question':
      return facts.knowledge !== null
        ? say(facts.knowledge.text, 'Does that answer your question?')
        : say("That's a good question. I don't have that detail in front of me, so I'll have a colleague follow up with the answer.",
          'Is there anything else you would like to know?');
    case 'answer_pricing': {
      const teamSize = facts.memory.slots['team_size'];
      const quote = typeof teamSize === 'number' ? `For a team of ${teamSize}, I can have an exact quote sent over.` : null;
      return facts.knowledge !== null
        ? say(facts.knowledge.text, quote, 'Would you like to see it in a quick demo?')
        : say("Pricing depends on your team size and usage, so I'll have a colleague send you an exact quote.", cycle(phrases.checkIn, turn));
    }
    case 'handle_objection':
      return say(empathize, objectionAnswer(facts));
    case 'book_callback':
      if (when === null) return say(phrases.certainly, 'When would be a good time to call you back?');
      if (!facts.booked) return say(ack, `I'll let the team know to call you ${when}.`, facts.ending ? goodbye : ANYTHING_ELSE);
      return say(phrases.certainly, `I've booked a call ${when}.`, facts.ending ? `Talk to you then. ${goodbye}` : 'Is there anything else I can help you with before then?');
    case 'book_demo':
      if (when === null) return say("I'd love to show you.", 'When would suit you for a 20-minute demo?');
      if (!facts.booked) return say(ack, `I'll let the team know you'd like a demo ${when}.`, ANYTHING_ELSE);
      return say(phrases.certainly, `Your demo is booked ${when}.`, ANYTHING_ELSE);
    case 'propose_next_step':
      return say(ack, 'The best next step would be a short demo with our team, tailored to {lead_company}.', 'What day and time work for you?');
    case 'confirm_agreement': {
      const email = facts.memory.slots['email'];
      const to = typeof email === 'string' ? ` to ${email}` : '';
      return say(ack, `I'll have our team send over the details${to} and set up the next steps.`, ANYTHING_ELSE);
    }
    case 'transfer':
      return facts.transferred
        ? say(phrases.certainly, 'Let me connect you with a colleague now. One moment, please.')
        : say(phrases.empathize[0], "I'm not able to transfer you right now, but I'll have a colleague call you back shortly.", goodbye);
    case 'opt_out':
      return say("Understood. I've removed your number from our calling list, and you won't hear from us again.", cycle(phrases.farewell, turn));
    case 'wrong_person':
      return say("My apologies for the mix-up, and thank you for letting me know. I'll update our records.", cycle(phrases.farewell, turn));
    case 'not_interested':
      return say(phrases.empathize[0], `${cycle(phrases.thank, turn)} If anything changes, we're always happy to help.`, cycle(phrases.farewell, turn));
    case 'goodbye': {
      const callback = facts.memory.slots['callback_at'];
      const talkSoon = typeof callback === 'string' ? `Talk to you ${speakTime(new Date(callback), ctx.now, ctx.timezone)}.` : null;
      return say(cycle(phrases.thank, turn), talkSoon, cycle(phrases.farewell, turn));
    }
    case 'leave_voicemail':
      return voicemailMessage(ctx);
    case 'small_talk':
      return facts.memory.state === 'discovery' && facts.memory.statesVisited.length <= 2
        ? say(cycle(phrases.smallTalk, turn), purposeSentence(ctx, values), DISCOVERY_QUESTION)
        : say(cycle(phrases.smallTalk, turn), statePrompt(facts.memory, phrases, turn));
    case 'clarify':
      return say(cycle(phrases.clarify, turn), statePrompt(facts.memory, phrases, turn));
    case 'reprompt_silence':
      return facts.givingUp
        ? say("It seems we've lost each other. I'll try you another time.", cycle(phrases.farewell, turn))
        : say('Are you still there?');
  }
}

/** The agent's opening line: its own greeting, or its tone's. */
export function openingLine(ctx: ConversationContext): string {
  const phrases = TONE_PHRASEBOOKS[ctx.agent.tone] ?? TONE_PHRASEBOOKS.professional;
  const greeting = ctx.agent.greeting.trim() === '' ? phrases.greeting : ctx.agent.greeting;
  return renderTemplate(greeting, templateValues(ctx));
}

/** What an answering machine hears: who called, why, and a callback ask. */
export function voicemailMessage(ctx: ConversationContext): string {
  const phrases = TONE_PHRASEBOOKS[ctx.agent.tone] ?? TONE_PHRASEBOOKS.professional;
  const values = templateValues(ctx);
  return renderTemplate([
    'Hi {first_name}, this is {agent_name} from {company}.', purposeSentence(ctx, values),
    "Please give us a call back when it suits you, or we'll try you again soon.", cycle(phrases.farewell, 0),
  ].join(' '), values);
}

/** "I'm calling to follow up on your demo request." from the call's purpose, or a general reason. */
function purposeSentence(ctx: ConversationContext, values: TemplateValues): string {
  const purpose = ctx.purpose?.trim().replace(/[.!?]+$/, '');
  if (!purpose) return `I'm reaching out because ${values.company} works with teams like ${values.lead_company}, and I'd love to learn how you do things today.`;
  const lowered = purpose.charAt(0).toLowerCase() + purpose.slice(1);
  if (/^(to|about|regarding|because|for)\b/i.test(purpose)) return `I'm calling ${lowered}.`;
  if (/^(follow|check|discuss|talk|share|introduce|schedule|book|confirm|see|learn|ask|tell|invite|remind|offer|help|catch|review|walk|present|update)\b/i.test(purpose)) {
    return `I'm calling to ${lowered}.`;
  }
  return `I'm calling about ${lowered}.`;
}

/** The question the current state is waiting on, asked again after small talk or a line we didn't catch. */
function statePrompt(memory: ConversationMemory, phrases: TonePhrasebook, turn: number): string {
  switch (memory.state) {
    case 'greeting': return 'Do you have a moment to talk?';
    case 'discovery': return DISCOVERY_QUESTION;
    case 'qualification': return qualifyingQuestion(memory);
    case 'closing':
      return securedNextStep(memory.outcome)
        ? ANYTHING_ELSE
        : 'Would a short demo with our team be a good next step?';
    default: return cycle(phrases.checkIn, turn);
  }
}

function qualifyingQuestion(memory: ConversationMemory): string {
  const slot = nextQualifyingSlot(memory);
  return slot === null ? 'Is there anything else I should know about your needs?' : QUALIFYING_QUESTIONS[slot];
}

function genericPitch(memory: ConversationMemory): string {
  const useCase = memory.slots['use_case'];
  const help = typeof useCase === 'string' ? `with ${useCase}` : 'get this done with less effort';
  return `Based on what you've told me, {company} can help {lead_company} ${help}.`;
}

/** The answer to an objection; asked a second time, offer to send something and talk later instead of pushing. */
function objectionAnswer(facts: ReplyFacts): string {
  const memory = facts.memory;
  const type = facts.objection ?? 'need';
  const attempt = memory.objections.filter((o) => o === type).length;
  if (attempt >= 2 && type !== 'timing') {
    return "How about I send you a short overview, and we talk again when it suits you? When would be a good time?";
  }
  switch (type) {
    case 'price': {
      const budget = memory.slots['budget'];
      const fit = typeof budget === 'number'
        ? `With a budget around ${budget.toLocaleString('en-US')}, we can find a plan that fits and start small.`
        : 'We can also start small and grow from there.';
      return `Most teams find it pays for itself within a few months. ${fit} Would it help to see the numbers for a team your size?`;
    }
    case 'timing':
      return "I'll keep it short. When would be a better time for a quick call?";
    case 'authority':
      return "Who else would be part of the decision? I'm happy to set up a short call that includes them.";
    case 'need':
      return "Many teams felt the same until they saw how much time it saved them. What's the biggest headache in your process today?";
    case 'competitor': {
      const competitor = memory.slots['competitor'];
      const name = typeof competitor === 'string' ? competitor : 'Your current provider';
      return `${name} is a solid choice. Teams usually switch to us for the time they save and the support they get. What would you improve about your current setup?`;
    }
  }
}
