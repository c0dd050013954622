/**
 * Twilio numbers every message of a stream (start is 1): gaps are messages that never reached us,
 * and one numbered at or below the last seen arrived out of order.
 */
export class SequenceTracker {
  first: number | null = null;
  last: number | null = null;
  gaps = 0;
  outOfOrder = 0;

  see(sequence: number): void {
    if (sequence < 0) return;
    if (this.last === null) {
      this.first = this.last = sequence;
      return;
    }
    if (sequence <= this.last) {
      this.outOfOrder++;
      return;
    }
    this.gaps += sequence - this.last - 1;
    this.last = sequence;
  }
}
