/** G.711 at 8 kHz: one byte a sample, 8 bytes a millisecond. */
export const MULAW_BYTES_PER_MS = 8;

interface PlayingItem {
  itemId: string;
  /** Audio handed to telephony so far, in ms. */
  sentMs: number;
  /** Audio Twilio confirmed played (its mark came back), in ms. */
  playedMs: number;
  /** The model has sent all of this item's audio. */
  complete: boolean;
}

/** An item whose audio was cut off: what the caller heard of it. */
export interface Interruption {
  itemId: string;
  playedMs: number;
  sentMs: number;
}

const MARK_SEPARATOR = '@';

/**
 * What of the assistant's audio the caller has actually heard. Each chunk sent to telephony is
 * followed by a mark named `<item>@<ms sent so far>`; Twilio echoes a mark once the audio before it
 * has played, so the last echoed mark is the play position. On a barge-in the position is where the
 * model's item gets truncated. Marks that come back after that (Twilio returns pending marks when
 * its buffer is cleared) belong to a cut item and are ignored.
 */
export class PlaybackTracker {
  private readonly items: PlayingItem[] = [];
  private readonly cut = new Set<string>();

  /** Records a chunk of `bytes` μ-law sent for `itemId`; answers the mark to send after it. */
  sent(itemId: string, bytes: number): string {
    let item = this.items.find((candidate) => candidate.itemId === itemId);
    if (!item) {
      item = { itemId, sentMs: 0, playedMs: 0, complete: false };
      this.items.push(item);
    }
    item.sentMs += bytes / MULAW_BYTES_PER_MS;
    return `${itemId}${MARK_SEPARATOR}${Math.round(item.sentMs)}`;
  }

  /** The model sent all of the item's audio. Answers the items that have now fully played. */
  completed(itemId: string): string[] {
    const item = this.items.find((candidate) => candidate.itemId === itemId);
    if (!item) return [];
    item.complete = true;
    return this.settle();
  }

  /** A mark came back from Twilio. Answers the items that have now fully played. */
  acked(markName: string): string[] {
    const at = markName.lastIndexOf(MARK_SEPARATOR);
    if (at <= 0) return [];
    const itemId = markName.slice(0, at);
    const ms = Number(markName.slice(at + 1));
    if (this.cut.has(itemId) || !Number.isFinite(ms)) return [];
    const index = this.items.findIndex((candidate) => candidate.itemId === itemId);
    if (index < 0) return [];
    // Audio plays in order: an item's mark means every earlier item has played out.
    for (const earlier of this.items.slice(0, index)) earlier.playedMs = earlier.sentMs;
    this.items[index].playedMs = Math.max(this.items[index].playedMs, Math.min(ms, this.items[index].sentMs));
    return this.settle();
  }

  /** Whether sent assistant audio is still playing (or still arriving) for the caller. */
  get playing(): boolean {
    return this.items.some((item) => item.playedMs < item.sentMs || !item.complete);
  }

  /** Whether audio of this item was sent and has not finished playing. */
  has(itemId: string): boolean {
    return this.items.some((item) => item.itemId === itemId);
  }

  /** Whether audio for this item must no longer be played. */
  isCut(itemId: string): boolean {
    return this.cut.has(itemId);
  }

  /**
   * The caller spoke over the assistant: the item being played stops where the caller's ears are,
   * and anything queued after it is dropped. Null when nothing was playing.
   */
  interrupt(): Interruption | null {
    const current = this.items.find((item) => item.playedMs < item.sentMs || !item.complete);
    if (!current) return null;
    for (const item of this.items.splice(0)) this.cut.add(item.itemId);
    return { itemId: current.itemId, playedMs: Math.round(current.playedMs), sentMs: Math.round(current.sentMs) };
  }

  /** Forgets the items that have fully played, and answers them in play order. */
  private settle(): string[] {
    const finished: string[] = [];
    while (this.items.length > 0 && this.items[0].complete && this.items[0].playedMs >= this.items[0].sentMs) {
      finished.push((this.items.shift() as PlayingItem).itemId);
    }
    return finished;
  }
}
