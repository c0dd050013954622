import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { WebSocket, WebSocketServer } from 'ws';
import type { NatsConnection } from 'nats';
import { MEDIA_SINK_PARAMETER, mediaFrameSubjects, MediaSubjects, type MediaStreamClaimRequest } from '@parley/contracts';
import { NatsConnectionHolder, ServiceBus } from '@parley/platform';
import { TELEPHONY_CONFIG, type TelephonyConfig } from '../telephony.config';
import { MediaAnalysisRecorder } from './media-analysis-recorder';
import { MediaStreamAuthenticator, twilioContext } from './media-stream-authenticator';
import { MediaStreamMetrics } from './media-stream-metrics';
import { MediaStreamSession, type MediaStreamIdentity, type MediaStreamPorts } from './media-stream-session';
import { mediaStreamTargetOf } from './media-stream-url';

/** Twilio's Media Streams messages are a few hundred bytes; nothing legitimate comes near this. */
const MAX_MESSAGE_BYTES = 64 * 1024;

/**
 * The Media Streams WebSocket endpoint, on its own port (MEDIA_PORT) so audio never crosses the
 * gateway's HTTP stack: the ingress (or, locally, the gateway piping the upgraded socket) sends
 * `/api/v1/telephony/twilio/media/<tenant>/<call>` here. A call's stream is one long-lived socket
 * that any replica can take: its frames meet their sink on the call's NATS subjects.
 */
@Injectable()
export class MediaStreamServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MediaStreamServer.name);
  private http?: Server;
  private readonly wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: MAX_MESSAGE_BYTES, clientTracking: false });
  private readonly sockets = new Map<WebSocket, MediaStreamSession>();
  private readonly publisher = new TurnBatchedPublisher(() => this.nats.nc);

  constructor(
    @Inject(TELEPHONY_CONFIG) private readonly config: TelephonyConfig,
    private readonly authenticator: MediaStreamAuthenticator,
    private readonly nats: NatsConnectionHolder,
    private readonly bus: ServiceBus,
    private readonly analysis: MediaAnalysisRecorder,
    private readonly metrics: MediaStreamMetrics,
  ) {}

  /** The port it listens on (MEDIA_PORT, or the one picked for 0); null when Media Streams are off. */
  get port(): number | null {
    const address = this.http?.address();
    return address && typeof address === 'object' ? (address as AddressInfo).port : null;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.MEDIA_STREAMS) return;
    const http = createServer((_req, res) => {
      res.writeHead(426, { 'content-type': 'text/plain', upgrade: 'websocket' });
      res.end('Media Streams speak WebSocket\n');
    });
    http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => this.upgrade(req, socket, head));
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(this.config.MEDIA_PORT, '0.0.0.0', () => resolve());
    });
    this.http = http;
    this.logger.log(`Media Streams WebSocket listening on port ${this.port}`);
  }

  async onApplicationShutdown(): Promise<void> {
    for (const [ws, session] of this.sockets) {
      session.disconnected();
      ws.terminate();
    }
    this.sockets.clear();
    const http = this.http;
    this.http = undefined;
    if (http) await new Promise<void>((resolve) => http.close(() => resolve()));
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const target = mediaStreamTargetOf(req.url);
    if (!target) return refuse(socket, 404, 'Not Found');
    const signature = req.headers['x-twilio-signature'];
    this.authenticator.verify(target, typeof signature === 'string' ? signature : undefined).then(
      (identity) => {
        if (!identity) return refuse(socket, 403, 'Forbidden');
        this.wss.handleUpgrade(req, socket, head, (ws) => this.open(ws, identity));
      },
      (error: unknown) => {
        this.logger.error({ err: error, call_id: target.callId }, 'Media Stream upgrade failed');
        refuse(socket, 503, 'Service Unavailable');
      },
    );
  }

  private open(ws: WebSocket, identity: MediaStreamIdentity): void {
    const session = new MediaStreamSession(identity, this.ports(ws, identity), this.metrics, this.config.MEDIA_MAX_PENDING_FRAMES);
    this.sockets.set(ws, session);
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      const arrivedAt = performance.now();
      if (!isBinary) session.receive(data.toString('utf8'), arrivedAt);
    });
    ws.on('close', () => {
      this.sockets.delete(ws);
      session.disconnected();
    });
    ws.on('error', (error) => this.logger.warn({ err: error, call_id: identity.callId }, 'Media Stream socket error'));
  }

  private ports(ws: WebSocket, identity: MediaStreamIdentity): MediaStreamPorts {
    const prefix = this.config.NATS_SUBJECT_PREFIX;
    const inbound = `${prefix}${mediaFrameSubjects.inbound(identity.tenantId, identity.callId)}`;
    const outbound = `${prefix}${mediaFrameSubjects.outbound(identity.tenantId, identity.callId)}`;
    const nc = this.nats.nc;
    const maxBuffered = this.config.MEDIA_MAX_BUFFERED_BYTES;
    return {
      sendToTwilio: (text) => {
        if (ws.readyState !== WebSocket.OPEN || ws.bufferedAmount > maxBuffered) return false;
        ws.send(text);
        return true;
      },
      closeSocket: (code, reason) => ws.close(code, reason),
      publishInbound: (frame, settled) => this.publisher.publish(inbound, frame, settled),
      subscribeOutbound: (onFrame) => {
        const subscription = nc.subscribe(outbound, { callback: (error, msg) => { if (!error) onFrame(msg.data); } });
        return () => subscription.unsubscribe();
      },
      claim: (request) =>
        this.bus.send(claimSubjectOf(request), request, twilioContext(identity.tenantId), this.config.MEDIA_CLAIM_TIMEOUT_MS).catch(() => null),
      finished: (summary) => {
        // Twilio closes on stop too; closing first frees the socket at once.
        if (summary.ended_by === 'stop' && ws.readyState === WebSocket.OPEN) ws.close(1000, 'stream stopped');
        this.analysis.record(identity.tenantId, identity.callId, 'media_stream', summary).catch((error: unknown) =>
          this.logger.error({ err: error, call_id: identity.callId }, 'storing the Media Stream summary failed'),
        );
        this.logger.log({ call_id: identity.callId, ...summary }, 'Media Stream ended');
      },
      warn: (message, fields) => this.logger.warn({ call_id: identity.callId, ...fields }, message),
    };
  }
}

interface QueuedPublish {
  subject: string;
  frame: Uint8Array;
  settled?: (published: boolean) => void;
}

/**
 * Caller frames that arrive in one event-loop turn (from many sockets) are published together at
 * its end: nats.js writes its buffer to the socket once per burst of publishes, so this makes one
 * socket write per turn instead of one per frame — the write calls were most of the CPU. A frame
 * waits at most for the rest of the turn's I/O, and its hand-off clock stops when it is published.
 */
class TurnBatchedPublisher {
  private queue: QueuedPublish[] = [];
  private scheduled = false;

  constructor(private readonly connection: () => NatsConnection) {}

  publish(subject: string, frame: Uint8Array, settled?: (published: boolean) => void): void {
    this.queue.push({ subject, frame, settled });
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    const nc = this.connection();
    for (const { subject, frame, settled } of batch) {
      let published = true;
      try {
        nc.publish(subject, frame);
      } catch {
        published = false;
      }
      settled?.(published);
    }
  }
}

/** Answers an upgrade request with a plain HTTP error and closes the socket: no WebSocket is opened. */
function refuse(socket: Duplex, status: number, text: string): void {
  if (socket.writable) socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  else socket.destroy();
}

/** Streams whose TwiML named voice-ai as their sink are claimed by voice-ai alone; others by the default sink. */
function claimSubjectOf(request: MediaStreamClaimRequest): typeof MediaSubjects.claimStream | typeof MediaSubjects.claimVoiceAiStream {
  return request.custom_parameters[MEDIA_SINK_PARAMETER] === 'voice-ai' ? MediaSubjects.claimVoiceAiStream : MediaSubjects.claimStream;
}
