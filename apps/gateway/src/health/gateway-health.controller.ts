import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { anonymousContext, healthSubject, SERVICE_NAMES, type ServiceName } from '@parley/contracts';
import { NatsConnectionHolder, ServiceBus, ServiceUnavailableException } from '@parley/platform';
import { Public } from '../auth/auth.decorators';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config';
import { SocketGateway } from '../sockets/socket.gateway';

/** Liveness, readiness (NATS and every service answering) and socket stats. */
@ApiTags('health')
@Controller()
export class GatewayHealthController {
  constructor(
    private readonly nats: NatsConnectionHolder,
    private readonly bus: ServiceBus,
    private readonly sockets: SocketGateway,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Public()
  @Get(['health', 'api/v1/health'])
  live() {
    return { status: 'ok' };
  }

  /**
   * NATS and every service answering. `?scope=self` checks only this replica (NATS), for the
   * orchestrator's probe: one service down must not take every gateway replica out of rotation.
   */
  @Public()
  @Get(['ready', 'api/v1/ready'])
  async ready(@Query('scope') scope?: string) {
    const nats = this.nats.isConnected();
    if (scope === 'self') {
      if (!nats) throw new ServiceUnavailableException('not ready', { nats: 'down' });
      return { status: 'ready', nats: 'up' };
    }
    const entries = await Promise.all(
      SERVICE_NAMES.map(async (service: ServiceName) => {
        if (!nats) return [service, 'down'] as const;
        try {
          const pong = await this.bus.send(healthSubject(service), {}, anonymousContext(randomUUID()), this.config.READY_TIMEOUT_MS);
          return [service, pong.database ? 'up' : 'degraded'] as const;
        } catch {
          return [service, 'down'] as const;
        }
      }),
    );
    const services = Object.fromEntries(entries);
    const body = { nats: nats ? 'up' : 'down', services };
    if (!nats || entries.some(([, status]) => status !== 'up')) {
      throw new ServiceUnavailableException('not ready', body);
    }
    return { status: 'ready', ...body };
  }

  @Get('api/v1/ws/stats')
  wsStats() {
    return this.sockets.stats();
  }
}
