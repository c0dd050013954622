import { Readable } from 'node:stream';
import { KnowledgeSubjects, type DocumentDto, type RequestContext, type UploadedFileDto } from '@parley/contracts';
import { eventually } from '@parley/testing';
import type { KnowledgeHarness } from './knowledge-harness';

/** Puts a file into the transfer store as the gateway does with a multipart upload. */
export async function putUpload(svc: KnowledgeHarness, filename: string, content: Buffer | string, contentType?: string): Promise<UploadedFileDto> {
  const store = svc.bus.transfers();
  const upload = store.newName('test-document');
  await store.put(upload, Readable.from([Buffer.from(content)]));
  return { upload, filename, ...(contentType ? { content_type: contentType } : {}) };
}

/** Waits for the document's ingestion job to end, ready or failed, and answers the document. */
export function settled(svc: KnowledgeHarness, id: string, ctx: Partial<RequestContext>, timeoutMs = 20_000): Promise<DocumentDto> {
  return eventually(
    () => svc.bus.send(KnowledgeSubjects.getDocument, { id }, ctx),
    (doc) => doc.status === 'ready' || doc.status === 'failed',
    timeoutMs,
  );
}

export interface ChunkRow {
  id: string;
  document_id: string | null;
  product_id: string | null;
  source_type: string;
  title: string;
  url: string | null;
  category: string | null;
  knowledge_base: string;
  ordinal: number;
  heading: string | null;
  content: string;
  page: number | null;
  language: string;
  has_embedding: boolean;
}

/** The chunks stored for a document or product, in order. */
export function chunksOf(svc: KnowledgeHarness, owner: { documentId: string } | { productId: string }): Promise<ChunkRow[]> {
  const [column, id] = 'documentId' in owner ? ['document_id', owner.documentId] : ['product_id', owner.productId];
  return svc.sql<ChunkRow>(
    `SELECT id, document_id, product_id, source_type, title, url, category, knowledge_base, ordinal, heading, content, page,
            language::text AS language, embedding IS NOT NULL AS has_embedding
       FROM chunks WHERE ${column} = $1 ORDER BY ordinal`,
    [id],
  );
}
