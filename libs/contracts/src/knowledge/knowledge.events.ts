import type { DocumentType } from './document.dto';

export interface KnowledgeEvents {
  'knowledge.document.ready': {
    document_id: string; title: string; type: DocumentType; knowledge_base: string; category: string | null;
    chunk_count: number; page_count: number | null;
  };
  'knowledge.document.failed': { document_id: string; title: string; type: DocumentType; error: string };
}
