import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ensureSharedExtension } from '@parley/platform';

/**
 * The knowledge service's tables. Full-text search needs no extension beyond btree_gin (a contrib
 * module every distribution ships): the GIN index leads with tenant_id so one tenant's query
 * never walks another tenant's postings. Vectors are stored portably as float32 bytes; the
 * pgvector column is added by the next migration only where the extension exists.
 */
export class CreateKnowledgeTables1767000000000 implements MigrationInterface {
  name = 'CreateKnowledgeTables1767000000000';

  async up(q: QueryRunner): Promise<void> {
    await ensureSharedExtension(q, 'btree_gin');

    await q.query(`
      CREATE TABLE documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        title text NOT NULL,
        type text NOT NULL CHECK (type IN ('pdf', 'docx', 'txt', 'md', 'html', 'website', 'faq')),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'processing', 'ready', 'failed')),
        error text,
        category text,
        knowledge_base text NOT NULL DEFAULT 'default',
        language text NOT NULL,
        source text,
        size_bytes bigint,
        page_count integer,
        chunk_count integer NOT NULL DEFAULT 0,
        metadata jsonb NOT NULL DEFAULT '{}',
        attempts integer NOT NULL DEFAULT 0,
        lease_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        processed_at timestamptz
      )`);
    await q.query(`CREATE INDEX documents_tenant ON documents (tenant_id, created_at DESC)`);
    // The ingestion worker claims across tenants, oldest first.
    await q.query(`CREATE INDEX documents_to_ingest ON documents (created_at) WHERE status IN ('pending', 'processing')`);

    // The uploaded bytes (or pasted FAQ text) until ingestion finishes: a restart loses no upload.
    await q.query(`
      CREATE TABLE document_sources (
        document_id uuid PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
        tenant_id uuid NOT NULL,
        content bytea NOT NULL
      )`);

    await q.query(`
      CREATE TABLE products (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        name text NOT NULL,
        description text,
        category text,
        price numeric(14, 2),
        currency char(3) NOT NULL DEFAULT 'USD',
        sku text,
        features jsonb NOT NULL DEFAULT '[]',
        metadata jsonb NOT NULL DEFAULT '{}',
        knowledge_base text NOT NULL DEFAULT 'default',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX products_tenant ON products (tenant_id, created_at DESC)`);
    await q.query(`CREATE UNIQUE INDEX products_tenant_sku ON products (tenant_id, sku) WHERE sku IS NOT NULL`);

    // One row per searchable passage, of a document or a product. Title, category and knowledge
    // base are copied in so a search filters and renders hits from this table alone.
    await q.query(`
      CREATE TABLE chunks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        document_id uuid REFERENCES documents (id) ON DELETE CASCADE,
        product_id uuid REFERENCES products (id) ON DELETE CASCADE,
        source_type text NOT NULL,
        title text NOT NULL,
        url text,
        category text,
        knowledge_base text NOT NULL,
        ordinal integer NOT NULL,
        heading text,
        content text NOT NULL,
        page integer,
        language regconfig NOT NULL,
        tsv tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector(language, coalesce(heading, '')), 'A') || setweight(to_tsvector(language, content), 'B')
        ) STORED,
        embedding bytea,
        embedding_model text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((document_id IS NULL) <> (product_id IS NULL))
      )`);
    await q.query(`CREATE INDEX chunks_search ON chunks USING gin (tenant_id, tsv)`);
    await q.query(`CREATE INDEX chunks_document ON chunks (document_id, ordinal)`);
    await q.query(`CREATE INDEX chunks_product ON chunks (product_id)`);
    // Chunks still to embed (new ones, or all of them after the model changed).
    await q.query(`CREATE INDEX chunks_tenant_model ON chunks (tenant_id, embedding_model)`);

    // Per tenant: a counter bumped in every transaction that changes chunks or their vectors
    // (replicas' in-memory vector caches compare it), and the languages its chunks are in.
    await q.query(`
      CREATE TABLE index_state (
        tenant_id uuid PRIMARY KEY,
        generation bigint NOT NULL DEFAULT 0,
        languages text[] NOT NULL DEFAULT '{}'
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE index_state, chunks, products, document_sources, documents`);
  }
}
