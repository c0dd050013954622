import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { build, type Histogram } from 'hdr-histogram-js';
import type { LatencySummaryDto } from '@parley/contracts';

const NS_PER_MS = 1e6;
const LOOP_RESOLUTION_MS = 10;

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

/**
 * Latencies of a hot path in an HDR histogram: nanosecond values kept to 3 significant digits, a
 * recording costs tens of nanoseconds and no allocation, so it can sit on every media frame.
 */
export class LatencyHistogram {
  private readonly histogram: Histogram = build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000 * NS_PER_MS, numberOfSignificantValueDigits: 3 });

  record(elapsedMs: number): void {
    this.histogram.recordValue(Math.max(0, Math.round(elapsedMs * NS_PER_MS)));
  }

  summary(): LatencySummaryDto {
    return latencySummary(this.histogram);
  }

  reset(): void {
    this.histogram.reset();
  }
}

/**
 * How late this process's event loop runs (sampled every 10 ms): what a message may wait in a
 * socket before our code sees it "arrive", so it bounds what a hot-path clock cannot see.
 */
export class EventLoopDelayMonitor {
  private readonly delay: IntervalHistogram = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });

  constructor() {
    this.delay.enable();
  }

  summary(): LatencySummaryDto {
    // Node records each sampling interval whole: the delay is what exceeds the resolution.
    const beyond = (ns: number) => Math.max(0, ns - LOOP_RESOLUTION_MS * NS_PER_MS);
    return latencySummary({
      totalCount: this.delay.count,
      maxValue: beyond(this.delay.max),
      getValueAtPercentile: (p) => beyond(this.delay.percentile(p)),
    });
  }

  reset(): void {
    this.delay.reset();
  }

  stop(): void {
    this.delay.disable();
  }
}
