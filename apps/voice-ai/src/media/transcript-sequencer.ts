/** One spoken turn of a phone conversation, ready to be recorded. */
export interface SpokenTurn {
  /** The Realtime conversation item it was. */
  itemId: string;
  speaker: 'caller' | 'ai';
  text: string;
  /** When the turn began (the caller's audio was committed, the assistant's item appeared). */
  at: Date;
  /** The assistant was cut off by the caller. */
  interrupted: boolean;
}

type Playback = { kind: 'playing' } | { kind: 'played' } | { kind: 'cut'; playedMs: number; sentMs: number };

interface Entry {
  itemId: string;
  speaker: 'caller' | 'ai';
  at: Date;
  /** Final text; null until known. */
  text: string | null;
  /** Assistant text streamed so far (used when the final text never comes). */
  partial: string;
  /** Caller: transcription failed. */
  lost: boolean;
  playback: Playback;
}

/**
 * Puts transcripts back in conversation order. The Realtime API transcribes the caller
 * asynchronously (the answer may start first), and an assistant turn is only what the caller
 * heard: it is final once its audio has played, or cut down to what played when the caller
 * interrupted. Turns are emitted in the order their items entered the conversation.
 */
export class TranscriptSequencer {
  private readonly entries: Entry[] = [];

  constructor(private readonly emit: (turn: SpokenTurn) => void) {}

  /** The caller's audio was committed as an item; its transcript will follow. */
  expectCaller(itemId: string, at: Date): void {
    this.entry(itemId, 'caller', at);
  }

  callerHeard(itemId: string, transcript: string, at: Date): void {
    this.entry(itemId, 'caller', at).text = transcript.trim();
    this.drain();
  }

  callerLost(itemId: string): void {
    const entry = this.find(itemId);
    if (!entry) return;
    entry.lost = true;
    this.drain();
  }

  /** An assistant message item began. */
  expectAssistant(itemId: string, at: Date): void {
    this.entry(itemId, 'ai', at);
  }

  assistantDelta(itemId: string, delta: string): void {
    const entry = this.find(itemId);
    if (entry) entry.partial += delta;
  }

  assistantText(itemId: string, transcript: string): void {
    const entry = this.find(itemId);
    if (!entry) return;
    entry.text = transcript.trim();
    this.drain();
  }

  /** Its audio played to the end. */
  assistantPlayed(itemId: string): void {
    const entry = this.find(itemId);
    if (!entry || entry.playback.kind === 'cut') return;
    entry.playback = { kind: 'played' };
    this.drain();
  }

  /** The caller interrupted it after `playedMs` of the `sentMs` of its audio sent so far. */
  assistantCut(itemId: string, playedMs: number, sentMs: number): void {
    const entry = this.find(itemId);
    if (!entry) return;
    entry.playback = { kind: 'cut', playedMs, sentMs };
    // The model's full transcript may never come for a cancelled answer: what streamed so far stands in.
    entry.text ??= entry.partial.trim();
    this.drain();
  }

  /** The conversation is over: what is known is emitted, what is not is dropped. */
  flush(): void {
    for (const entry of this.entries) {
      if (entry.speaker === 'ai') {
        entry.text ??= entry.partial.trim();
        if (entry.playback.kind === 'playing') entry.playback = { kind: 'played' };
      } else if (entry.text === null) {
        entry.lost = true;
      }
    }
    this.drain();
  }

  /** Whether turns are still waiting for their text or playback. */
  get pending(): number {
    return this.entries.length;
  }

  private drain(): void {
    while (this.entries.length > 0) {
      const head = this.entries[0];
      if (head.speaker === 'caller') {
        if (head.lost) {
          this.entries.shift();
          continue;
        }
        if (head.text === null) return;
        this.entries.shift();
        if (head.text) this.emit({ itemId: head.itemId, speaker: 'caller', text: head.text, at: head.at, interrupted: false });
        continue;
      }
      if (head.text === null || head.playback.kind === 'playing') return;
      this.entries.shift();
      const text = head.playback.kind === 'cut' ? heardPart(head.text, head.playback) : head.text;
      if (text) this.emit({ itemId: head.itemId, speaker: 'ai', text, at: head.at, interrupted: head.playback.kind === 'cut' });
    }
  }

  private entry(itemId: string, speaker: Entry['speaker'], at: Date): Entry {
    const known = this.find(itemId);
    if (known) return known;
    const entry: Entry = { itemId, speaker, at, text: null, partial: '', lost: false, playback: { kind: 'playing' } };
    this.entries.push(entry);
    return entry;
  }

  private find(itemId: string): Entry | undefined {
    return this.entries.find((entry) => entry.itemId === itemId);
  }
}

/**
 * The words of a cut-off answer the caller heard: the text known when it was cut (its transcript
 * streams along with its audio) in proportion to the audio played of the audio sent.
 */
export function heardPart(text: string, cut: { playedMs: number; sentMs: number }): string {
  const words = text.split(/\s+/).filter(Boolean);
  const heard = cut.sentMs > 0 ? Math.min(words.length, Math.round((words.length * cut.playedMs) / cut.sentMs)) : 0;
  // Cut off, whatever of it was known: the ellipsis says the caller did not let it finish.
  return heard === 0 ? '' : `${words.slice(0, heard).join(' ')}…`;
}
