import { Controller, Delete, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { DocumentQueryDto, KnowledgeSubjects, type RequestContext } from '@parley/contracts';
import { ServiceBus } from '@parley/platform';
import { RequirePermissions } from '../auth/auth.decorators';
import { ApiPageQuery } from '../docs/page-query.docs';
import { Caller } from '../http/request-context.decorator';
import { UuidParam } from '../http/uuid-param.pipe';
import { ApiDocumentUpload } from './document-upload.docs';
import { DocumentUploadForwarder } from './document-upload.forwarder';
import { ApiDocumentFilters } from './knowledge-query.docs';

/** Documents the AI agents answer from: files, crawled websites and FAQ text, ingested as jobs. */
@ApiTags('knowledge')
@ApiBearerAuth()
@Controller('knowledge/documents')
export class KnowledgeDocumentController {
  constructor(
    private readonly bus: ServiceBus,
    private readonly uploads: DocumentUploadForwarder,
  ) {}

  @Post()
  @HttpCode(202)
  @RequirePermissions('knowledge:write')
  @ApiDocumentUpload('Add documents: files (multipart), websites to crawl and FAQ text; ingested in the background')
  create(@Req() req: FastifyRequest, @Caller() ctx: RequestContext) {
    return this.uploads.forward(req, ctx);
  }

  @Get()
  @RequirePermissions('knowledge:read')
  @ApiPageQuery()
  @ApiDocumentFilters()
  list(@Query() query: DocumentQueryDto, @Caller() ctx: RequestContext) {
    return this.bus.send(KnowledgeSubjects.listDocuments, query, ctx);
  }

  @Get(':id')
  @RequirePermissions('knowledge:read')
  get(@Param('id', UuidParam) id: string, @Caller() ctx: RequestContext) {
    return this.bus.send(KnowledgeSubjects.getDocument, { id }, ctx);
  }

  @Delete(':id')
  @RequirePermissions('knowledge:write')
  remove(@Param('id', UuidParam) id: string, @Caller() ctx: RequestContext) {
    return this.bus.send(KnowledgeSubjects.deleteDocument, { id }, ctx);
  }
}
