import { Inject, Injectable } from '@nestjs/common';
import type { ImportDncRequest, ImportDncResultDto, RequestContext } from '@parley/contracts';
import { TenantDb, TransferStore } from '@parley/platform';
import type { EntityManager } from 'typeorm';
import { COMPLIANCE_CONFIG, type ComplianceConfig } from '../compliance.config';
import { DncCsvReader, type DncCsvRow } from './dnc-csv-reader';
import { DncNumberEntity } from './dnc-number.entity';

/** Rows per INSERT: two array parameters each, so no bound-parameter limit applies; this only bounds a statement's size. */
const BATCH_SIZE = 5000;

/**
 * `POST /compliance/dnc/import`: one transaction streams the uploaded CSV and inserts its valid
 * numbers batch by batch, set-based; numbers already listed (or repeated in the file) keep their
 * first entry. Any failure rolls all of it back; the upload is removed either way.
 */
@Injectable()
export class DncImportService {
  constructor(
    private readonly db: TenantDb,
    private readonly transfers: TransferStore,
    @Inject(COMPLIANCE_CONFIG) private readonly config: ComplianceConfig,
  ) {}

  async import(request: ImportDncRequest, ctx: RequestContext): Promise<ImportDncResultDto> {
    try {
      return await this.db.transaction(ctx, async (uow) => {
        const tenantId = uow.repo(DncNumberEntity).tenantId;
        const reader = new DncCsvReader(await this.transfers.open(request.upload), {
          defaultRegion: this.config.DEFAULT_PHONE_REGION,
          batchSize: BATCH_SIZE,
          maxRows: this.config.DNC_IMPORT_MAX_ROWS,
          maxErrors: this.config.DNC_IMPORT_MAX_ERRORS,
        });
        let valid = 0;
        let added = 0;
        for await (const batch of reader.batches()) {
          valid += batch.length;
          added += await insertBatch(uow.manager, tenantId, ctx.user_id, batch);
        }
        const { summary } = reader;
        const alreadyListed = valid - added;
        await uow.emit('dnc.imported', { added, already_listed: alreadyListed, failed: summary.failed });
        return {
          total_rows: summary.totalRows,
          added,
          already_listed: alreadyListed,
          failed: summary.failed,
          errors: summary.errors,
          errors_truncated: summary.errorsTruncated,
        };
      });
    } finally {
      await this.transfers.remove(request.upload);
    }
  }
}

/** Inserts a batch in one statement; answers how many numbers were new. */
async function insertBatch(manager: EntityManager, tenantId: string, actorId: string | null, batch: DncCsvRow[]): Promise<number> {
  const [{ added }]: Array<{ added: number }> = await manager.query(
    `WITH added AS (
       INSERT INTO dnc_numbers (tenant_id, phone_number, reason, source, created_by)
       SELECT $1::uuid, row.phone_number, row.reason, 'import', $2::uuid
         FROM unnest($3::text[], $4::text[]) AS row (phone_number, reason)
       ON CONFLICT (tenant_id, phone_number) DO NOTHING
       RETURNING 1
     )
     SELECT count(*)::int AS added FROM added`,
    [tenantId, actorId, batch.map((row) => row.phoneNumber), batch.map((row) => row.reason)],
  );
  return added;
}
