import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/service-config';

function lockKey(schema: string): string {
  return BigInt.asIntN(64, BigInt(`0x${createHash('sha1').update(`migrate:${schema}`).digest('hex').slice(0, 16)}`)).toString();
}

/** Creates the service's schema if needed (search_path points at it before it exists). */
export async function ensureSchema(config: DatabaseConfig): Promise<void> {
  const client = new Client({ connectionString: config.DATABASE_URL });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${config.DB_SCHEMA.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
}

/** Runs pending migrations under an advisory lock, so replicas booting together migrate once. */
export async function migrate(dataSource: DataSource, schema: string): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [lockKey(schema)]);
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    return ran.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [lockKey(schema)]).catch(() => undefined);
    await runner.release();
  }
}

export async function openDataSource(options: DataSourceOptions, config: DatabaseConfig): Promise<DataSource> {
  await ensureSchema(config);
  const dataSource = await new DataSource(options).initialize();
  if (config.DB_MIGRATE_ON_BOOT) await migrate(dataSource, config.DB_SCHEMA);
  return dataSource;
}
