import type { AiAgentTone } from '@parley/contracts';

/** How an agent of one tone says the recurring bits of a conversation; each list is cycled turn by turn. */
export interface TonePhrasebook {
  greeting: string;
  /** Agreeing to a request ("what's this about?", "call me back"). */
  certainly: string;
  /** Thanks for picking up, before saying why we call. */
  thanksForTime: string;
  acknowledge: string[];
  empathize: string[];
  thank: string[];
  farewell: string[];
  checkIn: string[];
  smallTalk: string[];
  clarify: string[];
}

/** `{first_name}` and the other placeholders of reply-template.ts are filled in after. */
export const TONE_PHRASEBOOKS: Record<AiAgentTone, TonePhrasebook> = {
  professional: {
    greeting: 'Hello {first_name}, this is {agent_name} from {company}. Do you have a moment to talk?',
    certainly: 'Certainly.',
    thanksForTime: 'Thank you for taking my call.',
    acknowledge: ['Understood.', 'Thank you, that is helpful.', 'Noted.', 'Thank you for sharing that.'],
    empathize: ['I understand.', 'That is a fair point.', 'I appreciate you raising that.'],
    thank: ['Thank you for your time, {first_name}.', 'Thank you, {first_name}.'],
    farewell: ['Have a good day.', 'Goodbye.'],
    checkIn: ['Would that be useful for your team?', 'Does that fit what you are looking for?', 'How does that sound?'],
    smallTalk: ['I am well, thank you for asking.', 'Thank you, all good here.'],
    clarify: ['I am sorry, I did not quite catch that.', 'My apologies, could you say that again?'],
  },
  friendly: {
    greeting: 'Hi {first_name}! This is {agent_name} from {company}. Have you got a minute?',
    certainly: 'Sure thing!',
    thanksForTime: 'Thanks for picking up!',
    acknowledge: ['Got it, thanks!', 'Great, thanks for sharing!', 'Perfect, thank you!', 'Oh, nice!'],
    empathize: ['Totally fair.', 'I completely get that.', 'That makes sense.'],
    thank: ['Thanks so much, {first_name}!', 'Really appreciate it, {first_name}!'],
    farewell: ['Have a great day!', 'Take care!'],
    checkIn: ['Does that sound helpful?', 'Would that work for you?', 'What do you think?'],
    smallTalk: ["I'm doing great, thanks for asking!", "All good here, thanks!"],
    clarify: ["Sorry, I didn't quite catch that.", 'Oops, could you say that one more time?'],
  },
  casual: {
    greeting: "Hey {first_name}, it's {agent_name} from {company}. Got a sec?",
    certainly: 'Sure.',
    thanksForTime: 'Thanks for picking up.',
    acknowledge: ['Cool.', 'Gotcha.', 'Nice.', 'Makes sense.'],
    empathize: ['Yeah, fair enough.', 'Totally.', 'I hear you.'],
    thank: ['Thanks, {first_name}.', 'Cheers, {first_name}.'],
    farewell: ['Take it easy.', 'Catch you later.'],
    checkIn: ['Sound good?', 'Worth a look?', 'What do you reckon?'],
    smallTalk: ['Doing good, thanks!', "Can't complain, thanks!"],
    clarify: ['Sorry, missed that.', 'Say that again?'],
  },
  empathetic: {
    greeting: 'Hello {first_name}, this is {agent_name} calling from {company}. I hope I am not catching you at a bad time. Do you have a moment?',
    certainly: 'Of course.',
    thanksForTime: 'Thank you for taking a moment for me.',
    acknowledge: ['Thank you for telling me that.', 'That is really helpful to know.', 'I appreciate you sharing that.'],
    empathize: [
      'I completely understand, and I appreciate you being open with me.', 'That is a very reasonable concern.',
      'I hear you, and that matters.',
    ],
    thank: ['Thank you so much for your time and patience, {first_name}.', 'I really appreciate your time, {first_name}.'],
    farewell: ['Take good care.', 'I wish you a lovely day.'],
    checkIn: ['Would that help with what you are facing?', 'How does that feel to you?', 'Does that sound like it could ease things?'],
    smallTalk: ['I am well, thank you, and I hope your day is going well too.', 'That is kind of you to ask, I am well.'],
    clarify: ['I am sorry, I want to make sure I understood you. Could you say that again?', 'Sorry, I missed that. Would you mind repeating it?'],
  },
  energetic: {
    greeting: "Hi {first_name}! {agent_name} here from {company}, great to reach you! Do you have a quick minute?",
    certainly: 'Absolutely!',
    thanksForTime: 'So glad I caught you!',
    acknowledge: ['Awesome!', 'Fantastic, thanks!', 'Love it!', 'Great stuff!'],
    empathize: ['Great point!', 'Totally hear you!', 'Fair enough, good call raising it!'],
    thank: ['Thanks a ton, {first_name}!', 'Thank you so much, {first_name}!'],
    farewell: ['Have an amazing day!', 'Talk soon!'],
    checkIn: ['How does that sound?', 'Exciting, right?', 'Would that be a win for your team?'],
    smallTalk: ["Doing fantastic, thanks for asking!", 'Great, thanks!'],
    clarify: ['Sorry, I missed that one!', 'Oops, could you say that again?'],
  },
};

/** The phrase for this turn: cycling keeps replies varied yet repeatable (the same conversation words the same way). */
export function cycle(phrases: readonly string[], turn: number): string {
  return phrases[Math.abs(turn) % phrases.length];
}
