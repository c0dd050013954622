import { readUtterance } from '../english-pipeline';
import { classifyIntent } from '../intent-classifier';
import { extractSlots } from '../slot-extractor';

const NOW = new Date('2025-01-10T15:00:00Z');
const slotsOf = (text: string) => {
  const utterance = readUtterance(text);
  return extractSlots(utterance, classifyIntent(utterance), NOW, 'America/New_York').slots;
};

describe('extractSlots', () => {
  it('hears budget, team size, timeline and the decision maker in one answer', () => {
    expect(slotsOf("We're 12 reps, budget is around $2,000 a month, we'd like to start this quarter, and I'm the decision maker.")).toEqual({
      team_size: 12, budget: 2000, timeline: 'this quarter', decision_maker: true,
    });
  });

  it('takes a number said next to budget words as the budget', () => {
    expect(slotsOf('We could spend maybe 3000 per month')).toMatchObject({ budget: 3000 });
    expect(slotsOf('We have 40 people')).not.toHaveProperty('budget');
  });

  it.each<[string, string]>([
    ['we need it asap', 'asap'],
    ['within the next three months', 'within the next three months'],
    ['by the end of the year', 'by the end of the year'],
    ['hopefully by Q3', 'by q3'],
  ])('timeline in "%s"', (text, timeline) => {
    expect(slotsOf(text)['timeline']).toBe(timeline);
  });

  it('reads who decides', () => {
    expect(slotsOf("It's my call, I make the decisions here")['decision_maker']).toBe(true);
    expect(slotsOf('My boss decides on these things')['decision_maker']).toBe(false);
    expect(slotsOf("I'll need to run it by our CFO")['decision_maker']).toBe(false);
  });

  it('keeps the competitor in use', () => {
    expect(slotsOf('We already use Aircall')['competitor']).toBe('Aircall');
    expect(slotsOf('Does it integrate with HubSpot?')).not.toHaveProperty('competitor');
  });

  it('hears written and spoken email addresses', () => {
    expect(slotsOf('Send it to Jane.Doe@Acme.com please')['email']).toBe('jane.doe@acme.com');
    expect(slotsOf('my email is jane dot doe at acme dot com')['email']).toBe('jane.doe@acme.com');
  });

  it('keeps what the caller is looking for', () => {
    expect(slotsOf("We're looking for a way to qualify inbound leads faster")['use_case']).toBe('a way to qualify inbound leads faster');
  });

  it('does not read a callback time as a buying timeline', () => {
    const utterance = readUtterance('Call me back next week');
    const extraction = extractSlots(utterance, classifyIntent(utterance), NOW, 'America/New_York');
    expect(extraction.slots).not.toHaveProperty('timeline');
    expect(extraction.time?.at.toISOString()).toBe('2025-01-17T15:00:00.000Z');
  });
});
