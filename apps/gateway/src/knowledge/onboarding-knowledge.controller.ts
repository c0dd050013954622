import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { RequestContext } from '@parley/contracts';
import { RequirePermissions } from '../auth/auth.decorators';
import { Caller } from '../http/request-context.decorator';
import { ApiDocumentUpload } from './document-upload.docs';
import { DocumentUploadForwarder } from './document-upload.forwarder';

/** The onboarding wizard's knowledge step: the same as `POST /knowledge/documents`. */
@ApiTags('onboarding', 'knowledge')
@ApiBearerAuth()
@Controller('onboarding')
export class OnboardingKnowledgeController {
  constructor(private readonly uploads: DocumentUploadForwarder) {}

  @Post('knowledge')
  @HttpCode(202)
  @RequirePermissions('knowledge:write')
  @ApiDocumentUpload('Onboarding: give the AI agents their first documents, websites and FAQ (as POST /knowledge/documents)')
  create(@Req() req: FastifyRequest, @Caller() ctx: RequestContext) {
    return this.uploads.forward(req, ctx);
  }
}
