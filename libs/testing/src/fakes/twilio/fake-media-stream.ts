import { getExpectedTwilioSignature } from 'twilio';
import { WebSocket } from 'ws';
import { callerAudioFrameBase64, FRAME_MS, silenceFrame } from './caller-audio';
import { newSid } from './twilio-wire';

/**
 * Twilio's side of a bidirectional Media Stream (<Connect><Stream>): it opens the WebSocket with a
 * signed upgrade request (X-Twilio-Signature over the wss URL, no parameters), sends `connected`
 * and `start`, then the caller's voice as μ-law `media` frames, 20 ms each; it "plays" the audio
 * our side sends back, answers each of our marks once what came before it has played (and at once
 * on `clear`, as Twilio does), and ends with `stop` when the caller hangs up.
 */

export interface FakeMediaScript {
  /**
   * 'real-time' (default): a frame every 20 ms for as long as the call lasts (the caller's voice for
   * `audioMs`, then silence), our audio played at the speed it would be heard. 'fast': time
   * compressed for tests — the caller's `audioMs` of voice sent as fast as the socket takes it, our
   * audio played the moment it arrives, and the caller hangs up once both sides have gone quiet.
   */
  pace?: 'real-time' | 'fast';
  /** How long the caller speaks (default: real-time, the whole call; fast, 1 s). */
  audioMs?: number;
  /** Fast pace: how long both sides must be quiet before the caller hangs up (default 500 ms; a loaded machine needs room). */
  quietMs?: number;
  /**
   * When the caller speaks, for barge-in tests: voice in each window (ms from the stream's start),
   * silence otherwise. Always played in real time (whatever `pace` says), and `audioMs` is ignored.
   */
  utterances?: Array<{ atMs: number; durationMs: number }>;
}

export interface FakeMediaStreamRecord {
  /** The <Stream url> (the URL signed on the upgrade request). */
  url: string;
  /** The <Parameter>s of the <Stream>, sent back in `start` as customParameters. */
  parameters: Record<string, string>;
  streamSid: string;
  /** 101 when the WebSocket opened; the HTTP status of a refused upgrade; 0 when nothing answered. */
  handshakeStatus: number;
  state: 'connecting' | 'open' | 'closed' | 'failed';
  /** Who closed it: the caller hanging up (after `stop`), or our side. */
  closedBy?: 'twilio' | 'server';
  closeCode?: number;
  framesSent: number;
  /** Audio frames our side sent, in order (μ-law bytes; empty with keepReceivedAudio: false). */
  framesReceived: Buffer[];
  /** How many audio frames our side sent. */
  audioFramesReceived: number;
  marksReceived: string[];
  /** Marks sent back to our side, in order. */
  marksAcked: string[];
  clearsReceived: number;
  /** Messages from our side that were not Media Streams messages. */
  malformed: number;
  error?: string;
}

const SILENCE_BASE64 = Buffer.from(silenceFrame()).toString('base64');

/** After its voice is sent in fast mode, the caller waits this long without a message from us, then hangs up. */
const FAST_QUIET_MS = 500;
/** Frames per burst in fast mode, between which the event loop gets a turn. */
const FAST_BURST = 50;

export interface FakeMediaStreamOptions {
  url: string;
  parameters: Record<string, string>;
  accountSid: string;
  callSid: string;
  authToken: string;
  script: FakeMediaScript;
  /** The caller hangs up (fast mode, once both sides have gone quiet). */
  onHangUp: () => void;
  /** Keep every audio frame our side sends (default true); a load test only counts them. */
  keepReceivedAudio?: boolean;
  /** A load test's clock: each caller frame as it is sent (chunk from 1), each of our audio frames as it arrives (from 1). */
  onFrameSent?: (chunk: number) => void;
  onAudioReceived?: (count: number) => void;
}

export class FakeMediaStream {
  readonly record: FakeMediaStreamRecord;
  private ws?: WebSocket;
  private sequence = 0;
  private chunk = 0;
  private timer?: NodeJS.Timeout;
  private quietTimer?: NodeJS.Timeout;
  /** When our side's audio received so far will have finished playing (performance clock). */
  private playedUntil = 0;
  private readonly pendingMarks = new Map<NodeJS.Timeout, string>();
  private resolveClosed!: () => void;
  /** Resolves when the socket has closed (or never opened). */
  readonly closed = new Promise<void>((resolve) => (this.resolveClosed = resolve));

  constructor(private readonly options: FakeMediaStreamOptions) {
    this.record = {
      url: options.url, parameters: options.parameters, streamSid: newSid('MZ'), handshakeStatus: 0, state: 'connecting',
      framesSent: 0, framesReceived: [], audioFramesReceived: 0, marksReceived: [], marksAcked: [], clearsReceived: 0, malformed: 0,
    };
  }

  private get fast(): boolean {
    return this.options.script.pace === 'fast' && !this.options.script.utterances;
  }

  open(): void {
    const { url, authToken } = this.options;
    let ws: WebSocket;
    try {
      ws = new WebSocket(url, { headers: { 'X-Twilio-Signature': getExpectedTwilioSignature(authToken, url, {}) }, perMessageDeflate: false });
    } catch (error) {
      return this.fail(error instanceof Error ? error.message : String(error));
    }
    this.ws = ws;
    ws.on('unexpected-response', (_req, res) => {
      this.record.handshakeStatus = res.statusCode ?? 0;
      res.resume();
      ws.terminate();
      this.fail(`upgrade refused with ${res.statusCode}`);
    });
    ws.on('error', (error) => this.fail(error.message));
    ws.on('open', () => {
      this.record.handshakeStatus = 101;
      this.record.state = 'open';
      this.send({ event: 'connected', protocol: 'Call', version: '1.0.0' });
      this.send({
        event: 'start',
        sequenceNumber: this.nextSequence(),
        start: {
          accountSid: this.options.accountSid, streamSid: this.record.streamSid, callSid: this.options.callSid,
          tracks: ['inbound'], customParameters: this.options.parameters,
          mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
        },
        streamSid: this.record.streamSid,
      });
      if (this.fast) this.speakFast();
      else this.speakInRealTime(performance.now());
    });
    ws.on('message', (data: Buffer) => this.hear(data.toString('utf8')));
    ws.on('close', (code) => {
      this.stopTimers();
      if (this.record.state === 'open') {
        this.record.state = 'closed';
        this.record.closeCode = code;
        this.record.closedBy ??= 'server';
      }
      this.resolveClosed();
    });
  }

  /** The caller hung up: `stop`, then the socket closes. */
  hangUp(): void {
    this.stopTimers();
    const ws = this.ws;
    if (!ws || this.record.state !== 'open') return;
    this.record.closedBy = 'twilio';
    this.send({
      event: 'stop',
      sequenceNumber: this.nextSequence(),
      streamSid: this.record.streamSid,
      stop: { accountSid: this.options.accountSid, callSid: this.options.callSid },
    });
    ws.close(1000);
  }

  /** The fake shuts down: the socket is dropped, nothing more is sent. */
  abort(): void {
    this.stopTimers();
    this.ws?.terminate();
    this.resolveClosed();
  }

  private speakInRealTime(startedAt: number): void {
    const { audioMs, utterances } = this.options.script;
    const voiceFrames = audioMs === undefined ? Infinity : Math.floor(audioMs / FRAME_MS);
    const speaking = utterances
      ? (chunk: number) => utterances.some((u) => chunk * FRAME_MS >= u.atMs && chunk * FRAME_MS < u.atMs + u.durationMs)
      : (chunk: number) => chunk < voiceFrames;
    // Scheduled against the start time, so timer lateness does not accumulate into drift.
    const tick = () => {
      const due = Math.floor((performance.now() - startedAt) / FRAME_MS) + 1;
      while (this.chunk < due && this.record.state === 'open') this.sendFrame(speaking(this.chunk) ? callerAudioFrameBase64(this.chunk) : SILENCE_BASE64);
      if (this.record.state !== 'open') return;
      this.timer = setTimeout(tick, Math.max(0, startedAt + this.chunk * FRAME_MS - performance.now()));
    };
    tick();
  }

  private speakFast(): void {
    const frames = Math.floor((this.options.script.audioMs ?? 1000) / FRAME_MS);
    const burst = () => {
      this.timer = undefined;
      const until = Math.min(frames, this.chunk + FAST_BURST);
      while (this.chunk < until && this.record.state === 'open') this.sendFrame(callerAudioFrameBase64(this.chunk));
      if (this.record.state !== 'open') return;
      if (this.chunk < frames) {
        this.timer = setTimeout(burst, 0);
        return;
      }
      this.waitForQuiet();
    };
    burst();
  }

  private waitForQuiet(): void {
    if (this.timer) return; // still speaking
    clearTimeout(this.quietTimer);
    this.quietTimer = setTimeout(() => this.options.onHangUp(), this.options.script.quietMs ?? FAST_QUIET_MS);
  }

  /** A `media` message, written out by hand: a load test sends thousands a second. */
  private sendFrame(payloadBase64: string): void {
    const chunk = ++this.chunk;
    if (this.ws?.readyState !== WebSocket.OPEN) return;
    this.ws.send(`{"event":"media","sequenceNumber":"${this.nextSequence()}","media":{"track":"inbound","chunk":"${chunk}","timestamp":"${(chunk - 1) * FRAME_MS}","payload":"${payloadBase64}"},"streamSid":"${this.record.streamSid}"}`);
    this.record.framesSent++;
    this.options.onFrameSent?.(chunk);
  }

  private hear(text: string): void {
    let message: { event?: unknown; streamSid?: unknown; media?: { payload?: unknown }; mark?: { name?: unknown } };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      this.record.malformed++;
      return;
    }
    if (message.streamSid !== this.record.streamSid) {
      this.record.malformed++;
      return;
    }
    if (this.fast && this.chunk >= Math.floor((this.options.script.audioMs ?? 1000) / FRAME_MS)) this.waitForQuiet();
    switch (message.event) {
      case 'media': {
        if (typeof message.media?.payload !== 'string') return void this.record.malformed++;
        this.record.audioFramesReceived++;
        this.options.onAudioReceived?.(this.record.audioFramesReceived);
        if (this.options.keepReceivedAudio !== false) this.record.framesReceived.push(Buffer.from(message.media.payload, 'base64'));
        const now = performance.now();
        this.playedUntil = Math.max(now, this.playedUntil) + FRAME_MS;
        return;
      }
      case 'mark': {
        if (typeof message.mark?.name !== 'string') return void this.record.malformed++;
        const name = message.mark.name;
        this.record.marksReceived.push(name);
        const wait = this.fast ? 0 : this.playedUntil - performance.now();
        if (wait <= 0) return this.ackMark(name);
        const timer = setTimeout(() => {
          this.pendingMarks.delete(timer);
          this.ackMark(name);
        }, wait);
        this.pendingMarks.set(timer, name);
        return;
      }
      case 'clear': {
        this.record.clearsReceived++;
        this.playedUntil = 0;
        // Twilio empties its buffer and sends back every mark still waiting on it.
        for (const [timer, name] of this.pendingMarks) {
          clearTimeout(timer);
          this.ackMark(name);
        }
        this.pendingMarks.clear();
        return;
      }
      default:
        this.record.malformed++;
    }
  }

  private ackMark(name: string): void {
    if (this.record.state !== 'open') return;
    this.record.marksAcked.push(name);
    this.send({ event: 'mark', sequenceNumber: this.nextSequence(), streamSid: this.record.streamSid, mark: { name } });
  }

  private send(message: object): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(message));
  }

  private nextSequence(): string {
    return String(++this.sequence);
  }

  private fail(error: string): void {
    this.stopTimers();
    if (this.record.state === 'connecting' || this.record.state === 'open') this.record.state = 'failed';
    this.record.error ??= error;
    this.resolveClosed();
  }

  private stopTimers(): void {
    clearTimeout(this.timer);
    clearTimeout(this.quietTimer);
    this.timer = undefined;
    for (const timer of this.pendingMarks.keys()) clearTimeout(timer);
    this.pendingMarks.clear();
  }
}
