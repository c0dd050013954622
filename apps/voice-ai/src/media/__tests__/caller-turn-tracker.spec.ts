import { newConversationMemory } from '../../engine/conversation-memory';
import { trackCallerTurn } from '../caller-turn-tracker';

const NOW = new Date('2030-03-04T14:00:00Z');
const ZONE = 'America/New_York';

describe('trackCallerTurn', () => {
  it('reads a transcribed line like any other turn: intent, sentiment, signals, and where the conversation went', () => {
    const first = trackCallerTurn(newConversationMemory(), 'Hi, yes, this is Jordan.', NOW, ZONE);
    const pricing = trackCallerTurn(first.memory, 'What does the Growth plan cost?', NOW, ZONE);
    expect(pricing.analysis.intent).toBe('pricing');
    expect(pricing.memory.callerTurns).toBe(2);
    expect(pricing.memory.intents).toEqual([first.analysis.intent, 'pricing']);
    expect(pricing.memory.statesVisited.length).toBeGreaterThan(1);

    const objection = trackCallerTurn(pricing.memory, "Hmm, that's way too expensive for us.", NOW, ZONE);
    expect(objection.analysis).toMatchObject({ intent: 'objection', objections: ['price'] });
    expect(objection.analysis.sentiment.score).toBeLessThan(0);
    expect(objection.memory).toMatchObject({ state: 'objection_handling', objections: ['price'] });
  });

  it('ends the conversation on an opt-out, with its outcome', () => {
    const { analysis, memory } = trackCallerTurn(newConversationMemory(), 'Stop calling me and remove me from your list.', NOW, ZONE);
    expect(analysis.intent).toBe('opt_out');
    expect(memory).toMatchObject({ state: 'ended', outcome: 'opted_out' });
  });

  it('keeps the facts the caller gave', () => {
    const { memory } = trackCallerTurn(newConversationMemory(), 'Our budget is about 2000 dollars a month.', NOW, ZONE);
    expect(memory.slots).toMatchObject({ budget: 2000 });
  });
});
