import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import type { Subscription } from 'nats';
import {
  decodeInboundFrame, encodeMarkFrame, encodeOutboundAudio, MediaFrameError, mediaFrameSubjects, type MediaStreamClaim,
  type MediaStreamClaimRequest,
} from '@parley/contracts';
import { NatsConnectionHolder } from '@parley/platform';
import { TELEPHONY_CONFIG, type TelephonyConfig } from '../../telephony.config';
import { MediaAnalysisRecorder } from '../media-analysis-recorder';
import { MulawWavWriter } from './mulaw-wav-writer';

interface EchoedStream {
  tenantId: string;
  callId: string;
  subscription: Subscription;
  outbound: string;
  echoed: number;
  marksSent: number;
  marksPlayed: number;
  lastHeardAt: number;
  recording?: Promise<MulawWavWriter | null>;
}

/**
 * A stand-in for voice-ai that proves frames flow both ways: every caller frame is published back
 * on the call's `.out` subject, a mark follows every MEDIA_ECHO_MARK_EVERY frames, and with
 * MEDIA_RECORDINGS_DIR the caller's audio is written to a WAV file, noted on the call when the
 * stream stops. It claims streams like any sink, so it can run on any replica.
 */
@Injectable()
export class EchoMediaSink implements OnApplicationShutdown {
  static readonly sinkName = 'echo';
  private readonly logger = new Logger(EchoMediaSink.name);
  private readonly streams = new Map<string, EchoedStream>();
  private readonly idleCheck: NodeJS.Timeout;

  constructor(
    @Inject(TELEPHONY_CONFIG) private readonly config: TelephonyConfig,
    private readonly nats: NatsConnectionHolder,
    private readonly analysis: MediaAnalysisRecorder,
  ) {
    this.idleCheck = setInterval(() => this.forgetIdle(), Math.max(1000, config.MEDIA_SINK_IDLE_MS / 3));
    this.idleCheck.unref();
  }

  /** Takes a stream: subscribed (and the subscription confirmed by the server) before answering. */
  async claim(tenantId: string, request: MediaStreamClaimRequest): Promise<MediaStreamClaim> {
    const key = `${tenantId}.${request.call_id}`;
    if (!this.streams.has(key)) {
      const prefix = this.config.NATS_SUBJECT_PREFIX;
      const nc = this.nats.nc;
      const stream: EchoedStream = {
        tenantId,
        callId: request.call_id,
        outbound: `${prefix}${mediaFrameSubjects.outbound(tenantId, request.call_id)}`,
        echoed: 0,
        marksSent: 0,
        marksPlayed: 0,
        lastHeardAt: Date.now(),
        subscription: nc.subscribe(`${prefix}${mediaFrameSubjects.inbound(tenantId, request.call_id)}`, {
          callback: (error, msg) => {
            if (!error) this.hear(key, msg.data);
          },
        }),
      };
      if (this.config.MEDIA_RECORDINGS_DIR) {
        const path = join(this.config.MEDIA_RECORDINGS_DIR, tenantId, `${request.call_id}.wav`);
        stream.recording = MulawWavWriter.create(path, request.sample_rate).catch((error: unknown) => {
          this.logger.error({ err: error, call_id: request.call_id }, 'cannot write the call recording');
          return null;
        });
      }
      this.streams.set(key, stream);
      await nc.flush();
    }
    return { sink: EchoMediaSink.sinkName };
  }

  /** Streams this sink holds now. */
  get activeStreams(): number {
    return this.streams.size;
  }

  private hear(key: string, data: Uint8Array): void {
    const stream = this.streams.get(key);
    if (!stream) return;
    stream.lastHeardAt = Date.now();
    let frame;
    try {
      frame = decodeInboundFrame(data);
    } catch (error) {
      if (error instanceof MediaFrameError) return;
      throw error;
    }
    const nc = this.nats.nc;
    switch (frame.kind) {
      case 'audio': {
        nc.publish(stream.outbound, encodeOutboundAudio(frame.audio));
        stream.echoed++;
        if (stream.recording) {
          const audio = Buffer.from(frame.audio);
          void stream.recording.then((writer) => writer?.append(audio));
        }
        if (stream.echoed % this.config.MEDIA_ECHO_MARK_EVERY === 0) {
          nc.publish(stream.outbound, encodeMarkFrame(`echo-${stream.echoed}`));
          stream.marksSent++;
        }
        return;
      }
      case 'mark':
        stream.marksPlayed++;
        return;
      case 'dtmf':
        return;
      case 'stop':
        void this.release(key);
        return;
    }
  }

  private async release(key: string): Promise<void> {
    const stream = this.streams.get(key);
    if (!stream) return;
    this.streams.delete(key);
    stream.subscription.unsubscribe();
    const writer = await stream.recording;
    if (!writer) return;
    try {
      const file = await writer.close();
      await this.analysis.record(stream.tenantId, stream.callId, 'media_recording', {
        file: file.path, format: 'audio/x-mulaw;rate=8000', bytes: file.bytes, duration_ms: file.durationMs,
      });
    } catch (error) {
      this.logger.error({ err: error, call_id: stream.callId }, 'finishing the call recording failed');
    }
  }

  private forgetIdle(): void {
    const before = Date.now() - this.config.MEDIA_SINK_IDLE_MS;
    for (const [key, stream] of this.streams) {
      if (stream.lastHeardAt < before) void this.release(key);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.idleCheck);
    await Promise.all([...this.streams.keys()].map((key) => this.release(key)));
  }
}
