import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { ExportLeadsQueryDto, ExportLeadsResultDto, RequestContext } from '@parley/contracts';
import { TenantDb, TransferStore } from '@parley/platform';
import { LeadEntity } from '../lead/lead.entity';
import { CopyJsonLinesToArray } from './copy-text-format';
import { leadCsvExportSql, leadJsonExportSql } from './lead-export-query';

const CONTENT_TYPES = { csv: 'text/csv; charset=utf-8', json: 'application/json' } as const;

/** leads-20250101-093000.csv (UTC). */
export function exportFilename(now: Date, format: keyof typeof CONTENT_TYPES): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `leads-${stamp}.${format}`;
}

/**
 * `GET /leads/export`: Postgres streams the tenant's filtered leads (COPY ... TO STDOUT) straight
 * into the transfer store, which the gateway streams to the client; no more than a chunk is ever
 * held in memory, whatever the size of the table.
 */
@Injectable()
export class LeadExportService {
  constructor(
    private readonly db: TenantDb,
    private readonly transfers: TransferStore,
  ) {}

  async export(query: ExportLeadsQueryDto, ctx: RequestContext): Promise<ExportLeadsResultDto> {
    const format = query.format ?? 'csv';
    const { tenantId } = this.db.repo(ctx, LeadEntity);
    const name = this.transfers.newName('lead-export');
    const runner = this.db.dataSource.createQueryRunner();
    try {
      // COPY needs the pg client itself; the runner holds one pooled connection for the whole stream.
      const client = (await runner.connect()) as PoolClient;
      const literal = (value: string) => client.escapeLiteral(value);
      let rows: number;
      if (format === 'csv') {
        const copy = client.query(copyTo(leadCsvExportSql(tenantId, query, literal)));
        await this.transfers.put(name, copy);
        rows = copy.rowCount;
      } else {
        const copy = client.query(copyTo(leadJsonExportSql(tenantId, query, literal)));
        const array = new CopyJsonLinesToArray();
        copy.on('error', (error) => array.destroy(error));
        await this.transfers.put(name, copy.pipe(array));
        rows = array.rows;
      }
      return { upload: name, content_type: CONTENT_TYPES[format], filename: exportFilename(new Date(), format), rows };
    } catch (error) {
      await this.transfers.remove(name);
      throw error;
    } finally {
      await runner.release();
    }
  }
}
