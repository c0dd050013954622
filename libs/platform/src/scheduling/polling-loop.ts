import type { Logger } from '@nestjs/common';
import { RequestContextStorage } from '../context/request-context';

export interface PollingLoopOptions {
  /** One pass over the pending work; it loops itself until nothing is left for now. */
  pass: () => Promise<unknown>;
  intervalMs: number;
  /** Logged with the error when a pass fails; the next tick or nudge tries again. */
  failureMessage: string;
  logger: Pick<Logger, 'warn'>;
}

/**
 * Runs background passes on an interval and on `nudge()`. At most one pass runs at a time;
 * nudges that arrive during a pass are coalesced into one more pass right after it.
 */
export class PollingLoop {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopping = false;

  constructor(private readonly options: PollingLoopOptions) {}

  /** True once `stop()` was called: a pass that loops over batches should end early. */
  get stopped(): boolean {
    return this.stopping;
  }

  /** Starts the interval and runs a first pass now. */
  start(): void {
    if (this.stopping || this.timer) return;
    this.timer = setInterval(() => this.nudge(), this.options.intervalMs);
    this.nudge();
  }

  /** Runs a pass now, or one more right after the running one. */
  nudge(): void {
    if (this.stopping) return;
    if (this.running) {
      this.again = true;
      return;
    }
    // Background work: its log lines and events must not carry the nudging request's id.
    this.running = RequestContextStorage.exit(() => this.options.pass())
      .then(() => undefined)
      .catch((error: unknown) => this.options.logger.warn({ err: error }, this.options.failureMessage))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.nudge();
        }
      });
  }

  /** Stops the interval and nudges, and waits for the running pass to end. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
