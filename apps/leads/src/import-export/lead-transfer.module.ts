import { Module } from '@nestjs/common';
import { LeadExportService } from './lead-export.service';
import { LeadImportService } from './lead-import.service';
import { LeadTransferHandler } from './lead-transfer.handler';

/** Leads in and out in bulk: CSV import (COPY into staging, merge) and streamed CSV/JSON export. */
@Module({ controllers: [LeadTransferHandler], providers: [LeadImportService, LeadExportService] })
export class LeadTransferModule {}
