import type { KnowledgeLanguage, KnowledgeSourceType, RequestContext } from '@parley/contracts';
import { TenantDb } from '@parley/platform';
import { chunkEmbeddingText } from '../../src/index/chunk-embedding-text';
import { ChunkStore, type ChunkInput } from '../../src/index/chunk-store';
import { Embedder } from '../../src/index/embedder';
import { tenantCtx, type KnowledgeHarness } from './knowledge-harness';

/** A chunk for search tests; a document of type "faq" in the default knowledge base unless said. */
export interface SeedChunk {
  heading?: string;
  content: string;
  type?: KnowledgeSourceType;
  category?: string;
  knowledgeBase?: string;
  language?: KnowledgeLanguage;
}

/**
 * Stores chunks the way the document and product services do, through ChunkStore, each under a
 * document (or product) row of its own titled "<type> <index>", skipping ingestion. With `embed`
 * (by default whenever the service has an embeddings provider) the vectors come from the
 * service's own Embedder. Answers the chunk ids in order.
 */
export async function seedChunks(
  svc: KnowledgeHarness,
  tenantId: string,
  chunks: SeedChunk[],
  options: { embed?: boolean } = {},
): Promise<string[]> {
  const embedder = svc.app.get(Embedder);
  const embed = options.embed ?? embedder.enabled;
  const vectors = embed ? await embedder.embed(chunks.map((c) => chunkEmbeddingText({ heading: c.heading ?? null, content: c.content }))) : null;
  const ctx = tenantCtx({ tenant_id: tenantId }) as RequestContext;
  const owners = await svc.app.get(TenantDb).transaction(ctx, async (uow) => {
    const inputs: ChunkInput[] = [];
    for (const [ordinal, chunk] of chunks.entries()) {
      const type = chunk.type ?? 'faq';
      const title = `${type} ${ordinal}`;
      const category = chunk.category ?? null;
      const knowledgeBase = chunk.knowledgeBase ?? 'default';
      const [owner]: Array<{ id: string }> = type === 'product'
        ? await uow.manager.query(`INSERT INTO products (tenant_id, name) VALUES ($1, $2) RETURNING id`, [tenantId, title])
        : await uow.manager.query(
          `INSERT INTO documents (tenant_id, title, type, status, language, category, knowledge_base)
           VALUES ($1, $2, $3, 'ready', 'en', $4, $5) RETURNING id`,
          [tenantId, title, type, category, knowledgeBase],
        );
      inputs.push({
        documentId: type === 'product' ? null : owner.id, productId: type === 'product' ? owner.id : null,
        sourceType: type, title, url: null, category, knowledgeBase, ordinal, heading: chunk.heading ?? null,
        content: chunk.content, page: null, language: chunk.language ?? 'en', embedding: vectors?.[ordinal] ?? null,
      });
    }
    await svc.app.get(ChunkStore).insert(uow.manager, tenantId, inputs, vectors ? embedder.model : null);
    return inputs.map((input) => (input.documentId ?? input.productId) as string);
  });
  const rows = await svc.sql<{ id: string; owner: string }>(
    `SELECT id, coalesce(document_id, product_id) AS owner FROM chunks WHERE coalesce(document_id, product_id) = ANY($1::uuid[])`,
    [owners],
  );
  const byOwner = new Map(rows.map((r) => [r.owner, r.id]));
  return owners.map((owner) => byOwner.get(owner) as string);
}
