import { Module } from '@nestjs/common';
import { MediaClaimHandler } from './media-claim.handler';
import { MediaStatsHandler } from './media-stats.handler';
import { RealtimeBridge } from './realtime-bridge';
import { RealtimeMediaMetrics } from './realtime-media-metrics';

/**
 * Phone calls on the openai provider over Media Streams: claims the stream, bridges its μ-law
 * frames to the Realtime API and back. Needs the (global) conversation and AI settings modules.
 */
@Module({
  controllers: [MediaClaimHandler, MediaStatsHandler],
  providers: [RealtimeBridge, RealtimeMediaMetrics],
  exports: [RealtimeBridge, RealtimeMediaMetrics],
})
export class RealtimeMediaModule {}
