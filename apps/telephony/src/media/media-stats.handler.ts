import { Controller } from '@nestjs/common';
import { MediaStatsRequest, MediaSubjects, type MediaStatsDto } from '@parley/contracts';
import { Data, Handles } from '@parley/platform';
import { MediaStreamMetrics } from './media-stream-metrics';

@Controller()
export class MediaStatsHandler {
  constructor(private readonly metrics: MediaStreamMetrics) {}

  @Handles(MediaSubjects.stats, MediaStatsRequest)
  stats(@Data() data: MediaStatsRequest): MediaStatsDto {
    const snapshot = this.metrics.snapshot();
    if (data.reset) this.metrics.reset();
    return snapshot;
  }
}
