import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { NatsConnectionHolder } from '../nats/nats-connection';

export const HAS_DATABASE = Symbol('HAS_DATABASE');

/** Liveness and readiness of a service for its orchestrator (NATS state included). */
@Controller()
export class ServiceHealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly nats: NatsConnectionHolder,
    private readonly db: TypeOrmHealthIndicator,
    @Inject(HAS_DATABASE) private readonly hasDatabase: boolean,
  ) {}

  @Get('health')
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    const nats = async () => {
      const indicator = this.indicators.check('nats');
      return this.nats.isConnected() ? indicator.up() : indicator.down({ message: 'NATS is disconnected' });
    };
    const database = () => this.db.pingCheck('database', { timeout: 1000 });
    return this.health.check(this.hasDatabase ? [nats, database] : [nats]);
  }
}
