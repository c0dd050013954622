import { Controller, Global, Module, RequestMethod, type DynamicModule, type Provider, type Type } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { MessagePattern } from '@nestjs/microservices';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { healthSubject, type HealthPong, type ServiceName } from '@parley/contracts';
import { PLATFORM_CONFIG, type DatabaseConfig, type PlatformConfig } from './config/service-config';
import { pinoOptions } from './logging/logger-options';
import { NatsConnectionHolder } from './nats/nats-connection';
import { ServiceBus } from './nats/service-bus';
import { TransferStore } from './nats/transfer-store';
import { dataSourceOptions, type ServiceDatabase } from './database/data-source-options';
import { openDataSource } from './database/database-factory';
import { TenantDb } from './database/tenant-db';
import { OutboxRelay } from './events/outbox-relay';
import { EventConsumerHost } from './events/event-consumer-host';
import { HAS_DATABASE, ServiceHealthController } from './health/service-health.controller';

export interface PlatformOptions {
  service: ServiceName | 'gateway';
  config: PlatformConfig & Partial<DatabaseConfig>;
  /** Entities and migrations of a service that owns tables; the gateway has none. */
  database?: ServiceDatabase;
  /** Services serve /health and /ready for their orchestrator; the gateway has its own. */
  healthController?: boolean;
}

/** Answers the gateway's readiness ping on `<service>.health.ping`. */
function pingController(service: ServiceName, startedAt: number): Type {
  @Controller()
  class PingController {
    constructor(private readonly dataSource: DataSource) {}

    @MessagePattern(healthSubject(service))
    async ping(): Promise<HealthPong> {
      const database = await this.dataSource.query('SELECT 1').then(() => true, () => false);
      return { service, database, uptime_s: Math.round((Date.now() - startedAt) / 1000) };
    }
  }
  return PingController;
}

/** Everything a service shares: config, logs, NATS, the typed bus, database, outbox, consumers, health. */
@Global()
@Module({})
export class PlatformModule {
  static forService(options: PlatformOptions): DynamicModule {
    const { config, database } = options;
    const natsProvider: Provider = {
      provide: NatsConnectionHolder,
      inject: [PLATFORM_CONFIG],
      useFactory: async (cfg: PlatformConfig) => {
        const holder = new NatsConnectionHolder(cfg);
        await holder.connect();
        return holder;
      },
    };
    const providers: Provider[] = [
      { provide: PLATFORM_CONFIG, useValue: config },
      { provide: HAS_DATABASE, useValue: !!database },
      natsProvider,
      ServiceBus,
      TransferStore,
    ];
    const imports: DynamicModule['imports'] = [
      DiscoveryModule,
      TerminusModule,
      LoggerModule.forRoot({
        forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
        pinoHttp: {
          ...pinoOptions(config.SERVICE_NAME, config.LOG_LEVEL, config.LOG_PRETTY),
          autoLogging: options.service === 'gateway',
        },
      }),
    ];
    const controllers: Type[] = [];
    if (database) {
      const dbConfig = config as PlatformConfig & DatabaseConfig;
      imports.push(
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSourceOptions(dbConfig, database),
          dataSourceFactory: async () => openDataSource(dataSourceOptions(dbConfig, database), dbConfig),
        }),
      );
      providers.push(TenantDb, OutboxRelay, EventConsumerHost);
      controllers.push(pingController(options.service as ServiceName, Date.now()));
    }
    if (options.healthController !== false) controllers.push(ServiceHealthController);
    return {
      module: PlatformModule,
      imports,
      providers,
      controllers,
      exports: [PLATFORM_CONFIG, NatsConnectionHolder, ServiceBus, TransferStore, ...(database ? [TenantDb, OutboxRelay] : [])],
    };
  }
}
