import type { TurnAnalysisDto } from '@parley/contracts';
import { newConversationMemory } from '../../conversation-memory';
import { rememberTurn } from '../turn-memory';

function analysis(overrides: Partial<TurnAnalysisDto> = {}): TurnAnalysisDto {
  return { sentiment: { score: 0.2, label: 'positive' }, intent: 'question', confidence: 0.8, objections: [], interest_signals: [], ...overrides };
}

describe('rememberTurn', () => {
  it('adds the turn: state visited, sentiment, intent, signals, slots', () => {
    const before = newConversationMemory();
    const after = rememberTurn(before, {
      callerText: 'How much is it?', analysis: analysis({ intent: 'pricing', interest_signals: ['asked about pricing'] }),
      state: 'presentation', ended: false, outcome: null, slots: { budget: 500 },
    });
    expect(after).toMatchObject({
      state: 'presentation', statesVisited: ['greeting', 'presentation'], callerTurns: 1, sentiments: [0.2], intents: ['pricing'],
      interestSignals: ['asked about pricing'], slots: { budget: 500 }, silentTurns: 0, outcome: null,
    });
    expect(before.callerTurns).toBe(0);
  });

  it('counts objections once and marks them handled when the conversation moves on', () => {
    let memory = rememberTurn(newConversationMemory(), {
      callerText: 'Too expensive.', analysis: analysis({ intent: 'objection', objections: ['price'] }), state: 'objection_handling', ended: false, outcome: null, slots: {},
    });
    memory = rememberTurn(memory, {
      callerText: 'Still pricey.', analysis: analysis({ intent: 'objection', objections: ['price'] }), state: 'objection_handling', ended: false, outcome: null, slots: {},
    });
    expect(memory.objections).toEqual(['price']);
    expect(memory.objectionsHandled).toEqual([]);
    memory = rememberTurn(memory, { callerText: 'OK, show me.', analysis: analysis({ intent: 'interested' }), state: 'closing', ended: false, outcome: null, slots: {} });
    expect(memory.objectionsHandled).toEqual(['price']);
  });

  it('ends on a tool that ended the call, with its outcome', () => {
    const memory = rememberTurn(newConversationMemory(), {
      callerText: 'Get me a manager', analysis: analysis({ intent: 'transfer_request' }), state: 'discovery', ended: true, outcome: 'transferred', slots: {},
    });
    expect(memory).toMatchObject({ state: 'ended', outcome: 'transferred' });
    expect(memory.statesVisited).toContain('ended');
  });

  it('reads an outcome from an ending intent, and counts silence', () => {
    const silent = rememberTurn(newConversationMemory(), { callerText: '  ', analysis: analysis(), state: null, ended: false, outcome: null, slots: {} });
    expect(silent).toMatchObject({ silentTurns: 1, sentiments: [], state: 'greeting' });
    const ended = rememberTurn(silent, { callerText: 'Wrong number', analysis: analysis({ intent: 'wrong_person' }), state: 'ended', ended: false, outcome: null, slots: {} });
    expect(ended).toMatchObject({ outcome: 'wrong_person', silentTurns: 0 });
  });
});
