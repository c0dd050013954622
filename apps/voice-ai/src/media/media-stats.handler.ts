import { Controller } from '@nestjs/common';
import { MediaStatsRequest, VoiceAiSubjects, type RealtimeMediaStats } from '@parley/contracts';
import { Data, Handles } from '@parley/platform';
import { RealtimeMediaMetrics } from './realtime-media-metrics';

/** The answering replica's Realtime bridge counters and media-path latency; `reset` starts them afresh after answering. */
@Controller()
export class MediaStatsHandler {
  constructor(private readonly metrics: RealtimeMediaMetrics) {}

  @Handles(VoiceAiSubjects.mediaStats, MediaStatsRequest)
  stats(@Data() data: MediaStatsRequest): RealtimeMediaStats {
    const snapshot = this.metrics.snapshot();
    if (data.reset) this.metrics.reset();
    return snapshot;
  }
}
