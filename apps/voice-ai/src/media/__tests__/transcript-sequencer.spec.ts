import { heardPart, TranscriptSequencer, type SpokenTurn } from '../transcript-sequencer';

const AT = new Date('2030-03-04T14:00:00Z');

function sequencer() {
  const turns: SpokenTurn[] = [];
  return { turns, seq: new TranscriptSequencer((turn) => turns.push(turn)), said: () => turns.map((t) => `${t.speaker}: ${t.text}`) };
}

describe('TranscriptSequencer', () => {
  it('emits the assistant only once its audio has played, the caller once transcribed, in conversation order', () => {
    const { seq, said } = sequencer();
    seq.expectAssistant('a1', AT);
    seq.assistantText('a1', 'Hi Dana, this is Ava.');
    expect(said()).toEqual([]);
    seq.assistantPlayed('a1');
    seq.expectCaller('c1', AT);
    seq.expectAssistant('a2', AT);
    seq.assistantText('a2', 'Great question.');
    seq.assistantPlayed('a2');
    // The answer is ready before the caller's transcription: it waits for it.
    expect(said()).toEqual(['ai: Hi Dana, this is Ava.']);
    seq.callerHeard('c1', ' What does it cost? ', AT);
    expect(said()).toEqual(['ai: Hi Dana, this is Ava.', 'caller: What does it cost?', 'ai: Great question.']);
  });

  it('keeps only what the caller heard of an interrupted answer', () => {
    const { seq, turns } = sequencer();
    seq.expectAssistant('a1', AT);
    seq.assistantDelta('a1', 'Our plans start at forty nine ');
    seq.assistantDelta('a1', 'dollars a seat and go up');
    seq.assistantCut('a1', 1000, 2000);
    expect(turns).toEqual([{ itemId: 'a1', speaker: 'ai', text: 'Our plans start at forty nine…', at: AT, interrupted: true }]);
  });

  it('drops a caller turn whose transcription failed, and empty ones', () => {
    const { seq, said } = sequencer();
    seq.expectCaller('c1', AT);
    seq.expectCaller('c2', AT);
    seq.expectAssistant('a1', AT);
    seq.assistantText('a1', 'Sorry?');
    seq.assistantPlayed('a1');
    seq.callerLost('c1');
    seq.callerHeard('c2', '', AT);
    expect(said()).toEqual(['ai: Sorry?']);
  });

  it('emits what is known when the call ends and drops the rest', () => {
    const { seq, said } = sequencer();
    seq.expectAssistant('a1', AT);
    seq.assistantDelta('a1', 'Thanks for your time');
    seq.expectCaller('c1', AT);
    seq.flush();
    expect(said()).toEqual(['ai: Thanks for your time']);
    expect(seq.pending).toBe(0);
  });
});

describe('heardPart', () => {
  it('cuts in proportion to the audio played of the audio sent', () => {
    expect(heardPart('one two three four', { playedMs: 500, sentMs: 1000 })).toBe('one two…');
    expect(heardPart('one two', { playedMs: 1000, sentMs: 1000 })).toBe('one two…');
    expect(heardPart('one two', { playedMs: 0, sentMs: 1000 })).toBe('');
  });
});
