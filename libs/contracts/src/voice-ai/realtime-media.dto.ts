import type { LatencySummaryDto } from '../telephony/media';

/** One voice-ai replica's Realtime bridges (phone calls on the openai provider), since it started or since the last reset. */
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
  /** How late this process's event loop ran (sampled every 10 ms): what a frame may wait before it "arrives". */
  event_loop_delay: LatencySummaryDto;
}
