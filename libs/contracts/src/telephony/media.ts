import { IsBoolean, IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsString, IsUUID, Matches, Max, Min } from 'class-validator';

/**
 * Where Twilio opens a call's Media Streams WebSocket (`<Connect><Stream>`):
 * `wss://<public host>${TWILIO_MEDIA_STREAM_PATH}/<tenant_id>/<call_id>`. Twilio drops any query
 * string from a <Stream> URL, so the tenant and the call ride in the path; the path is what
 * X-Twilio-Signature signs on the upgrade request.
 */
export const TWILIO_MEDIA_STREAM_PATH = '/api/v1/telephony/twilio/media';

/** The <Stream> parameter that names the sink a stream is for; absent: the default sink (telephony's echo sink in tests and demos). */
export const MEDIA_SINK_PARAMETER = 'sink';

export const MediaSubjects = {
  /**
   * A new stream asks for a sink (voice-ai; telephony's echo sink in tests and demos). The one that
   * answers has already subscribed to the call's frames, so none is lost.
   */
  claimStream: 'media.stream.claim',
  /**
   * The same ask for streams whose TwiML named voice-ai as their sink (`<Parameter name="sink"
   * value="voice-ai">`: calls an AI agent holds on the realtime path). A stream goes to one kind of
   * sink only, so voice-ai never races another sink for a call that is not its own.
   */
  claimVoiceAiStream: 'media.stream.claim.voice-ai',
  /** The media counters and hand-off latency of the telephony replica that answers. */
  stats: 'telephony.media.stats',
} as const;

/**
 * Core NATS subjects of a call's audio (no JetStream: a late frame is worth nothing). Messages are
 * the binary frames of `media-frame.ts`, never JSON.
 *   `.in`  telephony → sink: the caller's audio, marks Twilio played, DTMF, the stream's end
 *   `.out` sink → telephony: audio to play, marks, clear
 */
export const mediaFrameSubjects = {
  inbound: (tenantId: string, callId: string) => `media.${tenantId}.${callId}.in`,
  outbound: (tenantId: string, callId: string) => `media.${tenantId}.${callId}.out`,
};

/** Twilio's Media Streams audio: G.711 μ-law, 8 kHz, mono, 20 ms (160 bytes) a frame. */
export const TWILIO_MEDIA_ENCODING = 'audio/x-mulaw';
export const TWILIO_MEDIA_SAMPLE_RATE = 8000;

/** What a sink learns of a stream when it is asked to take it. */
export class MediaStreamClaimRequest {
  @IsUUID() call_id: string;
  /** Twilio's stream id (MZ…), what every message of the stream carries. */
  @Matches(/^MZ[0-9a-fA-F]{32}$/) stream_sid: string;
  @Matches(/^CA[0-9a-fA-F]{32}$/) call_sid: string;
  @IsString() account_sid: string;
  @IsIn([TWILIO_MEDIA_ENCODING]) encoding: string;
  @IsInt() @Min(8000) @Max(48000) sample_rate: number;
  @IsInt() @Min(1) @Max(2) channels: number;
  /** The <Parameter>s of the <Stream> (Twilio's customParameters). */
  @IsObject() custom_parameters: Record<string, string>;
  @IsISO8601() started_at: string;
}

export interface MediaStreamClaim {
  /** Which sink took the stream, e.g. "echo" or "voice-ai". */
  sink: string;
}

export class MediaStatsRequest {
  /** Start counting afresh after answering (a benchmark's warm-up is left out this way). */
  @IsOptional() @IsBoolean() reset?: boolean;
}

/** Hand-off latency percentiles, in microseconds. */
export interface LatencySummaryDto {
  count: number;
  p50_us: number;
  p90_us: number;
  p99_us: number;
  p999_us: number;
  max_us: number;
}

/** One telephony replica's Media Streams, since it started (or since the last reset). */
export interface MediaStatsDto {
  active_streams: number;
  streams_started: number;
  streams_ended: number;
  frames_in: number;
  frames_out: number;
  /** Caller frames not handed on (no room while waiting for a sink, NATS refused the publish). */
  frames_dropped_in: number;
  /** Sink frames not sent to Twilio (stream gone, socket backed up). */
  frames_dropped_out: number;
  marks_sent: number;
  marks_acked: number;
  /** Time from a caller frame arriving on our socket to its publish on NATS. */
  handoff: LatencySummaryDto;
  /** How late this process's event loop ran (sampled every 10 ms): what a frame may wait in the socket before it "arrives". */
  event_loop_delay: LatencySummaryDto;
}

/** What a call's stream looked like, kept on the call (`analysis.media_stream`) when it ends. */
export interface MediaStreamSummaryDto {
  stream_sid: string;
  sink: string | null;
  started_at: string;
  ended_at: string;
  /** "stop": Twilio ended the stream; "disconnected": the socket closed without a stop; "refused": the stream was not valid. */
  ended_by: 'stop' | 'disconnected' | 'refused';
  frames_in: number;
  frames_out: number;
  frames_dropped_in: number;
  frames_dropped_out: number;
  marks_sent: number;
  marks_acked: number;
  clears_sent: number;
  dtmf_digits: string;
  first_sequence: number | null;
  last_sequence: number | null;
  /** Sequence numbers Twilio skipped (messages that never reached us). */
  sequence_gaps: number;
  out_of_order: number;
  /** The slowest hand-off of a caller frame on this stream (arrival on the socket → published), in microseconds. */
  handoff_max_us: number;
}

export interface MediaRequests {
  [MediaSubjects.claimStream]: { req: MediaStreamClaimRequest; res: MediaStreamClaim };
  [MediaSubjects.claimVoiceAiStream]: { req: MediaStreamClaimRequest; res: MediaStreamClaim };
  [MediaSubjects.stats]: { req: MediaStatsRequest; res: MediaStatsDto };
}

export * from './media-frame';
