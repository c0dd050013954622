import { performance } from 'node:perf_hooks';
import {
  decodeOutboundFrame, encodeDtmfFrame, encodeInboundAudio, encodeMarkFrame, encodeStopFrame, TWILIO_MEDIA_ENCODING,
  TWILIO_MEDIA_SAMPLE_RATE, type MediaStreamClaim, type MediaStreamClaimRequest, type MediaStreamSummaryDto,
} from '@parley/contracts';
import type { MediaStreamMetrics } from './media-stream-metrics';
import { SequenceTracker } from './sequence-tracker';
import {
  clearMessage, isStreamSid, markMessage, mediaMessage, parseTwilioStreamMessage, TwilioStreamMessageError, type TwilioStreamStart,
} from './twilio-stream-message';

/** Who the stream's signed URL says it is for. */
export interface MediaStreamIdentity {
  tenantId: string;
  callId: string;
  accountSid: string;
  /** The call's CallSid as we know it (null before Twilio told us). */
  expectedCallSid: string | null;
}

/** What a session needs from the outside: the socket, the call's NATS subjects, a sink. */
export interface MediaStreamPorts {
  /** Sends a message to Twilio; false when it could not (socket closed or backed up). */
  sendToTwilio(text: string): boolean;
  closeSocket(code: number, reason: string): void;
  /**
   * Publishes on the call's `.in` subject, in order; `settled` is told when the frame was handed to
   * NATS (true) or refused (false).
   */
  publishInbound(frame: Uint8Array, settled?: (published: boolean) => void): void;
  /** Subscribes to the call's `.out` subject; answers the unsubscribe. */
  subscribeOutbound(onFrame: (frame: Uint8Array) => void): () => void;
  /** Asks for a sink; null when none answered. */
  claim(request: MediaStreamClaimRequest): Promise<MediaStreamClaim | null>;
  /** The stream is over (or was refused): its summary, to keep on the call. */
  finished(summary: MediaStreamSummaryDto): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

type State = 'awaiting-start' | 'claiming' | 'streaming' | 'ended';

interface HeldFrame {
  frame: Uint8Array;
  arrivedAt: number;
  audio: boolean;
}

/**
 * One call's Media Stream. Caller frames go to the call's `.in` subject as binary frames (their
 * base64 decoded straight into the frame); what a sink publishes on `.out` is played to Twilio.
 * Until a sink has claimed the stream (and so subscribed), caller frames wait in order, up to a limit.
 */
export class MediaStreamSession {
  private state: State = 'awaiting-start';
  private streamSid = '';
  private sink: string | null = null;
  private startedAt = new Date();
  private unsubscribe?: () => void;
  private readonly held: HeldFrame[] = [];
  private readonly sequence = new SequenceTracker();
  private readonly counts = { framesIn: 0, framesOut: 0, droppedIn: 0, droppedOut: 0, marksSent: 0, marksAcked: 0, clears: 0 };
  private dtmf = '';
  private handoffMaxMs = 0;
  private malformed = 0;

  constructor(
    readonly identity: MediaStreamIdentity,
    private readonly ports: MediaStreamPorts,
    private readonly metrics: MediaStreamMetrics,
    private readonly maxHeldFrames: number,
  ) {}

  get ended(): boolean {
    return this.state === 'ended';
  }

  /** One text message from Twilio; `arrivedAt` is performance.now() when the socket delivered it. */
  receive(text: string, arrivedAt: number): void {
    let message;
    try {
      message = parseTwilioStreamMessage(text);
    } catch (error) {
      if (!(error instanceof TwilioStreamMessageError)) throw error;
      if (this.malformed++ === 0) this.ports.warn('Twilio sent a message that is not a Media Streams message', { reason: error.message });
      return;
    }
    switch (message.event) {
      case 'media':
        this.sequence.see(message.sequence);
        return this.forward(encodeInboundAudio(message.sequence, message.timestamp, message.payload), arrivedAt, true);
      case 'mark':
        this.sequence.see(message.sequence);
        this.counts.marksAcked++;
        this.metrics.marksAcked++;
        return this.forward(encodeMarkFrame(message.name), arrivedAt, false);
      case 'dtmf':
        this.sequence.see(message.sequence);
        this.dtmf += message.digit;
        return this.forward(encodeDtmfFrame(message.digit), arrivedAt, false);
      case 'start':
        return this.start(message.start, message.sequence);
      case 'stop':
        this.sequence.see(message.sequence);
        return this.end('stop');
      case 'connected':
      case 'unknown':
        return;
    }
  }

  /** The socket closed: a stream that Twilio did not stop ends here. */
  disconnected(): void {
    this.end('disconnected');
  }

  private start(start: TwilioStreamStart, sequence: number): void {
    if (this.state !== 'awaiting-start') return;
    this.sequence.see(sequence);
    this.streamSid = isStreamSid(start.streamSid) ? start.streamSid : '';
    const problem = this.startProblem(start);
    if (problem) {
      this.ports.warn('Media Stream refused', { reason: problem, call_id: this.identity.callId });
      this.end('refused');
      this.ports.closeSocket(1008, problem);
      return;
    }
    this.state = 'claiming';
    this.startedAt = new Date();
    this.metrics.streamsStarted++;
    this.metrics.activeStreams++;
    // Subscribed before any sink hears of the stream: nothing it sends is lost.
    this.unsubscribe = this.ports.subscribeOutbound((frame) => this.play(frame));
    void this.ports
      .claim({
        call_id: this.identity.callId,
        stream_sid: start.streamSid,
        call_sid: start.callSid,
        account_sid: start.accountSid,
        encoding: start.mediaFormat.encoding,
        sample_rate: start.mediaFormat.sampleRate,
        channels: start.mediaFormat.channels,
        custom_parameters: start.customParameters,
        started_at: this.startedAt.toISOString(),
      })
      .then((claim) => {
        this.sink = claim?.sink ?? null;
        if (!claim) this.ports.warn('no sink claimed the Media Stream: caller audio goes unheard', { call_id: this.identity.callId });
        this.releaseHeld();
      });
  }

  private startProblem(start: TwilioStreamStart): string | null {
    if (!this.streamSid) return 'the start message carries no valid streamSid';
    const format = start.mediaFormat;
    if (format.encoding !== TWILIO_MEDIA_ENCODING || format.sampleRate !== TWILIO_MEDIA_SAMPLE_RATE || format.channels !== 1) {
      return `unexpected media format ${format.encoding}/${format.sampleRate}/${format.channels}`;
    }
    if (start.accountSid !== this.identity.accountSid) return 'the stream belongs to another Twilio account';
    if (this.identity.expectedCallSid && start.callSid !== this.identity.expectedCallSid) return 'the stream belongs to another call';
    const custom = start.customParameters;
    if ((custom['call_id'] && custom['call_id'] !== this.identity.callId) || (custom['tenant_id'] && custom['tenant_id'] !== this.identity.tenantId)) {
      return 'the stream\'s parameters name another call';
    }
    return null;
  }

  /** A frame for the sink: handed on now, held while the stream waits for its sink, dropped otherwise. */
  private forward(frame: Uint8Array, arrivedAt: number, audio: boolean): void {
    if (this.state === 'streaming') return this.handOff(frame, arrivedAt, audio);
    if (this.state === 'claiming' && this.held.length < this.maxHeldFrames) {
      this.held.push({ frame, arrivedAt, audio });
      return;
    }
    if (audio) this.droppedIn();
  }

  private handOff(frame: Uint8Array, arrivedAt: number, audio: boolean): void {
    if (!audio) return this.ports.publishInbound(frame);
    this.ports.publishInbound(frame, (published) => {
      if (!published) return this.droppedIn();
      const elapsedMs = performance.now() - arrivedAt;
      this.counts.framesIn++;
      this.metrics.handedOff(elapsedMs);
      if (elapsedMs > this.handoffMaxMs) this.handoffMaxMs = elapsedMs;
    });
  }

  private releaseHeld(): void {
    if (this.state !== 'claiming') return;
    this.state = 'streaming';
    this.flushHeld();
  }

  private flushHeld(): void {
    for (const held of this.held.splice(0)) this.handOff(held.frame, held.arrivedAt, held.audio);
  }

  private droppedIn(): void {
    this.counts.droppedIn++;
    this.metrics.framesDroppedIn++;
  }

  /** A frame from the sink, played to Twilio. */
  private play(frame: Uint8Array): void {
    if (this.state !== 'claiming' && this.state !== 'streaming') return;
    let decoded;
    try {
      decoded = decodeOutboundFrame(frame);
    } catch {
      return;
    }
    switch (decoded.kind) {
      case 'audio': {
        const audio = decoded.audio;
        const payload = Buffer.from(audio.buffer, audio.byteOffset, audio.byteLength).toString('base64');
        if (this.ports.sendToTwilio(mediaMessage(this.streamSid, payload))) {
          this.counts.framesOut++;
          this.metrics.framesOut++;
        } else {
          this.counts.droppedOut++;
          this.metrics.framesDroppedOut++;
        }
        return;
      }
      case 'mark':
        if (this.ports.sendToTwilio(markMessage(this.streamSid, decoded.name))) {
          this.counts.marksSent++;
          this.metrics.marksSent++;
        }
        return;
      case 'clear':
        if (this.ports.sendToTwilio(clearMessage(this.streamSid))) this.counts.clears++;
        return;
    }
  }

  private end(how: MediaStreamSummaryDto['ended_by']): void {
    const before = this.state;
    if (before === 'ended') return;
    // What waited for a sink still goes out before the stop, in order.
    if (before === 'claiming') this.flushHeld();
    this.state = 'ended';
    this.unsubscribe?.();
    if (before === 'claiming' || before === 'streaming') {
      this.metrics.activeStreams--;
      this.metrics.streamsEnded++;
      // Published after every frame before it: once it has settled, the counts are final. (Should it
      // be refused, the sink forgets the idle stream on its own.)
      this.ports.publishInbound(encodeStopFrame(), () => this.ports.finished(this.summary(how)));
      return;
    }
    // A socket that closed before any start carried no stream worth recording.
    if (how === 'refused') this.ports.finished(this.summary(how));
  }

  private summary(how: MediaStreamSummaryDto['ended_by']): MediaStreamSummaryDto {
    return {
      stream_sid: this.streamSid,
      sink: this.sink,
      started_at: this.startedAt.toISOString(),
      ended_at: new Date().toISOString(),
      ended_by: how,
      frames_in: this.counts.framesIn,
      frames_out: this.counts.framesOut,
      frames_dropped_in: this.counts.droppedIn,
      frames_dropped_out: this.counts.droppedOut,
      marks_sent: this.counts.marksSent,
      marks_acked: this.counts.marksAcked,
      clears_sent: this.counts.clears,
      dtmf_digits: this.dtmf,
      first_sequence: this.sequence.first,
      last_sequence: this.sequence.last,
      sequence_gaps: this.sequence.gaps,
      out_of_order: this.sequence.outOfOrder,
      handoff_max_us: Math.round(this.handoffMaxMs * 1000),
    };
  }
}
