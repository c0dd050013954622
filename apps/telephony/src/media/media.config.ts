import { bool, num, str } from 'envalid';

/** Media Streams settings, spread into the telephony config spec. */
export const mediaConfigSpec = {
  MEDIA_STREAMS: bool({
    default: false,
    desc: 'answer outbound calls with <Connect><Stream> and serve the Media Streams WebSocket; off: callees hear a short greeting (on once a sink such as voice-ai runs)',
  }),
  MEDIA_PORT: num({
    default: 8091,
    desc: 'port of the Media Streams WebSocket server (0: any free port); the ingress, or the gateway\'s TELEPHONY_MEDIA_URL, routes /api/v1/telephony/twilio/media/* here',
  }),
  MEDIA_SINK: str({
    choices: ['echo', 'none'],
    default: 'echo',
    desc: 'the sink telephony itself offers for streams that name none: echo (plays the caller back, proves frames flow both ways) or none (no default sink: only calls whose stream names a sink, voice-ai\'s AI calls, get a stream)',
  }),
  MEDIA_ECHO_MARK_EVERY: num({ default: 50, desc: 'the echo sink sends a mark after this many echoed frames (50 frames = 1 s)' }),
  MEDIA_RECORDINGS_DIR: str({ default: '', desc: 'the echo sink writes each call\'s inbound audio here as <tenant>/<call>.wav (μ-law 8 kHz); empty: nothing is recorded' }),
  MEDIA_CLAIM_TIMEOUT_MS: num({ default: 2000, desc: 'how long a new stream waits for a sink; caller frames wait in memory meanwhile' }),
  MEDIA_MAX_PENDING_FRAMES: num({ default: 250, desc: 'caller frames kept per stream while no sink has answered yet (250 = 5 s); more are dropped' }),
  MEDIA_MAX_BUFFERED_BYTES: num({ default: 1_048_576, desc: 'bytes waiting on a Twilio socket beyond which frames to play are dropped rather than queued' }),
  MEDIA_SINK_IDLE_MS: num({ default: 30_000, desc: 'the echo sink forgets a stream it heard nothing from for this long (its telephony replica died)' }),
};
