import type { ConversationIntent, ConversationState } from '@parley/contracts';
import { type ConversationMemory, newConversationMemory } from '../../../conversation-memory';
import { decideNextMove, nextQualifyingSlot } from '../conversation-policy';

function memoryIn(state: ConversationState, extra: Partial<ConversationMemory> = {}): ConversationMemory {
  const order: ConversationState[] = ['greeting', 'discovery', 'qualification', 'presentation', 'objection_handling', 'closing'];
  return { ...newConversationMemory(), state, statesVisited: order.slice(0, order.indexOf(state) + 1), callerTurns: 1, ...extra };
}

describe('decideNextMove', () => {
  it.each<[ConversationState, ConversationIntent, ConversationState, string]>([
    ['greeting', 'agreement', 'discovery', 'introduce_purpose'],
    ['greeting', 'greeting', 'discovery', 'introduce_purpose'],
    ['discovery', 'unknown', 'qualification', 'ask_qualification'],
    ['qualification', 'interested', 'qualification', 'ask_qualification'],
    ['presentation', 'agreement', 'closing', 'propose_next_step'],
    ['presentation', 'unknown', 'presentation', 'check_in'],
    ['presentation', 'pricing', 'presentation', 'answer_pricing'],
    ['discovery', 'question', 'presentation', 'answer_question'],
    ['qualification', 'objection', 'objection_handling', 'handle_objection'],
    ['objection_handling', 'agreement', 'closing', 'propose_next_step'],
    ['closing', 'agreement', 'closing', 'confirm_agreement'],
    ['presentation', 'demo_request', 'closing', 'book_demo'],
    ['discovery', 'callback_request', 'closing', 'book_callback'],
    ['presentation', 'opt_out', 'ended', 'opt_out'],
    ['greeting', 'wrong_person', 'ended', 'wrong_person'],
    ['greeting', 'voicemail', 'ended', 'leave_voicemail'],
    ['qualification', 'transfer_request', 'ended', 'transfer'],
    ['presentation', 'not_interested', 'ended', 'not_interested'],
    ['closing', 'goodbye', 'ended', 'goodbye'],
    ['qualification', 'small_talk', 'qualification', 'small_talk'],
    ['closing', 'unknown', 'closing', 'propose_next_step'],
  ])('%s × %s → %s (%s)', (state, intent, next, move) => {
    expect(decideNextMove(memoryIn(state), intent)).toMatchObject({ next, move });
  });

  it('records the outcome of moves that end or secure something', () => {
    expect(decideNextMove(memoryIn('presentation'), 'opt_out').outcome).toBe('opted_out');
    expect(decideNextMove(memoryIn('closing'), 'agreement').outcome).toBe('agreed');
    expect(decideNextMove(memoryIn('greeting'), 'transfer_request').outcome).toBe('transferred');
    expect(decideNextMove(memoryIn('closing'), 'goodbye').outcome).toBeNull();
  });

  it('presents once two qualifying facts are known, or after two qualification answers', () => {
    expect(decideNextMove(memoryIn('qualification', { slots: { team_size: 10, budget: 500 } }), 'unknown'))
      .toMatchObject({ next: 'presentation', move: 'present' });
    expect(decideNextMove(memoryIn('qualification', { slots: { team_size: 10 }, callerTurns: 4 }), 'unknown'))
      .toMatchObject({ next: 'presentation', move: 'present' });
    expect(decideNextMove(memoryIn('qualification', { slots: { team_size: 10 }, callerTurns: 3 }), 'unknown'))
      .toMatchObject({ next: 'qualification', move: 'ask_qualification' });
  });

  it('after an objection, presents if nothing was presented yet, else goes back to where it was', () => {
    const early = memoryIn('objection_handling', { statesVisited: ['greeting', 'discovery', 'objection_handling'] });
    expect(decideNextMove(early, 'unknown')).toMatchObject({ next: 'presentation', move: 'present' });
    const late = memoryIn('objection_handling', { statesVisited: ['greeting', 'presentation', 'closing', 'objection_handling'] });
    expect(decideNextMove(late, 'unknown')).toMatchObject({ next: 'closing', move: 'check_in' });
  });

  it('takes "no, that\'s all" after a secured next step as a goodbye, not a lost deal', () => {
    const booked = memoryIn('closing', { outcome: 'callback_booked' });
    expect(decideNextMove(booked, 'not_interested')).toEqual({ next: 'ended', move: 'goodbye', outcome: null });
    expect(decideNextMove(memoryIn('closing'), 'not_interested').outcome).toBe('not_interested');
  });

  it('asks the qualifying facts in order, skipping known ones', () => {
    expect(nextQualifyingSlot(memoryIn('qualification'))).toBe('team_size');
    expect(nextQualifyingSlot(memoryIn('qualification', { slots: { team_size: 3, timeline: 'asap' } }))).toBe('budget');
    expect(nextQualifyingSlot(memoryIn('qualification', { slots: { team_size: 3, timeline: 'asap', budget: 1, decision_maker: true } }))).toBeNull();
  });
});
