import { Body, Controller, Delete, Get, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AddDncDto, ComplianceSubjects, DncQueryDto, type RequestContext } from '@parley/contracts';
import { ServiceBus } from '@parley/platform';
import { RequirePermissions } from '../auth/auth.decorators';
import { ApiPageQuery } from '../docs/page-query.docs';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config';
import { MultipartUploadReader } from '../http/multipart-upload.reader';
import { Caller } from '../http/request-context.decorator';
import { ApiDncFilters } from './compliance-query.docs';
import { DNC_IMPORT_FORM, importDncRequest } from './dnc-import.form';

/** The tenant's do-not-call list; telephony refuses to dial a listed number. Static paths come before `:phone_number`. */
@ApiTags('compliance')
@ApiBearerAuth()
@Controller('compliance/dnc')
export class DncController {
  constructor(
    private readonly bus: ServiceBus,
    private readonly uploads: MultipartUploadReader,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Get()
  @RequirePermissions('compliance:read')
  @ApiOperation({ summary: 'List do-not-call numbers, newest first' })
  @ApiPageQuery()
  @ApiDncFilters()
  list(@Query() query: DncQueryDto, @Caller() ctx: RequestContext) {
    return this.bus.send(ComplianceSubjects.listDnc, query, ctx);
  }

  @Post()
  @RequirePermissions('compliance:write')
  @ApiOperation({
    summary: 'Add a number (any notation; stored in E.164)',
    description: 'Idempotent: a number already listed answers its existing entry unchanged, with already_listed: true.',
  })
  @ApiBody({ type: AddDncDto })
  add(@Body() body: AddDncDto, @Caller() ctx: RequestContext) {
    return this.bus.send(ComplianceSubjects.addDnc, body, ctx);
  }

  @Post('import')
  @RequirePermissions('compliance:write')
  @ApiOperation({
    summary: 'Add numbers from a CSV (multipart, streamed): bad rows are reported by line, listed numbers counted, not changed',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: { type: 'string', format: 'binary', description: 'a CSV whose header (line 1) has phone_number (or phone) and optionally reason' },
      },
    },
  })
  import(@Req() req: FastifyRequest, @Caller() ctx: RequestContext) {
    return this.uploads.withUploads(req, DNC_IMPORT_FORM, async (form) =>
      this.bus.send(ComplianceSubjects.importDnc, await importDncRequest(form), ctx, this.config.IMPORT_TIMEOUT_MS),
    );
  }

  @Delete(':phone_number')
  @RequirePermissions('compliance:write')
  @ApiOperation({ summary: 'Remove a number from the list; 404 when it is not listed' })
  @ApiParam({ name: 'phone_number', description: 'the number, URL-encoded (%2B12125550123 for +12125550123)' })
  remove(@Param('phone_number') phoneNumber: string, @Caller() ctx: RequestContext) {
    return this.bus.send(ComplianceSubjects.removeDnc, { phone_number: phoneNumber }, ctx);
  }
}
