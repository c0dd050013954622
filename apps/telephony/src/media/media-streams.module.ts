import { Module, type DynamicModule } from '@nestjs/common';
import { CallModule } from '../call/call.module';
import { TelephonySettingsModule } from '../settings/telephony-settings.module';
import type { TelephonyConfig } from '../telephony.config';
import { EchoMediaSink } from './echo-sink/echo-media-sink';
import { EchoSinkHandler } from './echo-sink/echo-sink.handler';
import { MediaAnalysisRecorder } from './media-analysis-recorder';
import { MediaStatsHandler } from './media-stats.handler';
import { MediaStreamAuthenticator } from './media-stream-authenticator';
import { MediaStreamMetrics } from './media-stream-metrics';
import { MediaStreamServer } from './media-stream-server';
import { MediaStreamUrls } from './media-stream-urls';

/** Twilio Media Streams: the WebSocket endpoint, per-call sessions, and (MEDIA_SINK=echo) the echo sink. */
@Module({})
export class MediaStreamsModule {
  static forRoot(config: Pick<TelephonyConfig, 'MEDIA_SINK'>): DynamicModule {
    const echo = config.MEDIA_SINK === 'echo';
    return {
      module: MediaStreamsModule,
      // The voice webhook (twilio/) asks MediaStreamUrls whether a call gets a stream.
      global: true,
      imports: [CallModule, TelephonySettingsModule],
      controllers: [MediaStatsHandler, ...(echo ? [EchoSinkHandler] : [])],
      providers: [
        MediaStreamMetrics, MediaStreamAuthenticator, MediaAnalysisRecorder, MediaStreamServer, MediaStreamUrls,
        ...(echo ? [EchoMediaSink] : []),
      ],
      exports: [MediaStreamUrls],
    };
  }
}
