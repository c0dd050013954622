import { Inject, Injectable } from '@nestjs/common';
import {
  DEFAULT_KNOWLEDGE_BASE, pageOf, pageWindow,
  type CreateDocumentsRequest, type CreateDocumentsResultDto, type DocumentDto, type DocumentQueryDto, type DocumentType,
  type MessageDto, type Page, type RequestContext,
} from '@parley/contracts';
import { containsLikePattern, NotFoundException, TenantDb, ValidationException } from '@parley/platform';
import { ChunkStore } from '../index/chunk-store';
import { KNOWLEDGE_CONFIG, type KnowledgeConfig } from '../knowledge.config';
import { DocumentIngestionWorker } from './document-ingestion.worker';
import { DocumentSourceEntity } from './document-source.entity';
import { initialTitle } from './document-title';
import { DocumentEntity } from './document.entity';
import { toDocumentDto } from './document.mapper';
import { UploadedFileReader } from './uploaded-file.reader';

/** One document a request asks for, checked and ready to store. */
interface NewDocument {
  type: DocumentType;
  /** File name or URL; null for pasted FAQ text. */
  source: string | null;
  /** What the worker parses later (file bytes, FAQ text); websites are fetched then. */
  content: Buffer | null;
  sizeBytes: number | null;
}

/** Ingestion requests, and the documents they made: list, get, delete. */
@Injectable()
export class DocumentService {
  constructor(
    private readonly db: TenantDb,
    private readonly uploads: UploadedFileReader,
    private readonly chunks: ChunkStore,
    private readonly worker: DocumentIngestionWorker,
    @Inject(KNOWLEDGE_CONFIG) private readonly config: KnowledgeConfig,
  ) {}

  /**
   * Checks every source first (one bad file refuses the whole request, and nothing is stored),
   * then stores all documents as pending with their bytes in one transaction; the worker ingests them.
   */
  async create(request: CreateDocumentsRequest, ctx: RequestContext): Promise<CreateDocumentsResultDto> {
    const files = request.files ?? [];
    try {
      const planned = await this.plan(request);
      const language = request.language ?? this.config.KNOWLEDGE_DEFAULT_LANGUAGE;
      const saved = await this.db.transaction(ctx, async (uow) => {
        const rows: DocumentEntity[] = [];
        for (const doc of planned) {
          const row = await uow.repo(DocumentEntity).insert({
            type: doc.type, status: 'pending', title: initialTitle(request.title, doc.source, planned.length),
            category: request.category ?? null, knowledgeBase: request.knowledge_base ?? DEFAULT_KNOWLEDGE_BASE,
            language, source: doc.source, sizeBytes: doc.sizeBytes, metadata: {},
          });
          if (doc.content) await uow.repo(DocumentSourceEntity).insert({ documentId: row.id, content: doc.content });
          rows.push(row);
        }
        return rows;
      });
      this.worker.nudge();
      return { documents: saved.map(toDocumentDto) };
    } finally {
      await this.uploads.discard(files);
    }
  }

  private async plan(request: CreateDocumentsRequest): Promise<NewDocument[]> {
    const files = request.files ?? [];
    const websites = [...new Set(request.websites ?? [])];
    const faq = request.faq_text?.trim() ? request.faq_text : undefined;
    if (files.length === 0 && websites.length === 0 && !faq) {
      const message = 'give at least one of files, websites or faq_text';
      throw new ValidationException(message, { fields: { files: [message], websites: [message], faq_text: [message] } });
    }
    const planned: NewDocument[] = [];
    // Sequential: at most one file's stream is open at a time, and the first bad file ends the request.
    for (const file of files) {
      const accepted = await this.uploads.read(file);
      planned.push({ type: accepted.type, source: accepted.filename, content: accepted.bytes, sizeBytes: accepted.bytes.length });
    }
    for (const url of websites) planned.push({ type: 'website', source: url, content: null, sizeBytes: null });
    if (faq) {
      const content = Buffer.from(faq, 'utf8');
      planned.push({ type: 'faq', source: null, content, sizeBytes: content.length });
    }
    return planned;
  }

  async list(query: DocumentQueryDto, ctx: RequestContext): Promise<Page<DocumentDto>> {
    const qb = this.db.repo(ctx, DocumentEntity).query('d');
    if (query.status) qb.andWhere('d.status = :status', { status: query.status });
    if (query.type) qb.andWhere('d.type = :type', { type: query.type });
    // Categories match regardless of case, as in search.
    if (query.category) qb.andWhere('lower(d.category) = lower(:category)', { category: query.category });
    if (query.knowledge_base) qb.andWhere('d.knowledgeBase = :knowledgeBase', { knowledgeBase: query.knowledge_base });
    if (query.search) {
      qb.andWhere('(d.title ILIKE :pattern OR d.source ILIKE :pattern)', { pattern: containsLikePattern(query.search) });
    }
    const { skip, take } = pageWindow(query);
    const [rows, total] = await qb.orderBy('d.createdAt', 'DESC').addOrderBy('d.id').skip(skip).take(take).getManyAndCount();
    return pageOf(rows.map(toDocumentDto), total, query);
  }

  async get(id: string, ctx: RequestContext): Promise<DocumentDto> {
    return toDocumentDto(await this.db.repo(ctx, DocumentEntity).get({ id }));
  }

  /** Removes the document, its stored upload and its chunks; a worker still ingesting it drops its work. */
  async remove(id: string, ctx: RequestContext): Promise<MessageDto> {
    await this.db.transaction(ctx, async (uow) => {
      const documents = uow.repo(DocumentEntity);
      // Locked first, as the worker's final transaction does: the two never deadlock on the index state.
      const document = await documents.query('d').andWhere('d.id = :id', { id }).setLock('pessimistic_write').getOne();
      if (!document) throw new NotFoundException('document');
      await this.chunks.deleteFor(uow.manager, documents.tenantId, { documentId: id });
      await documents.delete({ id });
    });
    return { message: 'document deleted' };
  }
}
