import type { CallTranscriptEntry } from '../call/call-transcript';

/** One spoken line of an AI conversation (voice-ai's interaction.added). */
export interface ConversationLine {
  voice_call_id: string;
  turn: number;
  speaker: 'caller' | 'ai';
  text: string;
  at: string;
}

const speakerRank = (speaker: string) => (speaker === 'caller' ? 0 : 1);

/** Negative when `a` comes before `b` in a conversation: by turn, the caller before the AI within a turn. */
function compareLines(a: { turn: number; speaker: string }, b: { turn: number; speaker: string }): number {
  return a.turn - b.turn || speakerRank(a.speaker) - speakerRank(b.speaker);
}

/**
 * The transcript with `line` in its place: before the first line of the same conversation that
 * comes after it (events may arrive out of order), else at the end. Lines without a turn (speech
 * recorded from Twilio, a human agent's) keep their places. Null when the line is already there
 * (a redelivered event): nothing changes.
 */
export function withConversationLine(transcript: CallTranscriptEntry[], line: ConversationLine): CallTranscriptEntry[] | null {
  const sameConversation = (entry: CallTranscriptEntry): entry is CallTranscriptEntry & { turn: number } =>
    entry.voice_call_id === line.voice_call_id && typeof entry.turn === 'number';
  if (transcript.some((entry) => sameConversation(entry) && entry.turn === line.turn && entry.speaker === line.speaker)) return null;
  const entry: CallTranscriptEntry = { speaker: line.speaker, text: line.text, at: line.at, voice_call_id: line.voice_call_id, turn: line.turn };
  const next = transcript.findIndex((existing) => sameConversation(existing) && compareLines(existing, line) > 0);
  return next === -1 ? [...transcript, entry] : [...transcript.slice(0, next), entry, ...transcript.slice(next)];
}
