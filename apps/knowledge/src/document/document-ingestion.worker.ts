import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { PollingLoop, TenantDb } from '@parley/platform';
import { KNOWLEDGE_CONFIG, type KnowledgeConfig } from '../knowledge.config';
import { DocumentIngester, type ClaimedDocument } from './document-ingester';

interface ClaimedRow {
  id: string;
  tenant_id: string;
  attempts: number;
}

/**
 * Ingests pending documents in the background, up to INGEST_CONCURRENCY at a time per replica.
 * Jobs live in Postgres: a document is claimed with SKIP LOCKED (each by one replica) under a
 * lease, renewed while it is worked on, so one whose worker died is picked up again when the
 * lease runs out, and an upload made while the service was down is ingested on the next boot.
 */
@Injectable()
export class DocumentIngestionWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DocumentIngestionWorker.name);
  private readonly loop: PollingLoop;

  constructor(
    private readonly db: TenantDb,
    private readonly ingester: DocumentIngester,
    @Inject(KNOWLEDGE_CONFIG) private readonly config: KnowledgeConfig,
  ) {
    this.loop = new PollingLoop({
      pass: () => this.drain(), intervalMs: config.INGEST_POLL_MS, logger: this.logger,
      failureMessage: 'document ingestion pass failed; will retry',
    });
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  /** Looks for pending documents now (new uploads call it). */
  nudge(): void {
    this.loop.nudge();
  }

  /** Claims and ingests until nothing is pending, keeping up to INGEST_CONCURRENCY documents in flight. */
  private async drain(): Promise<void> {
    const running = new Set<Promise<void>>();
    const slots = Math.max(1, this.config.INGEST_CONCURRENCY);
    try {
      while (!this.loop.stopped) {
        const claimed = running.size < slots ? await this.claim(slots - running.size) : [];
        for (const document of claimed) {
          const job: Promise<void> = this.run(document).finally(() => running.delete(job));
          running.add(job);
        }
        if (running.size === 0) return;
        // Nothing more to claim, or every slot busy: wait for a slot before looking again.
        if (claimed.length === 0 || running.size >= slots) await Promise.race(running);
      }
    } finally {
      // Also when a claim fails: the next pass must not start beside documents still in flight.
      await Promise.all(running);
    }
  }

  /** Pending documents, and processing ones whose worker's lease ran out, oldest first. */
  private async claim(limit: number): Promise<ClaimedDocument[]> {
    // Spans tenants: each claimed document is then worked on under its own tenant.
    const [rows] = (await this.db.globalManager().query(
      `UPDATE documents SET status = 'processing', attempts = attempts + 1,
              lease_until = now() + make_interval(secs => $2), updated_at = now()
        WHERE id IN (SELECT id FROM documents
                      WHERE status = 'pending' OR (status = 'processing' AND lease_until < now())
                      ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING id, tenant_id, attempts`,
      [limit, this.config.INGEST_LEASE_S],
    )) as [ClaimedRow[], number];
    return rows.map((row) => ({ id: row.id, tenantId: row.tenant_id, attempts: row.attempts }));
  }

  private async run(claim: ClaimedDocument): Promise<void> {
    const renewal = setInterval(() => {
      this.renewLease(claim).catch((error: unknown) => this.logger.warn({ err: error, document_id: claim.id }, 'lease renewal failed'));
    }, (this.config.INGEST_LEASE_S * 1000) / 3);
    try {
      await this.ingester.ingest(claim);
    } catch (error) {
      this.logger.warn({ err: error, document_id: claim.id }, 'document ingestion stopped; retried when its lease runs out');
    } finally {
      clearInterval(renewal);
    }
  }

  /** A slow document (a big crawl) keeps its lease while its worker is alive. */
  private async renewLease(claim: ClaimedDocument): Promise<void> {
    await this.db.globalManager().query(
      `UPDATE documents SET lease_until = now() + make_interval(secs => $3)
        WHERE id = $1 AND attempts = $2 AND status = 'processing'`,
      [claim.id, claim.attempts, this.config.INGEST_LEASE_S],
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }
}
