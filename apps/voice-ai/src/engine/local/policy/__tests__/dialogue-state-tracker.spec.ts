import { newConversationMemory } from '../../../conversation-memory';
import { understandCallerTurn } from '../../nlu/caller-turn-analyzer';
import { copyMemory, enterState, recordCallerTurn, recordSilence } from '../dialogue-state-tracker';

const NOW = new Date('2025-01-10T15:00:00Z');
const heard = (text: string) => understandCallerTurn(text, 'presentation', NOW, 'UTC');

describe('dialogue state tracker', () => {
  it('records intent, sentiment, facts and signals of a caller turn', () => {
    const memory = newConversationMemory();
    const turn = heard('We have 20 reps and a budget of $5k');
    recordCallerTurn(memory, turn, turn.intent.intent);
    expect(memory).toMatchObject({ callerTurns: 1, intents: [turn.intent.intent], slots: { team_size: 20, budget: 5000 } });
    expect(memory.sentiments).toHaveLength(1);
    expect(memory.interestSignals).toEqual(expect.arrayContaining(['mentioned budget', 'shared team size']));
  });

  it('counts an objection handled once the caller moves past it, not while they repeat it', () => {
    const memory = newConversationMemory();
    const objection = heard("That's too expensive");
    recordCallerTurn(memory, objection, 'objection');
    enterState(memory, 'objection_handling', null);
    const again = heard('Still way too expensive');
    recordCallerTurn(memory, again, 'objection');
    expect(memory.objectionsHandled).toEqual([]);
    const fine = heard('OK, that makes sense');
    recordCallerTurn(memory, fine, fine.intent.intent);
    expect(memory.objections).toEqual(['price', 'price']);
    expect(memory.objectionsHandled).toEqual(['price']);
  });

  it('counts silence in a row and resets it when the caller speaks', () => {
    const memory = newConversationMemory();
    recordSilence(memory);
    recordSilence(memory);
    expect(memory).toMatchObject({ silentTurns: 2, callerTurns: 2 });
    const turn = heard('Sorry, I am here');
    recordCallerTurn(memory, turn, turn.intent.intent);
    expect(memory.silentTurns).toBe(0);
  });

  it('lists each state once, in the order first visited', () => {
    const memory = newConversationMemory();
    enterState(memory, 'discovery', null);
    enterState(memory, 'objection_handling', null);
    enterState(memory, 'discovery', null);
    enterState(memory, 'ended', 'opted_out');
    expect(memory.statesVisited).toEqual(['greeting', 'discovery', 'objection_handling', 'ended']);
    expect(memory).toMatchObject({ state: 'ended', outcome: 'opted_out' });
  });

  it('copies memory deeply so the stored one stays as it was', () => {
    const original = newConversationMemory();
    const copy = copyMemory(original);
    copy.slots['budget'] = 1;
    copy.intents.push('pricing');
    expect(original.slots).toEqual({});
    expect(original.intents).toEqual([]);
  });
});
