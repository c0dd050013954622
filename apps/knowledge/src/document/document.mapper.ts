import type { DocumentDto } from '@parley/contracts';
import type { DocumentEntity } from './document.entity';

export function toDocumentDto(document: DocumentEntity): DocumentDto {
  return {
    id: document.id,
    title: document.title,
    type: document.type,
    status: document.status,
    error: document.error,
    category: document.category,
    knowledge_base: document.knowledgeBase,
    language: document.language,
    source: document.source,
    size_bytes: document.sizeBytes,
    page_count: document.pageCount,
    chunk_count: document.chunkCount,
    metadata: document.metadata,
    created_at: document.createdAt.toISOString(),
    updated_at: document.updatedAt.toISOString(),
    processed_at: document.processedAt?.toISOString() ?? null,
  };
}
