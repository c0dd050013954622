import { PlaybackTracker } from '../playback-tracker';

describe('PlaybackTracker', () => {
  it('names each mark after the item and the audio sent so far (8 bytes a ms)', () => {
    const tracker = new PlaybackTracker();
    expect(tracker.sent('item_a', 800)).toBe('item_a@100');
    expect(tracker.sent('item_a', 1600)).toBe('item_a@300');
    expect(tracker.playing).toBe(true);
  });

  it('knows an item has played once its audio is complete and the last mark came back', () => {
    const tracker = new PlaybackTracker();
    tracker.sent('item_a', 800);
    tracker.sent('item_a', 800);
    expect(tracker.acked('item_a@100')).toEqual([]);
    expect(tracker.completed('item_a')).toEqual([]);
    expect(tracker.acked('item_a@200')).toEqual(['item_a']);
    expect(tracker.playing).toBe(false);
    expect(tracker.has('item_a')).toBe(false);
  });

  it('cuts the playing item where the caller\'s ears are and ignores the marks Twilio returns after a clear', () => {
    const tracker = new PlaybackTracker();
    tracker.sent('item_a', 800);
    tracker.sent('item_a', 800);
    tracker.sent('item_a', 800);
    tracker.acked('item_a@100');
    expect(tracker.interrupt()).toEqual({ itemId: 'item_a', playedMs: 100, sentMs: 300 });
    expect(tracker.isCut('item_a')).toBe(true);
    expect(tracker.acked('item_a@200')).toEqual([]);
    expect(tracker.acked('item_a@300')).toEqual([]);
    expect(tracker.playing).toBe(false);
    expect(tracker.interrupt()).toBeNull();
  });

  it('has nothing to interrupt once everything played', () => {
    const tracker = new PlaybackTracker();
    tracker.sent('item_a', 400);
    tracker.completed('item_a');
    tracker.acked('item_a@50');
    expect(tracker.interrupt()).toBeNull();
  });

  it('plays items in order: a later item\'s mark means the earlier ones played out', () => {
    const tracker = new PlaybackTracker();
    tracker.sent('item_a', 800);
    tracker.completed('item_a');
    tracker.sent('item_b', 800);
    tracker.completed('item_b');
    expect(tracker.acked('item_b@100')).toEqual(['item_a', 'item_b']);
  });

  it('ignores marks it did not name', () => {
    const tracker = new PlaybackTracker();
    expect(tracker.acked('echo-25')).toEqual([]);
    expect(tracker.acked('item_x@abc')).toEqual([]);
  });
});
