import { Injectable, type OnModuleInit } from '@nestjs/common';
import { KNOWLEDGE_LANGUAGES, type KnowledgeLanguage, type KnowledgeSourceType } from '@parley/contracts';
import { TenantDb } from '@parley/platform';
import type { EntityManager } from 'typeorm';
import { encodeVector, pgvectorLiteral } from './vector-codec';

/** One chunk to store; exactly one of documentId and productId is set. */
export interface ChunkInput {
  documentId: string | null;
  productId: string | null;
  sourceType: KnowledgeSourceType;
  title: string;
  url: string | null;
  category: string | null;
  knowledgeBase: string;
  ordinal: number;
  heading: string | null;
  content: string;
  page: number | null;
  language: KnowledgeLanguage;
  embedding: Float32Array | null;
}

/**
 * Writes chunks and their vectors with set-based SQL, inside the caller's transaction, and bumps
 * the tenant's index generation in the same transaction (replicas' vector caches watch it).
 */
@Injectable()
export class ChunkStore implements OnModuleInit {
  /** True where the database has pgvector and the migration added the `vector` column. */
  private hasPgvectorColumn = false;
  private detection?: Promise<boolean>;

  constructor(private readonly db: TenantDb) {}

  async onModuleInit(): Promise<void> {
    await this.detectPgvectorColumn();
  }

  /**
   * Looks for the pgvector column once (migrations have run when the data source exists), for
   * this store and for providers that choose the vector index while the app is being built.
   */
  detectPgvectorColumn(): Promise<boolean> {
    this.detection ??= this.db
      .globalManager()
      .query(
        `SELECT 1 FROM information_schema.columns
          WHERE table_schema = current_schema() AND table_name = 'chunks' AND column_name = 'embedding_vector'`,
      )
      .then((rows: unknown[]) => (this.hasPgvectorColumn = rows.length > 0));
    return this.detection;
  }

  async insert(manager: EntityManager, tenantId: string, chunks: ChunkInput[], model: string | null): Promise<void> {
    if (chunks.length === 0) return;
    const vectors = chunks.map((c) => (c.embedding ? encodeVector(c.embedding) : null));
    const column = (pick: (c: ChunkInput) => unknown) => chunks.map(pick);
    await manager.query(
      `INSERT INTO chunks (tenant_id, document_id, product_id, source_type, title, url, category, knowledge_base,
                           ordinal, heading, content, page, language, embedding, embedding_model
                           ${this.hasPgvectorColumn ? ', embedding_vector' : ''})
       SELECT $1, t.document_id, t.product_id, t.source_type, t.title, t.url, t.category, t.knowledge_base,
              t.ordinal, t.heading, t.content, t.page, t.language::regconfig, t.embedding,
              CASE WHEN t.embedding IS NULL THEN NULL ELSE $15 END
              ${this.hasPgvectorColumn ? ', t.embedding_vector::public.vector' : ''}
         FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                     $9::int[], $10::text[], $11::text[], $12::int[], $13::text[], $14::bytea[], $16::text[])
           AS t(document_id, product_id, source_type, title, url, category, knowledge_base,
                ordinal, heading, content, page, language, embedding, embedding_vector)`,
      [
        tenantId,
        column((c) => c.documentId), column((c) => c.productId), column((c) => c.sourceType), column((c) => c.title),
        column((c) => c.url), column((c) => c.category), column((c) => c.knowledgeBase), column((c) => c.ordinal),
        column((c) => c.heading), column((c) => c.content), column((c) => c.page),
        column((c) => KNOWLEDGE_LANGUAGES[c.language]),
        vectors, model,
        this.hasPgvectorColumn ? vectors.map((v) => (v ? pgvectorLiteral(v) : null)) : vectors.map(() => null),
      ],
    );
    await this.bumpGeneration(manager, tenantId, [...new Set(chunks.map((c) => KNOWLEDGE_LANGUAGES[c.language]))]);
  }

  /** Stores vectors for existing chunks (the embedding backfill). */
  async setEmbeddings(manager: EntityManager, tenantId: string, ids: string[], vectors: Float32Array[], model: string): Promise<void> {
    if (ids.length === 0) return;
    const encoded = vectors.map((v) => encodeVector(v));
    await manager.query(
      `UPDATE chunks c SET embedding = t.embedding, embedding_model = $4
              ${this.hasPgvectorColumn ? ', embedding_vector = t.embedding_vector::public.vector' : ''}
         FROM unnest($2::uuid[], $3::bytea[], $5::text[]) AS t(id, embedding, embedding_vector)
        WHERE c.tenant_id = $1 AND c.id = t.id`,
      [tenantId, ids, encoded, model, this.hasPgvectorColumn ? encoded.map(pgvectorLiteral) : encoded.map(() => null)],
    );
    await this.bumpGeneration(manager, tenantId, []);
  }

  async deleteFor(manager: EntityManager, tenantId: string, owner: { documentId: string } | { productId: string }): Promise<void> {
    const [column, id] = 'documentId' in owner ? ['document_id', owner.documentId] : ['product_id', owner.productId];
    await manager.query(`DELETE FROM chunks WHERE tenant_id = $1 AND ${column} = $2`, [tenantId, id]);
    await this.bumpGeneration(manager, tenantId, []);
  }

  private async bumpGeneration(manager: EntityManager, tenantId: string, languages: string[]): Promise<void> {
    await manager.query(
      `INSERT INTO index_state (tenant_id, generation, languages) VALUES ($1, 1, $2::text[])
       ON CONFLICT (tenant_id) DO UPDATE
         SET generation = index_state.generation + 1,
             languages = ARRAY(SELECT DISTINCT unnest(index_state.languages || EXCLUDED.languages))`,
      [tenantId, languages],
    );
  }
}
