import { AI_AGENT_TONES, type AiAgentTone } from '@parley/contracts';
import { newConversationMemory } from '../../../conversation-memory';
import { agentProfile, conversationContext } from '../../__tests__/support/conversation-fixtures';
import { openingLine, voicemailMessage, writeReply, type ReplyFacts } from '../reply-writer';

const facts = (extra: Partial<ReplyFacts>): ReplyFacts => ({
  move: 'check_in', memory: { ...newConversationMemory(), state: 'presentation', callerTurns: 2 }, objection: null, knowledge: null,
  bookedAt: null, booked: false, transferred: false, ending: false, givingUp: false, ...extra,
});

describe('writeReply', () => {
  it('opens with the agent\'s greeting, placeholders filled', () => {
    expect(openingLine(conversationContext())).toBe('Hi Jane Doe, this is Ava from Parley. Do you have a minute?');
  });

  it('gives each tone its own voice when the agent has no greeting of its own', () => {
    const openings = AI_AGENT_TONES.map((tone) => openingLine(conversationContext({ agent: agentProfile({ tone, greeting: '' }) })));
    expect(new Set(openings).size).toBe(AI_AGENT_TONES.length);
    for (const opening of openings) expect(opening).toMatch(/Jane.*Ava.*Parley|Ava.*Jane.*Parley/);
  });

  it.each<[AiAgentTone, RegExp]>([
    ['professional', /^(I understand|That is a fair point|I appreciate you raising that)\./],
    ['friendly', /^(Totally fair|I completely get that|That makes sense)\./],
    ['casual', /^(Yeah, fair enough|Totally|I hear you)\./],
    ['empathetic', /^(I completely understand|That is a very reasonable concern|I hear you, and that matters)/],
    ['energetic', /^(Great point|Totally hear you|Fair enough, good call raising it)!/],
  ])('words a price objection in the %s tone', (tone, opener) => {
    const ctx = conversationContext({ agent: agentProfile({ tone }) });
    const memory = { ...newConversationMemory(), state: 'objection_handling' as const, objections: ['price' as const], callerTurns: 3, slots: { budget: 2000 } };
    const reply = writeReply(ctx, facts({ move: 'handle_objection', objection: 'price', memory }));
    expect(reply).toMatch(opener);
    expect(reply).toContain('budget around 2,000');
  });

  it('offers to send something instead of pushing when the same objection comes back', () => {
    const memory = { ...newConversationMemory(), state: 'objection_handling' as const, objections: ['price' as const, 'price' as const], callerTurns: 4 };
    expect(writeReply(conversationContext(), facts({ move: 'handle_objection', objection: 'price', memory }))).toContain('send you a short overview');
  });

  it('says the booked time in the caller\'s zone, and asks for one when none was given', () => {
    const ctx = conversationContext();
    expect(writeReply(ctx, facts({ move: 'book_callback', bookedAt: new Date('2025-01-11T20:00:00Z'), booked: true })))
      .toBe("Certainly. I've booked a call tomorrow at 3 PM. Is there anything else I can help you with before then?");
    expect(writeReply(ctx, facts({ move: 'book_callback' }))).toBe('Certainly. When would be a good time to call you back?');
  });

  it('promises a colleague when knowledge has no answer', () => {
    expect(writeReply(conversationContext(), facts({ move: 'answer_question' }))).toContain("I'll have a colleague follow up with the answer");
  });

  it('tells an opted-out caller they won\'t be called again', () => {
    expect(writeReply(conversationContext(), facts({ move: 'opt_out', ending: true }))).toMatch(/removed your number.*won't hear from us again/);
  });

  it('explains the call\'s purpose from the conversation\'s purpose', () => {
    const reply = writeReply(conversationContext({ purpose: 'Follow up on your demo request' }), facts({ move: 'introduce_purpose', memory: { ...newConversationMemory(), state: 'discovery', callerTurns: 1 } }));
    expect(reply).toContain("I'm calling to follow up on your demo request.");
  });

  it('leaves a voicemail that says who called and asks for a call back', () => {
    expect(voicemailMessage(conversationContext({ purpose: 'your trial' }))).toBe(
      "Hi Jane, this is Ava from Parley. I'm calling about your trial. Please give us a call back when it suits you, or we'll try you again soon. Have a good day.",
    );
  });
});
