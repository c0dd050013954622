import type { ConversationIntent, ObjectionType } from '@parley/contracts';
import { readUtterance } from '../english-pipeline';
import { classifyIntent } from '../intent-classifier';

const classify = (text: string) => classifyIntent(readUtterance(text));

describe('classifyIntent', () => {
  it.each<[string, ConversationIntent]>([
    ['How much does it cost?', 'pricing'],
    ["What's the price per seat?", 'pricing'],
    ['Can I see a demo?', 'demo_request'],
    ['Could you walk me through it?', 'demo_request'],
    ['Does it integrate with Salesforce?', 'question'],
    ['How does the setup work?', 'question'],
    ['Can you call me back tomorrow at 3pm?', 'callback_request'],
    ['Try me again next week', 'callback_request'],
    ['That sounds really interesting', 'interested'],
    ['Tell me more', 'interested'],
    ["Yes, let's do it", 'agreement'],
    ['Okay, sure', 'agreement'],
    ["I'm not interested", 'not_interested'],
    ['No thanks', 'not_interested'],
    ['You have the wrong number', 'wrong_person'],
    ["There's nobody here by that name", 'wrong_person'],
    ["Hi, you've reached Jane. Please leave a message after the beep.", 'voicemail'],
    ["Don't call me again", 'opt_out'],
    ['Remove me from your list', 'opt_out'],
    ['Stop calling me', 'opt_out'],
    ['Take me off your calling list please', 'opt_out'],
    ['Can I talk to a human?', 'transfer_request'],
    ['I want to speak with your manager', 'transfer_request'],
    ['Is this a robot?', 'transfer_request'],
    ['Thanks, bye!', 'goodbye'],
    ['Have a great day', 'goodbye'],
    ['How are you?', 'small_talk'],
    ['Hello?', 'greeting'],
    ["What's this about?", 'greeting'],
    ['Purple monkey dishwasher', 'unknown'],
  ])('"%s" → %s', (text, intent) => {
    expect(classify(text).intent).toBe(intent);
  });

  it.each<[string, ObjectionType]>([
    ["That's way too expensive for us", 'price'],
    ["We can't afford that right now", 'price'],
    ["It's not a good time, I'm swamped", 'timing'],
    ['I need to check with my boss first', 'authority'],
    ["I'm not the decision maker", 'authority'],
    ["We don't really need this", 'need'],
    ['We already use Talkdesk', 'competitor'],
  ])('"%s" is a %s objection', (text, type) => {
    const result = classify(text);
    expect(result.intent).toBe('objection');
    expect(result.objections).toContain(type);
  });

  it('reads negation: "not interested" is not interest, "not too expensive" is no objection', () => {
    expect(classify("I'm not interested").intent).toBe('not_interested');
    expect(classify("I'm interested").intent).toBe('interested');
    expect(classify("Honestly it's not too expensive").objections).not.toContain('price');
    expect(classify("I don't want a demo").intent).toBe('not_interested');
  });

  it('tells "talk to my manager" (an authority objection) from "talk to a manager" (a transfer)', () => {
    expect(classify('I have to talk to my manager').intent).toBe('objection');
    expect(classify('Let me talk to a manager').intent).toBe('transfer_request');
  });

  it('keeps every objection of a turn even when another intent leads', () => {
    const result = classify("I'm busy right now, call me next Tuesday");
    expect(result.intent).toBe('callback_request');
    expect(result.objections).toEqual(['timing']);
  });

  it('names a competitor in use, but not a CRM asked about, and not a common word', () => {
    expect(classify("We're on Five9 at the moment, it's our current provider").competitor).toBe('Five9');
    expect(classify('Does it integrate with Salesforce?').objections).not.toContain('competitor');
    expect(classify('Nice to meet you').objections).toEqual([]);
  });

  it('is more confident when the words are clear', () => {
    const clear = classify('Please remove me from your list and stop calling me');
    const vague = classify('maybe');
    expect(clear.confidence).toBeGreaterThan(0.8);
    expect(vague.confidence).toBeLessThan(0.5);
    expect(clear.confidence).toBeLessThanOrEqual(0.99);
  });

  it('an opt-out wins over everything it comes with', () => {
    expect(classify("It's too expensive and I'm not interested, don't call me again").intent).toBe('opt_out');
  });
});
