import { Controller } from '@nestjs/common';
import {
  ExportLeadsQueryDto, ImportLeadsRequest, LeadsSubjects,
  type ExportLeadsResultDto, type ImportLeadsResultDto, type RequestContext,
} from '@parley/contracts';
import { Ctx, Data, Handles } from '@parley/platform';
import { LeadExportService } from './lead-export.service';
import { LeadImportService } from './lead-import.service';

/** CSV import and CSV/JSON export; the files themselves travel through the transfer store. */
@Controller()
export class LeadTransferHandler {
  constructor(
    private readonly imports: LeadImportService,
    private readonly exports: LeadExportService,
  ) {}

  @Handles(LeadsSubjects.importLeads, ImportLeadsRequest)
  import(@Data() data: ImportLeadsRequest, @Ctx() ctx: RequestContext): Promise<ImportLeadsResultDto> {
    return this.imports.import(data, ctx);
  }

  @Handles(LeadsSubjects.exportLeads, ExportLeadsQueryDto)
  export(@Data() data: ExportLeadsQueryDto, @Ctx() ctx: RequestContext): Promise<ExportLeadsResultDto> {
    return this.exports.export(data, ctx);
  }
}
