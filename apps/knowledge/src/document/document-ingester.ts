import { Inject, Injectable, Logger } from '@nestjs/common';
import { backgroundContext, type RequestContext } from '@parley/contracts';
import { TenantDb, type UnitOfWork } from '@parley/platform';
import { chunkEmbeddingText } from '../index/chunk-embedding-text';
import { ChunkStore, type ChunkInput } from '../index/chunk-store';
import { Embedder } from '../index/embedder';
import { EmbeddingBackfill } from '../index/embedding-backfill';
import { chunkSections, type ChunkDraft } from '../ingestion/chunker';
import { DocumentExtractor, type ExtractionInput } from '../ingestion/document-extractor';
import { IngestionError, type ExtractedDocument } from '../ingestion/extracted-document';
import { KNOWLEDGE_CONFIG, type KnowledgeConfig } from '../knowledge.config';
import { DocumentSourceEntity } from './document-source.entity';
import { finalTitle } from './document-title';
import { DocumentEntity } from './document.entity';

/** A document the worker claimed; `attempts` tells at the end whether it is still this worker's. */
export interface ClaimedDocument {
  id: string;
  tenantId: string;
  attempts: number;
}

/** What parsing produced, ready to commit. */
interface IngestedContent {
  extracted: ExtractedDocument;
  drafts: ChunkDraft[];
  embeddings: Float32Array[] | null;
}

/**
 * Ingests one claimed document: parse, chunk and embed outside any transaction, then one
 * transaction stores the chunks, marks the document ready, drops its stored upload and emits
 * the event. A reason a user can act on (IngestionError) ends it failed instead.
 */
@Injectable()
export class DocumentIngester {
  private readonly logger = new Logger(DocumentIngester.name);

  constructor(
    private readonly db: TenantDb,
    private readonly extractor: DocumentExtractor,
    private readonly embedder: Embedder,
    private readonly chunks: ChunkStore,
    private readonly backfill: EmbeddingBackfill,
    @Inject(KNOWLEDGE_CONFIG) private readonly config: KnowledgeConfig,
  ) {}

  async ingest(claim: ClaimedDocument): Promise<void> {
    const ctx = workerContext(claim);
    // Attempts count claims: more than the maximum means earlier workers died on this document.
    if (claim.attempts > this.config.INGEST_MAX_ATTEMPTS) {
      return this.fail(claim, `ingestion crashed ${claim.attempts - 1} times`);
    }
    const document = await this.db.repo(ctx, DocumentEntity).findOne({ id: claim.id });
    if (!document) return;
    // Outside the parse guard: a database error here leaves the claim to be retried, not failed.
    const input = await this.inputOf(document, ctx);
    if (!input) return this.fail(claim, 'the uploaded content is no longer stored; upload it again');
    let parsed: Omit<IngestedContent, 'embeddings'>;
    try {
      parsed = await this.parse(input);
    } catch (error) {
      return this.fail(claim, this.reasonOf(error, claim));
    }
    if (parsed.drafts.length === 0) return this.fail(claim, 'no text found');
    const embeddings = await this.embed(parsed.drafts, claim);
    await this.finish(claim, { ...parsed, embeddings });
    // Stored without vectors while a provider is configured: the backfill adds them once it answers.
    if (!embeddings) this.backfill.nudge();
  }

  private async parse(input: ExtractionInput): Promise<Omit<IngestedContent, 'embeddings'>> {
    const extracted = await this.extractor.extract(input);
    const drafts = chunkSections(extracted.sections, {
      maxWords: this.config.CHUNK_MAX_WORDS, overlapWords: this.config.CHUNK_OVERLAP_WORDS,
    });
    return { extracted, drafts };
  }

  /** What the extractor reads; null when the stored upload is gone. */
  private async inputOf(document: DocumentEntity, ctx: RequestContext): Promise<ExtractionInput | null> {
    if (document.type === 'website') return document.source ? { type: 'website', url: document.source } : null;
    const source = await this.db.repo(ctx, DocumentSourceEntity).findOne({ documentId: document.id });
    if (!source) return null;
    if (document.type === 'faq') return { type: 'faq', text: source.content.toString('utf8') };
    return { type: document.type, bytes: source.content };
  }

  /** Vectors when a provider is configured; a provider failure leaves them to the backfill. */
  private async embed(drafts: ChunkDraft[], claim: ClaimedDocument): Promise<Float32Array[] | null> {
    if (!this.embedder.enabled) return null;
    try {
      return await this.embedder.embed(drafts.map(chunkEmbeddingText));
    } catch (error) {
      this.logger.warn({ err: error, document_id: claim.id }, 'embedding failed; chunks are stored without vectors for the backfill');
      return null;
    }
  }

  private reasonOf(error: unknown, claim: ClaimedDocument): string {
    if (error instanceof IngestionError) return error.message;
    // Whatever a parser threw beyond its own checks: the details stay in the log.
    this.logger.error({ err: error, document_id: claim.id }, 'document could not be parsed');
    return 'the document could not be read';
  }

  private finish(claim: ClaimedDocument, { extracted, drafts, embeddings }: IngestedContent): Promise<void> {
    return this.whileStillClaimed(claim, async (uow, document) => {
      document.title = finalTitle(document.title, document.source, extracted.title);
      await this.chunks.insert(uow.manager, claim.tenantId, drafts.map((draft, i): ChunkInput => ({
        documentId: document.id, productId: null, sourceType: document.type, title: document.title,
        url: draft.url, category: document.category, knowledgeBase: document.knowledgeBase, ordinal: draft.ordinal,
        heading: draft.heading, content: draft.content, page: draft.page, language: document.language,
        embedding: embeddings?.[i] ?? null,
      })), embeddings ? this.embedder.model : null);
      document.status = 'ready';
      document.error = null;
      document.chunkCount = drafts.length;
      document.pageCount = extracted.pageCount;
      document.metadata = { ...document.metadata, ...extracted.metadata };
      await this.close(uow, document);
      await uow.emit('knowledge.document.ready', {
        document_id: document.id, title: document.title, type: document.type, knowledge_base: document.knowledgeBase,
        category: document.category, chunk_count: document.chunkCount, page_count: document.pageCount,
      });
      this.logger.log({ document_id: document.id, chunks: drafts.length, vectors: embeddings !== null }, 'document ingested');
    });
  }

  private fail(claim: ClaimedDocument, reason: string): Promise<void> {
    return this.whileStillClaimed(claim, async (uow, document) => {
      document.status = 'failed';
      document.error = reason;
      await this.close(uow, document);
      await uow.emit('knowledge.document.failed', { document_id: document.id, title: document.title, type: document.type, error: reason });
      this.logger.warn({ document_id: document.id, reason }, 'document ingestion failed');
    });
  }

  /** Ends the job: the lease is released and the stored upload, no longer needed, is dropped. */
  private async close(uow: UnitOfWork, document: DocumentEntity): Promise<void> {
    document.processedAt = new Date();
    document.leaseUntil = null;
    await uow.repo(DocumentEntity).save(document);
    await uow.repo(DocumentSourceEntity).delete({ documentId: document.id });
  }

  /**
   * Runs `work` on the locked document only if it is still this worker's claim: deleted meanwhile,
   * or taken over by another worker after the lease ran out, the result is dropped.
   */
  private async whileStillClaimed(claim: ClaimedDocument, work: (uow: UnitOfWork, document: DocumentEntity) => Promise<void>): Promise<void> {
    await this.db.transaction(workerContext(claim), async (uow) => {
      const document = await uow.repo(DocumentEntity).query('d').andWhere('d.id = :id', { id: claim.id })
        .setLock('pessimistic_write').getOne();
      if (!document || document.status !== 'processing' || document.attempts !== claim.attempts) {
        this.logger.log({ document_id: claim.id }, 'document deleted or taken over while ingesting; result dropped');
        return;
      }
      await work(uow, document);
    });
  }
}

/** Background work acts for the document's tenant, on behalf of no user. */
function workerContext(claim: ClaimedDocument): RequestContext {
  return backgroundContext(`document-ingestion:${claim.id}:${claim.attempts}`, claim.tenantId);
}
