import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { backgroundContext } from '@parley/contracts';
import { PollingLoop, TenantDb } from '@parley/platform';
import { randomUUID } from 'node:crypto';
import { KNOWLEDGE_CONFIG, type KnowledgeConfig } from '../knowledge.config';
import { chunkEmbeddingText } from './chunk-embedding-text';
import { ChunkStore } from './chunk-store';
import { Embedder } from './embedder';

interface UnembeddedChunk {
  id: string;
  tenant_id: string;
  heading: string | null;
  content: string;
}

/**
 * Gives every chunk a vector of the current model: chunks stored without one, and all of them
 * after the model changed (the first pass after boot finds those). A batch is claimed with
 * SKIP LOCKED, so replicas split the work; it commits with its vectors or not at all.
 */
@Injectable()
export class EmbeddingBackfill implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(EmbeddingBackfill.name);
  private readonly loop: PollingLoop;
  private readonly batchSize: number;

  constructor(
    private readonly db: TenantDb,
    private readonly embedder: Embedder,
    private readonly chunks: ChunkStore,
    @Inject(KNOWLEDGE_CONFIG) config: KnowledgeConfig,
  ) {
    this.batchSize = Math.max(1, config.EMBEDDINGS_BATCH_SIZE);
    // Writers nudge when they store chunks without vectors: the interval is only the safety net.
    this.loop = new PollingLoop({
      pass: () => this.embedPending(), intervalMs: config.EMBEDDINGS_BACKFILL_POLL_MS, logger: this.logger,
      failureMessage: 'embedding backfill pass failed; will retry',
    });
  }

  onApplicationBootstrap(): void {
    if (this.embedder.enabled) this.loop.start();
  }

  /** Looks for chunks to embed now (after a write that stored chunks without vectors). */
  nudge(): void {
    if (this.embedder.enabled) this.loop.nudge();
  }

  /** Embeds every pending chunk, a batch per transaction; answers how many were embedded. */
  async embedPending(): Promise<number> {
    let total = 0;
    for (;;) {
      const embedded = await this.embedBatch();
      total += embedded;
      if (embedded < this.batchSize || this.loop.stopped) return total;
    }
  }

  private embedBatch(): Promise<number> {
    // Spans tenants: every statement below names the chunk's own tenant.
    const ctx = backgroundContext(`embedding-backfill:${randomUUID()}`);
    return this.db.transaction(ctx, async (uow) => {
      const pending: UnembeddedChunk[] = await uow.manager.query(
        `SELECT id, tenant_id, heading, content FROM chunks
          WHERE embedding_model IS DISTINCT FROM $1
          LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [this.embedder.model, this.batchSize],
      );
      if (pending.length === 0) return 0;
      const vectors = await this.embedder.embed(pending.map(chunkEmbeddingText));
      // Tenants in a fixed order: two replicas bump index_state rows without deadlocking.
      const byTenant = new Map<string, number[]>();
      pending.forEach((chunk, i) => byTenant.set(chunk.tenant_id, [...(byTenant.get(chunk.tenant_id) ?? []), i]));
      for (const tenantId of [...byTenant.keys()].sort()) {
        const rows = byTenant.get(tenantId) as number[];
        await this.chunks.setEmbeddings(uow.manager, tenantId, rows.map((i) => pending[i].id), rows.map((i) => vectors[i]), this.embedder.model);
      }
      this.logger.log({ chunks: pending.length, tenants: byTenant.size, model: this.embedder.model }, 'chunks embedded');
      return pending.length;
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }
}
