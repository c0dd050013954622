import type { DataSourceOptions, EntitySchema } from 'typeorm';
import type { DatabaseConfig } from '../config/service-config';
import { SnakeNamingStrategy } from './snake-naming.strategy';
import { OutboxEventEntity } from '../events/outbox-event.entity';
import { ProcessedEventEntity } from '../events/processed-event.entity';
import { CreateEventTables1764000000000 } from '../events/1764000000000-create-event-tables';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type Classes = Array<Function | string | EntitySchema>;
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type MigrationClasses = Array<Function | string>;

export interface ServiceDatabase {
  entities: Classes;
  migrations: MigrationClasses;
}

/**
 * One schema per service, its own migrations table, never `synchronize`. Unqualified SQL in
 * migrations lands in the service's schema through the connection's search_path.
 */
export function dataSourceOptions(config: DatabaseConfig, db: ServiceDatabase): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.DATABASE_URL,
    schema: config.DB_SCHEMA,
    entities: [OutboxEventEntity, ProcessedEventEntity, ...db.entities],
    migrations: [CreateEventTables1764000000000, ...db.migrations],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // Ids come from Postgres's built-in gen_random_uuid(); never install extensions into a service schema.
    installExtensions: false,
    namingStrategy: new SnakeNamingStrategy(),
    extra: { max: config.DB_POOL_SIZE, options: `-c search_path=${config.DB_SCHEMA}` },
  };
}
