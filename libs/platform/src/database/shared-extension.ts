import type { QueryRunner } from 'typeorm';

/**
 * Creates a Postgres extension (in `public`) from a service's migration and answers the schema it
 * lives in, for qualifying its operator classes. Extensions are per database, not per schema:
 * the advisory lock serialises services and parallel test runs that create the same one.
 */
export async function ensureSharedExtension(q: QueryRunner, name: string): Promise<string> {
  await q.query(`SELECT pg_advisory_xact_lock(hashtext('parley:create-extension'))`);
  await q.query(`CREATE EXTENSION IF NOT EXISTS "${name}" WITH SCHEMA public`);
  const [{ schema }] = (await q.query(
    `SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = $1`,
    [name],
  )) as Array<{ schema: string }>;
  return schema;
}
