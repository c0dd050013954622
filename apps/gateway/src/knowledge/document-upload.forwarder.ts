import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { KnowledgeSubjects, type CreateDocumentsRequest, type CreateDocumentsResultDto, type RequestContext } from '@parley/contracts';
import { ServiceBus } from '@parley/platform';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config';
import { MultipartUploadReader } from '../http/multipart-upload.reader';
import { DOCUMENT_UPLOAD_FORM, documentsRequestFromForm, documentsRequestFromJson } from './document-upload.form';

/**
 * What `POST /knowledge/documents` and `POST /onboarding/knowledge` do: read the form (files
 * streamed into the transfer store) or the JSON body, and hand the sources to the knowledge
 * service, which stores them as pending documents and answers before ingesting them.
 */
@Injectable()
export class DocumentUploadForwarder {
  constructor(
    private readonly bus: ServiceBus,
    private readonly uploads: MultipartUploadReader,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async forward(req: FastifyRequest, ctx: RequestContext): Promise<CreateDocumentsResultDto> {
    if (!req.isMultipart()) return this.send(await documentsRequestFromJson(req.body), ctx);
    return this.uploads.withUploads(req, DOCUMENT_UPLOAD_FORM, async (form) => this.send(await documentsRequestFromForm(form), ctx));
  }

  private send(request: CreateDocumentsRequest, ctx: RequestContext): Promise<CreateDocumentsResultDto> {
    // The service copies every file out of the transfer store before it answers: as long as an import.
    const timeoutMs = request.files?.length ? this.config.IMPORT_TIMEOUT_MS : this.config.REQUEST_TIMEOUT_MS;
    return this.bus.send(KnowledgeSubjects.createDocuments, request, ctx, timeoutMs);
  }
}
