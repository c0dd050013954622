import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { MediaStatsDto } from '@parley/contracts';
import { EventLoopDelayMonitor, LatencyHistogram } from '@parley/platform';

/**
 * This process's Media Streams counters and the hand-off latency of caller frames (arrival on the
 * socket → published on NATS) in an HDR histogram: nanosecond values kept to 3 significant digits,
 * a recording costs tens of nanoseconds and no allocation. The event loop's delay is sampled too:
 * a frame that waits in the socket while the loop is busy is not yet "arrived" for the hand-off
 * clock, so the two figures together bound what a frame can wait in this process.
 */
@Injectable()
export class MediaStreamMetrics implements OnApplicationShutdown {
  private readonly loopDelay = new EventLoopDelayMonitor();
  private readonly handoff = new LatencyHistogram();
  activeStreams = 0;
  streamsStarted = 0;
  streamsEnded = 0;
  framesIn = 0;
  framesOut = 0;
  framesDroppedIn = 0;
  framesDroppedOut = 0;
  marksSent = 0;
  marksAcked = 0;

  /** One caller frame handed on, `elapsedMs` after it arrived. */
  handedOff(elapsedMs: number): void {
    this.framesIn++;
    this.handoff.record(elapsedMs);
  }

  snapshot(): MediaStatsDto {
    return {
      active_streams: this.activeStreams,
      streams_started: this.streamsStarted,
      streams_ended: this.streamsEnded,
      frames_in: this.framesIn,
      frames_out: this.framesOut,
      frames_dropped_in: this.framesDroppedIn,
      frames_dropped_out: this.framesDroppedOut,
      marks_sent: this.marksSent,
      marks_acked: this.marksAcked,
      handoff: this.handoff.summary(),
      event_loop_delay: this.loopDelay.summary(),
    };
  }

  /** Counts afresh; streams still open stay counted as active. */
  reset(): void {
    this.handoff.reset();
    this.loopDelay.reset();
    this.streamsStarted = this.streamsEnded = 0;
    this.framesIn = this.framesOut = this.framesDroppedIn = this.framesDroppedOut = 0;
    this.marksSent = this.marksAcked = 0;
  }

  onApplicationShutdown(): void {
    this.loopDelay.stop();
  }
}
