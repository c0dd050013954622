import { understandCallerTurn } from '../caller-turn-analyzer';

const NOW = new Date('2025-01-10T15:00:00Z');

describe('understandCallerTurn', () => {
  it('reports the buying signals of a turn', () => {
    const turn = understandCallerTurn("How much is it for 20 users? We'd need it by next month.", 'presentation', NOW, 'UTC');
    expect(turn.intent.intent).toBe('pricing');
    expect(turn.interestSignals).toEqual(expect.arrayContaining(['asked about pricing', 'shared team size', 'mentioned a timeline']));
  });

  it('counts a yes as agreeing to a next step only once something was proposed', () => {
    expect(understandCallerTurn('Yes, sounds good', 'closing', NOW, 'UTC').interestSignals).toContain('agreed to a next step');
    expect(understandCallerTurn('Yes', 'greeting', NOW, 'UTC').interestSignals).not.toContain('agreed to a next step');
  });

  it('hears a request for next steps', () => {
    expect(understandCallerTurn('What are the next steps to get started?', 'presentation', NOW, 'UTC').interestSignals)
      .toContain('asked for next steps');
  });
});
