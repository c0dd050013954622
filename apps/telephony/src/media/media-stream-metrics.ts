import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { build, type Histogram } from 'hdr-histogram-js';
import type { LatencySummaryDto, MediaStatsDto } from '@parley/contracts';

const NS_PER_MS = 1e6;
const LOOP_RESOLUTION_MS = 10;

/**
 * This process's Media Streams counters and the hand-off latency of caller frames (arrival on the
 * socket → published on NATS) in an HDR histogram: nanosecond values kept to 3 significant digits,
 * a recording costs tens of nanoseconds and no allocation. The event loop's delay is sampled too:
 * a frame that waits in the socket while the loop is busy is not yet "arrived" for the hand-off
 * clock, so the two figures together bound what a frame can wait in this process.
 */
@Injectable()
export class MediaStreamMetrics implements OnApplicationShutdown {
  private readonly loopDelay: IntervalHistogram = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  private readonly handoff: Histogram = build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000 * NS_PER_MS, numberOfSignificantValueDigits: 3 });
  activeStreams = 0;
  streamsStarted = 0;
  streamsEnded = 0;
  framesIn = 0;
  framesOut = 0;
  framesDroppedIn = 0;
  framesDroppedOut = 0;
  marksSent = 0;
  marksAcked = 0;

  constructor() {
    this.loopDelay.enable();
  }

  /** One caller frame handed on, `elapsedMs` after it arrived. */
  handedOff(elapsedMs: number): void {
    this.framesIn++;
    this.handoff.recordValue(Math.max(0, Math.round(elapsedMs * NS_PER_MS)));
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
      handoff: latencySummary(this.handoff),
      // Node records each sampling interval whole: the delay is what exceeds the resolution.
      event_loop_delay: latencySummary({
        totalCount: this.loopDelay.count,
        maxValue: Math.max(0, this.loopDelay.max - LOOP_RESOLUTION_MS * NS_PER_MS),
        getValueAtPercentile: (p) => Math.max(0, this.loopDelay.percentile(p) - LOOP_RESOLUTION_MS * NS_PER_MS),
      }),
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
