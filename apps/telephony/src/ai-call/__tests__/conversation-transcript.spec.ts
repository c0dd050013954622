import type { CallTranscriptEntry } from '../../call/call-transcript';
import { withConversationLine, type ConversationLine } from '../conversation-transcript';

const VC = '5a0f8a3e-1d2c-4b5a-9e8f-7a6b5c4d3e2f';
const line = (turn: number, speaker: 'caller' | 'ai', text: string, voiceCallId = VC): ConversationLine =>
  ({ voice_call_id: voiceCallId, turn, speaker, text, at: `2026-01-01T10:00:0${turn}Z` });
const texts = (transcript: CallTranscriptEntry[]) => transcript.map((entry) => entry.text);

describe('withConversationLine', () => {
  it('appends lines that arrive in order, keeping their conversation and turn', () => {
    let transcript: CallTranscriptEntry[] = [];
    for (const next of [line(0, 'ai', 'Hi, this is Ava'), line(1, 'caller', 'Hello'), line(1, 'ai', 'How are you?')]) {
      transcript = withConversationLine(transcript, next) as CallTranscriptEntry[];
    }
    expect(transcript).toEqual([
      { speaker: 'ai', text: 'Hi, this is Ava', at: '2026-01-01T10:00:00Z', voice_call_id: VC, turn: 0 },
      { speaker: 'caller', text: 'Hello', at: '2026-01-01T10:00:01Z', voice_call_id: VC, turn: 1 },
      { speaker: 'ai', text: 'How are you?', at: '2026-01-01T10:00:01Z', voice_call_id: VC, turn: 1 },
    ]);
  });

  it('puts a line that arrives late in its place: by turn, the caller before the AI within a turn', () => {
    let transcript = [line(0, 'ai', 'opening'), line(2, 'caller', 'second answer')].reduce<CallTranscriptEntry[]>(
      (acc, next) => withConversationLine(acc, next) as CallTranscriptEntry[], [],
    );
    transcript = withConversationLine(transcript, line(1, 'ai', 'first reply')) as CallTranscriptEntry[];
    transcript = withConversationLine(transcript, line(1, 'caller', 'first answer')) as CallTranscriptEntry[];
    expect(texts(transcript)).toEqual(['opening', 'first answer', 'first reply', 'second answer']);
  });

  it('answers null for a line it already has (a redelivered event), whatever its text', () => {
    const transcript = withConversationLine([], line(1, 'caller', 'Hello')) as CallTranscriptEntry[];
    expect(withConversationLine(transcript, line(1, 'caller', 'Hello'))).toBeNull();
    expect(withConversationLine(transcript, line(1, 'caller', 'Hello again'))).toBeNull();
    // The same turn said by the other party is a new line.
    expect(withConversationLine(transcript, line(1, 'ai', 'Hi'))).toHaveLength(2);
  });

  it('leaves lines without a turn (Twilio speech, a human agent) where they are, and orders each conversation on its own', () => {
    const other = '0c9b8a7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d';
    const start: CallTranscriptEntry[] = [{ speaker: 'agent', text: 'human note', at: '2026-01-01T09:59:00Z' }];
    let transcript = withConversationLine(start, line(3, 'ai', 'later')) as CallTranscriptEntry[];
    transcript = withConversationLine(transcript, line(0, 'ai', 'other conversation', other)) as CallTranscriptEntry[];
    transcript = withConversationLine(transcript, line(1, 'caller', 'earlier')) as CallTranscriptEntry[];
    expect(texts(transcript)).toEqual(['human note', 'earlier', 'later', 'other conversation']);
  });
});
