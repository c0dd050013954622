import { Controller } from '@nestjs/common';
import {
  ByIdDto, CreateDocumentsRequest, DocumentQueryDto, KnowledgeSubjects,
  type CreateDocumentsResultDto, type DocumentDto, type MessageDto, type Page, type RequestContext,
} from '@parley/contracts';
import { Ctx, Data, Handles } from '@parley/platform';
import { DocumentService } from './document.service';

@Controller()
export class DocumentHandler {
  constructor(private readonly documents: DocumentService) {}

  @Handles(KnowledgeSubjects.createDocuments, CreateDocumentsRequest)
  create(@Data() data: CreateDocumentsRequest, @Ctx() ctx: RequestContext): Promise<CreateDocumentsResultDto> {
    return this.documents.create(data, ctx);
  }

  @Handles(KnowledgeSubjects.listDocuments, DocumentQueryDto)
  list(@Data() data: DocumentQueryDto, @Ctx() ctx: RequestContext): Promise<Page<DocumentDto>> {
    return this.documents.list(data, ctx);
  }

  @Handles(KnowledgeSubjects.getDocument, ByIdDto)
  get(@Data() data: ByIdDto, @Ctx() ctx: RequestContext): Promise<DocumentDto> {
    return this.documents.get(data.id, ctx);
  }

  @Handles(KnowledgeSubjects.deleteDocument, ByIdDto)
  remove(@Data() data: ByIdDto, @Ctx() ctx: RequestContext): Promise<MessageDto> {
    return this.documents.remove(data.id, ctx);
  }
}
