import type { ByIdDto, Page } from '../common/pagination';
import type { MessageDto } from '../identity/auth.dto';
import type { CreateDocumentsRequest, CreateDocumentsResultDto, DocumentDto, DocumentQueryDto } from './document.dto';
import type { CreateProductDto, ProductDto, ProductQueryDto } from './product.dto';
import type { SearchKnowledgeDto, SearchResultDto } from './search.dto';

export const KnowledgeSubjects = {
  createDocuments: 'knowledge.document.create',
  listDocuments: 'knowledge.document.list',
  getDocument: 'knowledge.document.get',
  deleteDocument: 'knowledge.document.delete',
  /** What voice-ai asks to ground an answer (scoped by filters.knowledge_base), and POST /knowledge/search. */
  search: 'knowledge.search',
  createProduct: 'knowledge.product.create',
  listProducts: 'knowledge.product.list',
  getProduct: 'knowledge.product.get',
} as const;

/** Request and response type of every knowledge subject. */
export interface KnowledgeRequests {
  [KnowledgeSubjects.createDocuments]: { req: CreateDocumentsRequest; res: CreateDocumentsResultDto };
  [KnowledgeSubjects.listDocuments]: { req: DocumentQueryDto; res: Page<DocumentDto> };
  [KnowledgeSubjects.getDocument]: { req: ByIdDto; res: DocumentDto };
  [KnowledgeSubjects.deleteDocument]: { req: ByIdDto; res: MessageDto };
  [KnowledgeSubjects.search]: { req: SearchKnowledgeDto; res: SearchResultDto };
  [KnowledgeSubjects.createProduct]: { req: CreateProductDto; res: ProductDto };
  [KnowledgeSubjects.listProducts]: { req: ProductQueryDto; res: Page<ProductDto> };
  [KnowledgeSubjects.getProduct]: { req: ByIdDto; res: ProductDto };
}
