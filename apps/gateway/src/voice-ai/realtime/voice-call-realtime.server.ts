import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { isUUID } from 'class-validator';
import {
  ERROR_STATUS, ErrorCode, hasPermissions, VoiceAiSubjects, type AccessTokenClaims, type ConversationState, type RealtimeServerMessage,
  type RequestContext,
} from '@parley/contracts';
import { DomainException, ServiceBus } from '@parley/platform';
import { verifyAccessToken } from '../../auth/access-token';
import { GATEWAY_CONFIG, type GatewayConfig } from '../../gateway.config';
import { errorBody } from '../../http/error-body';
import { VoiceCallRealtimeSession, type RealtimeTurns } from './voice-call-realtime.session';

type UpgradeListener = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

const REALTIME_PATH = /^\/api\/v1\/voice\/calls\/([^/?#]+)\/realtime\/?(?:\?.*)?$/;
const REQUIRED_PERMISSION = 'calls:write';
/** Clients that stop answering pings are dropped after this long. */
const HEARTBEAT_MS = 30_000;
/** Close code sent to clients when the gateway shuts down ("going away"). */
const GOING_AWAY = 1001;

/** The voice call id of a realtime socket's URL, or null for any other upgrade. */
export function realtimeVoiceCallId(url: string | undefined): string | null {
  const match = url ? REALTIME_PATH.exec(url) : null;
  return match ? decodeURIComponent(match[1]) : null;
}

/**
 * `/api/v1/voice/calls/:id/realtime`: a conversation turn by turn over a WebSocket. The upgrade
 * is checked before it is accepted — the access token (`?token=` or a bearer header), the
 * `calls:write` permission, and the voice call in the caller's tenant (another tenant's is a 404) —
 * and refused with the platform's error body otherwise. Once open, each message becomes a
 * voice-ai turn (see VoiceCallRealtimeSession). Other upgrades (Socket.IO, Media Streams) pass through.
 */
@Injectable()
export class VoiceCallRealtimeServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(VoiceCallRealtimeServer.name);
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 3 * 1024 * 1024 });
  private readonly alive = new WeakSet<WebSocket>();
  private heartbeat?: NodeJS.Timeout;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly bus: ServiceBus,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter.getHttpServer() as Server;
    // Socket.IO ends upgrades it does not own; ours are taken before it sees them.
    const others = server.listeners('upgrade') as UpgradeListener[];
    server.removeAllListeners('upgrade');
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const id = realtimeVoiceCallId(req.url);
      if (id !== null) {
        void this.upgrade(id, req, socket, head);
        return;
      }
      for (const listener of others) listener.call(server, req, socket, head);
    });
    this.heartbeat = setInterval(() => this.ping(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  beforeApplicationShutdown(): void {
    clearInterval(this.heartbeat);
    for (const client of this.wss.clients) client.close(GOING_AWAY, 'server shutting down');
    this.wss.close();
  }

  private async upgrade(id: string, req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', () => socket.destroy());
    const requestId = headerValue(req.headers['x-request-id']) ?? randomUUID();
    try {
      const claims = this.authenticate(req);
      if (!isUUID(id)) throw new DomainException(ErrorCode.ValidationFailed, 'id must be a UUID', { fields: { id: ['must be a UUID'] } });
      // Each turn is a request of its own, traced under its own id.
      const ctx = (): RequestContext => contextOf(claims, req, randomUUID());
      const call = await this.bus.send(VoiceAiSubjects.getVoiceCall, { id }, contextOf(claims, req, requestId));
      if (call.status === 'ended') throw new DomainException(ErrorCode.Conflict, `voice call ${id} has ended`);
      if (socket.destroyed) return;
      this.wss.handleUpgrade(req, socket, head, (ws) => this.open(ws, id, ctx, call.conversation_state));
    } catch (error) {
      refuse(socket, error, requestId);
    }
  }

  private authenticate(req: IncomingMessage): AccessTokenClaims {
    const token = tokenOf(req);
    if (!token) throw new DomainException(ErrorCode.Unauthorized, 'missing access token: pass ?token= or an Authorization bearer header');
    const claims = verifyAccessToken(token, this.config.JWT_SECRET);
    if (!claims) throw new DomainException(ErrorCode.Unauthorized, 'invalid or expired access token');
    if (!hasPermissions(claims.perms ?? [], [REQUIRED_PERMISSION])) {
      throw new DomainException(ErrorCode.Forbidden, `missing permission: ${REQUIRED_PERMISSION}`, { required: [REQUIRED_PERMISSION] });
    }
    return claims;
  }

  private open(ws: WebSocket, id: string, ctx: () => RequestContext, state: ConversationState): void {
    const turns: RealtimeTurns = {
      respond: (input) => this.bus.send(VoiceAiSubjects.respondVoiceCall, { ...input, id }, ctx(), this.config.VOICE_TURN_TIMEOUT_MS),
      callerText: async (turn) => {
        const call = await this.bus.send(VoiceAiSubjects.getVoiceCall, { id }, ctx());
        const heard = call.transcript.filter((t) => t.speaker === 'caller' && t.turn <= turn).sort((a, b) => b.turn - a.turn)[0];
        return heard?.text ?? null;
      },
    };
    const session = new VoiceCallRealtimeSession(turns, {
      send: (message) => { if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message)); },
      close: (code, reason) => ws.close(code, reason),
    });
    this.alive.add(ws);
    ws.on('pong', () => this.alive.add(ws));
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        ws.send(JSON.stringify({ type: 'error', code: ErrorCode.BadRequest, message: 'send JSON text frames; audio goes base64 in audio_chunk' }));
        return;
      }
      session.receive(data.toString());
    });
    ws.on('close', () => session.dispose());
    ws.on('error', (error) => this.logger.debug({ err: error }, 'realtime socket error'));
    // The socket is ready: the client learns where the conversation stands before its first message.
    ws.send(JSON.stringify({ type: 'state', conversation_state: state, should_continue: true } satisfies RealtimeServerMessage));
  }

  private ping(): void {
    for (const client of this.wss.clients) {
      if (!this.alive.has(client)) {
        client.terminate();
        continue;
      }
      this.alive.delete(client);
      client.ping();
    }
  }
}

function tokenOf(req: IncomingMessage): string | null {
  const query = new URL(req.url ?? '/', 'http://gateway').searchParams.get('token');
  if (query) return query;
  const bearer = /^Bearer\s+(.+)$/i.exec(headerValue(req.headers.authorization) ?? '');
  return bearer ? bearer[1].trim() : null;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function contextOf(claims: AccessTokenClaims, req: IncomingMessage, requestId: string): RequestContext {
  return {
    request_id: requestId,
    tenant_id: claims.tid,
    user_id: claims.sub,
    roles: claims.roles ?? [],
    perms: claims.perms ?? [],
    ip: req.socket.remoteAddress,
  };
}

/** The upgrade refused with an HTTP status and the platform's error body, as a REST route would answer. */
function refuse(socket: Duplex, error: unknown, requestId: string): void {
  if (socket.destroyed) return;
  const domain = error instanceof DomainException ? error : new DomainException(ErrorCode.Internal, 'internal error');
  const body = JSON.stringify(errorBody(domain.code, domain.message, requestId, domain.details));
  const status = ERROR_STATUS[domain.code];
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nConnection: close\r\nContent-Type: application/json\r\n`
      + `Content-Length: ${Buffer.byteLength(body)}\r\nX-Request-Id: ${requestId}\r\n\r\n${body}`,
  );
}
