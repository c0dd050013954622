import type { TranscriptTurnDto } from '@parley/contracts';

/**
 * A line of a call's transcript as stored. Lines voice-ai reported keep their conversation and
 * turn: a redelivered line is recognised, and lines sort by turn whatever order they arrive in.
 */
export interface CallTranscriptEntry extends TranscriptTurnDto {
  voice_call_id?: string;
  turn?: number;
}

/** The transcript as the API shows it: who said what, when. */
export function toTranscriptDto(entries: CallTranscriptEntry[]): TranscriptTurnDto[] {
  return entries.map(({ speaker, text, at }) => ({ speaker, text, at }));
}
