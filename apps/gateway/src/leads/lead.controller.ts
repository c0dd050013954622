import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Put, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import {
  CreateActivityDto, CreateLeadDto, ExportLeadsQueryDto, LeadFieldsDto, LeadOverviewQueryDto, LeadQueryDto, LeadsSubjects,
  PageQueryDto, PatchLeadDto, type RequestContext,
} from '@parley/contracts';
import { ServiceBus, TransferStore } from '@parley/platform';
import { RequirePermissions } from '../auth/auth.decorators';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config';
import { Caller } from '../http/request-context.decorator';
import { UuidParam } from '../http/uuid-param.pipe';
import { MultipartUploadReader } from '../http/multipart-upload.reader';
import { ApiPageQuery } from '../docs/page-query.docs';
import { importLeadsRequest, LEAD_IMPORT_FORM } from './lead-import.form';
import { ApiExportFormat, ApiLeadFilters, ApiLeadSort } from './lead-query.docs';

/** Leads, their activities, scoring of one lead, and CSV/JSON import and export. Static paths come before `:id`. */
@ApiTags('leads')
@ApiBearerAuth()
@Controller('leads')
export class LeadController {
  constructor(
    private readonly bus: ServiceBus,
    private readonly transfers: TransferStore,
    private readonly uploads: MultipartUploadReader,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Get()
  @RequirePermissions('leads:read')
  @ApiOperation({ summary: 'List leads, filtered, searched and paginated' })
  @ApiPageQuery()
  @ApiLeadFilters()
  @ApiLeadSort()
  list(@Query() query: LeadQueryDto, @Caller() ctx: RequestContext) {
    return this.bus.send(LeadsSubjects.listLeads, query, ctx);
  }

  @Post()
  @RequirePermissions('leads:write')
  @ApiOperation({ summary: 'Create a lead; it is scored at once and lead:new is pushed to the tenant' })
  @ApiBody({ type: CreateLeadDto })
  create(@Body() body: CreateLeadDto, @Caller() ctx: RequestContext) {
    return this.bus.send(LeadsSubjects.createLead, body, ctx);
  }

  @Get('stats')
  @RequirePermissions('leads:read')
  @ApiOperation({ summary: 'Counts by status and priority, average score, conversion rate' })
  stats(@Caller() ctx: RequestContext) {
    return this.bus.send(LeadsSubjects.leadStats, {}, ctx);
  }

  @Get('analytics/overview')
  @RequirePermissions('leads:read')
  @ApiOperation({ summary: 'Totals, by source, status and industry, daily series and conversion over the last days' })
  @ApiQuery({ name: 'days', required: false, type: Number, description: '1..365, default 30' })
  overview(@Query() query: LeadOverviewQueryDto, @Caller() ctx: RequestContext) {
    return this.bus.send(LeadsSubjects.leadOverview, query, ctx);
  }

  @Post('import')
  @RequirePermissions('leads:write')
  @ApiOperation({
    summary: 'Import a CSV (multipart, streamed): bad rows are reported with their line, duplicates by email or phone merged',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: { type: 'string', format: 'binary', description: 'the CSV; the header is line 1' },
        mapping: { type: 'string', description: 'JSON object: CSV header → lead field, e.g. {"E-mail": "email"}' },
        default_source: { type: 'string', description: 'source of rows that name none (default import)' },
        campaign_id: { type: 'string', format: 'uuid' },
        all_or_nothing: { type: 'string', enum: ['true', 'false'], description: 'true: one bad row rejects the whole file' },
      },
    },
  })
  import(@Req() req: FastifyRequest, @Caller() ctx: RequestContext) {
    return this.uploads.withUploads(req, LEAD_IMPORT_FORM, async (form) =>
      this.bus.send(LeadsSubjects.importLeads, await importLeadsRequest(form), ctx, this.config.IMPORT_TIMEOUT_MS),
    );
  }

  @Get('export')
  @RequirePermissions('leads:read')
  @ApiOperation({ summary: 'Download the (filtered) leads as CSV or JSON, streamed' })
  @ApiProduces('text/csv', 'application/json')
  @ApiExportFormat()
  @ApiLeadFilters()
  async export(@Query() query: ExportLeadsQueryDto, @Caller() ctx: RequestContext): Promise<StreamableFile> {
    const file = await this.bus.send(LeadsSubjects.exportLeads, query, ctx, this.config.IMPORT_TIMEOUT_MS);
    const stream = await this.transfers.open(file.upload);
    // 'close' follows both the end and an aborted download.
    stream.once('close', () => void this.transfers.remove(file.upload));
    return new StreamableFile(stream, {
      type: file.content_type,
      disposition: `attachment; filename="${file.filename.replace(/["\\\r\n]/g, '_')}"`,
    });
  }

  @Get(':id')
  @RequirePermissions('leads:read')
  get(@Param('id', UuidParam) id: string, @Caller() ctx: RequestContext) {
    return this.bus.send(LeadsSubjects.getLead, { id }, ctx);
  }

  @Put(':id')
  @RequirePermissions('leads:write')
  @ApiOperation({ summary: 'Replace every writable field (fields left out are cleared)' })
  @ApiBody({ type: LeadFieldsDto })
  replace(@Param('id', UuidParam) id: string, @Body() body: LeadFieldsDto, @Caller() ctx: RequestContext) {
    return this.bus.send(LeadsSubjects.replaceLead, { ...body, id }, ctx);
  }

  @Patch(':id')
  @RequirePermissions('leads:write')
  @ApiOperation({ summary: 'Change only the fields named; status moves must follow the lifecycle' })
  @ApiBody({ type: PatchLeadDto })
  patch(@Param('id', UuidParam) id: string, @Body() body: PatchLeadDto, @Caller() ctx: RequestContext) {
    return this.bus.send(LeadsSubjects.patchLead, { ...body, id }, ctx);
  }

  @Delete(':id')
  @RequirePermissions('leads:write')
  remove(@Param('id', UuidParam) id: string, @Caller() ctx: RequestContext) {
    return this.bus.send(LeadsSubjects.deleteLead, { id }, ctx);
  }

  @Post(':id/score')
  @HttpCode(200)
  @RequirePermissions('leads:write')
  @ApiOperation({ summary: 'Re-score the lead; answers the explained breakdown' })
  score(@Param('id', UuidParam) id: string, @Caller() ctx: RequestContext) {
    return this.bus.send(LeadsSubjects.scoreLead, { id }, ctx);
  }

  @Get(':id/activities')
  @RequirePermissions('leads:read')
  @ApiPageQuery()
  activities(@Param('id', UuidParam) id: string, @Query() query: PageQueryDto, @Caller() ctx: RequestContext) {
    return this.bus.send(LeadsSubjects.listActivities, { ...query, id }, ctx);
  }

  @Post(':id/activities')
  @RequirePermissions('leads:write')
  @ApiOperation({ summary: 'Record an activity; it feeds the lead\'s score (answered with the new score)' })
  @ApiBody({ type: CreateActivityDto })
  addActivity(@Param('id', UuidParam) id: string, @Body() body: CreateActivityDto, @Caller() ctx: RequestContext) {
    return this.bus.send(LeadsSubjects.createActivity, { ...body, id }, ctx);
  }
}
