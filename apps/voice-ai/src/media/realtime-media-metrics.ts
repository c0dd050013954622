import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { RealtimeMediaStats } from '@parley/contracts';
import { EventLoopDelayMonitor, LatencyHistogram } from '@parley/platform';

/**
 * Counters of the Realtime bridges and the media path's latency in an HDR histogram (nanoseconds,
 * three significant digits, no allocation per recording), the pattern of telephony's
 * MediaStreamMetrics. The event loop's delay bounds what a frame may wait before it "arrives".
 */
@Injectable()
export class RealtimeMediaMetrics implements OnApplicationShutdown {
  private readonly loopDelay = new EventLoopDelayMonitor();
  private readonly mediaPath = new LatencyHistogram();
  activeBridges = 0;
  bridgesStarted = 0;
  bridgesEnded = 0;
  framesIn = 0;
  framesSkipped = 0;
  framesDroppedIn = 0;
  framesOut = 0;
  marksSent = 0;
  marksAcked = 0;
  bargeIns = 0;
  toolCalls = 0;
  transfers = 0;
  socketFailures = 0;

  /** A caller frame reached the model socket `elapsedMs` after it arrived on NATS. */
  forwarded(elapsedMs: number): void {
    this.framesIn++;
    this.mediaPath.record(elapsedMs);
  }

  snapshot(): RealtimeMediaStats {
    return {
      active_bridges: this.activeBridges,
      bridges_started: this.bridgesStarted,
      bridges_ended: this.bridgesEnded,
      frames_in: this.framesIn,
      frames_skipped: this.framesSkipped,
      frames_dropped_in: this.framesDroppedIn,
      frames_out: this.framesOut,
      marks_sent: this.marksSent,
      marks_acked: this.marksAcked,
      barge_ins: this.bargeIns,
      tool_calls: this.toolCalls,
      transfers: this.transfers,
      socket_failures: this.socketFailures,
      media_path: this.mediaPath.summary(),
      event_loop_delay: this.loopDelay.summary(),
    };
  }

  /** Counts afresh (a benchmark leaves its warm-up out); open bridges stay counted as active. */
  reset(): void {
    this.mediaPath.reset();
    this.loopDelay.reset();
    this.bridgesStarted = this.bridgesEnded = 0;
    this.framesIn = this.framesSkipped = this.framesDroppedIn = this.framesOut = 0;
    this.marksSent = this.marksAcked = this.bargeIns = this.toolCalls = this.transfers = this.socketFailures = 0;
  }

  onApplicationShutdown(): void {
    this.loopDelay.stop();
  }
}
