import { SequenceTracker } from '../sequence-tracker';

describe('SequenceTracker', () => {
  it('counts the numbers Twilio skipped and the ones that came late', () => {
    const tracker = new SequenceTracker();
    for (const n of [1, 2, 3, 6, 5, 7, -1, 10]) tracker.see(n);
    expect(tracker).toMatchObject({ first: 1, last: 10, gaps: 4, outOfOrder: 1 });
  });
});
