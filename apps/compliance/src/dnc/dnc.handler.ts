import { Controller } from '@nestjs/common';
import {
  AddDncDto, ComplianceSubjects, DncNumberDto, DncQueryDto, ImportDncRequest,
  type AddDncResultDto, type DncEntryDto, type ImportDncResultDto, type MessageDto, type Page, type RequestContext,
} from '@parley/contracts';
import { Ctx, Data, Handles } from '@parley/platform';
import { DncImportService } from './dnc-import.service';
import { DncService } from './dnc.service';

@Controller()
export class DncHandler {
  constructor(
    private readonly dnc: DncService,
    private readonly imports: DncImportService,
  ) {}

  @Handles(ComplianceSubjects.addDnc, AddDncDto)
  add(@Data() data: AddDncDto, @Ctx() ctx: RequestContext): Promise<AddDncResultDto> {
    return this.dnc.add(data, ctx);
  }

  @Handles(ComplianceSubjects.listDnc, DncQueryDto)
  list(@Data() data: DncQueryDto, @Ctx() ctx: RequestContext): Promise<Page<DncEntryDto>> {
    return this.dnc.list(data, ctx);
  }

  @Handles(ComplianceSubjects.removeDnc, DncNumberDto)
  remove(@Data() data: DncNumberDto, @Ctx() ctx: RequestContext): Promise<MessageDto> {
    return this.dnc.remove(data.phone_number, ctx);
  }

  /** The CSV travels through the transfer store; the gateway passes its name. */
  @Handles(ComplianceSubjects.importDnc, ImportDncRequest)
  import(@Data() data: ImportDncRequest, @Ctx() ctx: RequestContext): Promise<ImportDncResultDto> {
    return this.imports.import(data, ctx);
  }
}
