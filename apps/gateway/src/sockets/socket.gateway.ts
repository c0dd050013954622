import { Inject, Logger, type OnApplicationShutdown } from '@nestjs/common';
import {
  ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway, WebSocketServer,
  type OnGatewayConnection, type OnGatewayInit,
} from '@nestjs/websockets';
import { JSONCodec, type Subscription } from 'nats';
import { randomUUID } from 'node:crypto';
import type { Server, Socket } from 'socket.io';
import {
  socketRooms, type AccessTokenClaims, type ClientToServerEvents, type ServerToClientEvents, type SubscribeRequest, type WsStats,
} from '@parley/contracts';
import { NatsConnectionHolder, PLATFORM_CONFIG, type PlatformConfig } from '@parley/platform';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config';
import { verifyAccessToken } from '../auth/access-token';
import type { SocketDelivery } from './socket-routes';

type ParleySocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, { claims: AccessTokenClaims; connectedAt: number }>;

interface SessionClaim { user_id: string; socket_id: string; replica: string }
const claimCodec = JSONCodec<SessionClaim>();

/**
 * Socket.IO for dashboards: JWT at the handshake, rooms per tenant, user and call, and
 * the newest connection of a user replacing older ones on every replica.
 */
@WebSocketGateway({ path: '/socket.io', cors: { origin: true }, transports: ['websocket', 'polling'] })
export class SocketGateway implements OnGatewayInit, OnGatewayConnection, OnApplicationShutdown {
  private readonly logger = new Logger(SocketGateway.name);
  private readonly replica = randomUUID();
  private claims?: Subscription;

  @WebSocketServer()
  server: Server<ClientToServerEvents, ServerToClientEvents>;

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(PLATFORM_CONFIG) private readonly platform: PlatformConfig,
    private readonly nats: NatsConnectionHolder,
  ) {}

  private get claimSubject(): string {
    return `${this.platform.NATS_SUBJECT_PREFIX}gateway.socket.claimed`;
  }

  afterInit(server: Server): void {
    server.use((socket, next) => {
      const auth = socket.handshake.auth as { token?: unknown } | undefined;
      const token = typeof auth?.token === 'string' ? auth.token : socket.handshake.query['token'];
      if (typeof token !== 'string' || token.length === 0) return next(new Error('UNAUTHORIZED: missing token'));
      const claims = verifyAccessToken(token, this.config.JWT_SECRET);
      if (!claims) return next(new Error('UNAUTHORIZED: invalid token'));
      (socket as ParleySocket).data.claims = claims;
      (socket as ParleySocket).data.connectedAt = Date.now();
      next();
    });
    // Another replica accepted a newer connection of one of our users.
    this.claims = this.nats.nc.subscribe(this.claimSubject, {
      callback: (error, msg) => {
        if (error) return;
        const claim = claimCodec.decode(msg.data);
        if (claim.replica !== this.replica) this.enforceLimit(claim.user_id, claim.socket_id);
      },
    });
  }

  async handleConnection(socket: ParleySocket): Promise<void> {
    const { claims } = socket.data;
    await socket.join([socketRooms.tenant(claims.tid), socketRooms.user(claims.sub)]);
    this.enforceLimit(claims.sub, socket.id);
    this.nats.nc.publish(this.claimSubject, claimCodec.encode({ user_id: claims.sub, socket_id: socket.id, replica: this.replica }));
  }

  /** Keeps the newest WS_MAX_CONNECTIONS_PER_USER connections of a user; `newest` was just accepted. */
  private enforceLimit(userId: string, newest: string): void {
    const max = this.config.WS_MAX_CONNECTIONS_PER_USER;
    if (max <= 0 || !this.server) return;
    const sockets = [...this.server.of('/').sockets.values()] as ParleySocket[];
    const mine = sockets
      .filter((s) => s.data.claims?.sub === userId && s.id !== newest)
      .sort((a, b) => b.data.connectedAt - a.data.connectedAt);
    // `newest` (here or on another replica) is one of the kept connections.
    const keep = max - 1;
    for (const old of mine.slice(keep)) {
      old.emit('session:replaced', { reason: 'a newer connection of this user was opened' });
      old.disconnect(true);
    }
  }

  @SubscribeMessage('subscribe')
  async subscribe(@ConnectedSocket() socket: ParleySocket, @MessageBody() body: SubscribeRequest) {
    const room = this.roomFor(socket, body);
    if (!room) return { ok: false, error: 'type must be "all_calls", or "call" with a call_id' };
    await socket.join(room);
    return { ok: true, room };
  }

  @SubscribeMessage('unsubscribe')
  async unsubscribe(@ConnectedSocket() socket: ParleySocket, @MessageBody() body: SubscribeRequest) {
    const room = this.roomFor(socket, body);
    if (!room) return { ok: false, error: 'type must be "all_calls", or "call" with a call_id' };
    await socket.leave(room);
    return { ok: true, room };
  }

  private roomFor(socket: ParleySocket, body: SubscribeRequest | undefined): string | null {
    const tenant = socket.data.claims.tid;
    if (body?.type === 'all_calls') return socketRooms.allCalls(tenant);
    if (body?.type === 'call' && typeof body.call_id === 'string' && /^[0-9a-f-]{36}$/i.test(body.call_id)) {
      return socketRooms.call(tenant, body.call_id);
    }
    return null;
  }

  deliver(delivery: SocketDelivery): void {
    if (!this.server) return;
    this.server.to(delivery.rooms).emit(delivery.event, delivery.payload as never);
  }

  stats(): WsStats {
    const sockets = this.server ? ([...this.server.of('/').sockets.values()] as ParleySocket[]) : [];
    const users = new Set<string>();
    const byTenant: Record<string, number> = {};
    for (const s of sockets) {
      users.add(s.data.claims.sub);
      byTenant[s.data.claims.tid] = (byTenant[s.data.claims.tid] ?? 0) + 1;
    }
    return { total_connections: sockets.length, active_users: users.size, connections_by_tenant: byTenant };
  }

  onApplicationShutdown(): void {
    this.claims?.unsubscribe();
    this.logger.debug('socket gateway stopped');
  }
}
