/**
 * What the callers of the voice-ai benchmarks say: scripted sales conversations that walk the
 * local engine through discovery, knowledge questions (answered from the demo catalog and FAQ),
 * objections, a callback, a demo request, a hand-over and an opt-out, as real calls mix them.
 */
export interface ConversationScript {
  name: string;
  /** Whether the conversation is about a lead (callbacks and lead updates land on it). */
  withLead: boolean;
  lines: string[];
}

export const CONVERSATION_SCRIPTS: readonly ConversationScript[] = [
  {
    name: 'interested buyer',
    withLead: true,
    lines: [
      'Hi, yes, this is me. What is this about?',
      'We run a support team of about 40 agents and our current phone system is painful.',
      'How much does the Growth plan cost per month?',
      'Hmm, that sounds a bit expensive for us right now.',
      'Is there a free trial we could start with?',
      'Our budget is around 2000 dollars a month and I make the decision.',
      'Can you call me back tomorrow at 3pm to set it up?',
      'Great, thanks. Bye!',
    ],
  },
  {
    name: 'questions',
    withLead: true,
    lines: [
      'Hello, I have a few questions about your platform.',
      'What are your support hours?',
      'Can we keep our existing phone numbers?',
      'How is the AI voice agent billed?',
      'Do you offer a discount for annual billing?',
      "That sounds good, I'd like to see a demo.",
      'Thank you, goodbye.',
    ],
  },
  {
    name: 'objections',
    withLead: true,
    lines: [
      'Hi, who is calling?',
      'We already use Five9 and we are pretty happy with it.',
      'Honestly the timing is bad, we are busy until next quarter.',
      "I'm not the one who decides, that's my manager.",
      'You can email me at ops@example.com with the details.',
      'Okay, bye.',
    ],
  },
  {
    name: 'asks for a human',
    withLead: false,
    lines: [
      'Hi there.',
      'What does the Enterprise plan include?',
      'Can I talk to a real person please?',
    ],
  },
  {
    name: 'opt-out',
    withLead: false,
    lines: [
      'Who is this?',
      'Please stop calling me and remove me from your list.',
    ],
  },
];
