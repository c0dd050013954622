import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { build, type Histogram } from 'hdr-histogram-js';
import type { LatencySummaryDto } from '@parley/contracts';

const NS_PER_MS = 1e6;
const LOOP_RESOLUTION_MS = 10;

/** This process's Realtime bridges since it started (or since the last reset). */
export interface RealtimeMediaStats {
  active_bridges: number;
  bridges_started: number;
  bridges_ended: number;
  /** Caller frames written to a model socket. */
  frames_in: number;
  /** Caller frames that came before the model's session was ready (the line picking up): not sent, not in `media_path`. */
  frames_skipped: number;
  /** Caller frames lost (socket gone, too many waiting). */
  frames_dropped_in: number;
  /** Assistant audio frames (≤ 20 ms each) published to telephony. */
  frames_out: number;
  marks_sent: number;
  marks_acked: number;
  barge_ins: number;
  tool_calls: number;
  transfers: number;
  socket_failures: number;
  /** Time from a caller frame arriving on NATS to its append being written to the model's socket. */
  media_path: LatencySummaryDto;
  event_loop_delay: LatencySummaryDto;
}

/**
 * Counters of the Realtime bridges and the media path's latency in an HDR histogram (nanoseconds,
 * three significant digits, no allocation per recording), the pattern of telephony's
 * MediaStreamMetrics. The event loop's delay bounds what a frame may wait before it "arrives".
 */
@Injectable()
export class RealtimeMediaMetrics implements OnApplicationShutdown {
  private readonly loopDelay: IntervalHistogram = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  private readonly mediaPath: Histogram = build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000 * NS_PER_MS, numberOfSignificantValueDigits: 3 });
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

  constructor() {
    this.loopDelay.enable();
  }

  /** A caller frame reached the model socket `elapsedMs` after it arrived on NATS. */
  forwarded(elapsedMs: number): void {
    this.framesIn++;
    this.mediaPath.recordValue(Math.max(0, Math.round(elapsedMs * NS_PER_MS)));
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
      media_path: latencySummary(this.mediaPath),
      // Node records each sampling interval whole: the delay is what exceeds the resolution.
      event_loop_delay: latencySummary({
        totalCount: this.loopDelay.count,
        maxValue: Math.max(0, this.loopDelay.max - LOOP_RESOLUTION_MS * NS_PER_MS),
        getValueAtPercentile: (p) => Math.max(0, this.loopDelay.percentile(p) - LOOP_RESOLUTION_MS * NS_PER_MS),
      }),
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
    this.loopDelay.disable();
  }
}

type Percentiled = Pick<Histogram, 'totalCount' | 'maxValue' | 'getValueAtPercentile'>;

function latencySummary(histogram: Percentiled): LatencySummaryDto {
  const us = (ns: number) => Math.round(ns / 10) / 100;
  return {
    count: histogram.totalCount,
    p50_us: us(histogram.getValueAtPercentile(50)),
    p90_us: us(histogram.getValueAtPercentile(90)),
    p99_us: us(histogram.getValueAtPercentile(99)),
    p999_us: us(histogram.getValueAtPercentile(99.9)),
    max_us: us(histogram.maxValue),
  };
}
