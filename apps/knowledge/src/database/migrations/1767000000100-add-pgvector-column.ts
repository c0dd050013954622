import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ensureSharedExtension } from '@parley/platform';

/**
 * Where the database offers pgvector (most managed Postgres does), vectors are also stored in a
 * `vector` column and ranked by the database. Elsewhere this migration does nothing and the
 * portable float32 column is ranked exactly in memory (see VECTOR_INDEX).
 */
export class AddPgvectorColumn1767000000100 implements MigrationInterface {
  name = 'AddPgvectorColumn1767000000100';

  async up(q: QueryRunner): Promise<void> {
    const available = (await q.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'vector'`)) as unknown[];
    if (available.length === 0) return;
    const schema = await ensureSharedExtension(q, 'vector');
    // No fixed dimension: the model is configuration. Ranking is an exact scan per tenant.
    await q.query(`ALTER TABLE chunks ADD COLUMN embedding_vector "${schema}".vector`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE chunks DROP COLUMN IF EXISTS embedding_vector`);
  }
}
