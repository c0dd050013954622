import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { ImportLeadsRequest, ImportLeadsResultDto, RequestContext, ScoreWeights } from '@parley/contracts';
import { ConflictException, isUniqueViolation, TenantDb, TransferStore, ValidationException } from '@parley/platform';
import { CampaignEntity } from '../campaign/campaign.entity';
import { LEADS_CONFIG, type LeadsConfig } from '../leads.config';
import { DEFAULT_SCORE_WEIGHTS } from '../scoring/lead-scorer';
import { LeadSettingsEntity } from '../settings/lead-settings.entity';
import { ImportedLeadScorer } from './imported-lead-scorer';
import { LeadCsvReader } from './lead-csv-reader';
import { LeadImportStaging } from './lead-import-staging';
import { LeadImportEntity } from './lead-import.entity';

const DEFAULT_IMPORT_SOURCE = 'import';

/**
 * `POST /leads/import`: one transaction reads the uploaded CSV as a stream, COPies the valid rows
 * into staging, merges duplicates into existing leads, inserts the rest, records the import and
 * emits `lead.imported`. Any failure rolls all of it back; the upload is removed either way.
 */
@Injectable()
export class LeadImportService {
  private readonly logger = new Logger(LeadImportService.name);

  constructor(
    private readonly db: TenantDb,
    private readonly transfers: TransferStore,
    @Inject(LEADS_CONFIG) private readonly config: LeadsConfig,
  ) {}

  async import(request: ImportLeadsRequest, ctx: RequestContext): Promise<ImportLeadsResultDto> {
    const started = performance.now();
    try {
      const campaignId = request.campaign_id ?? null;
      if (campaignId) await this.db.repo(ctx, CampaignEntity).get({ id: campaignId });
      const weights = await this.scoreWeights(ctx);
      const result = await this.run(request, campaignId, weights, ctx, started);
      this.logger.log({ import_id: result.import_id, total_rows: result.total_rows, duration_ms: result.duration_ms }, 'leads imported');
      return result;
    } catch (error) {
      if (isUniqueViolation(error)) {
        // Only a lead created through the API during the import can collide: the import itself never does.
        throw new ConflictException('a lead with the same email or phone was created during the import; import again');
      }
      throw error;
    } finally {
      await this.transfers.remove(request.upload);
    }
  }

  private async scoreWeights(ctx: RequestContext): Promise<ScoreWeights> {
    const settings = await this.db.repo(ctx, LeadSettingsEntity).findOne({});
    return settings?.scoreWeights ?? DEFAULT_SCORE_WEIGHTS;
  }

  private run(
    request: ImportLeadsRequest, campaignId: string | null, weights: ScoreWeights, ctx: RequestContext, started: number,
  ): Promise<ImportLeadsResultDto> {
    const defaultSource = request.default_source ?? DEFAULT_IMPORT_SOURCE;
    return this.db.transaction(ctx, async (uow) => {
      const imports = uow.repo(LeadImportEntity);
      const runner = uow.manager.queryRunner;
      if (!runner) throw new Error('a transaction always has a query runner');
      const staging = new LeadImportStaging(runner, imports.tenantId);
      await staging.create();

      const scorer = new ImportedLeadScorer(weights, defaultSource, new Date());
      const reader = new LeadCsvReader(await this.transfers.open(request.upload), {
        mapping: request.mapping,
        defaultRegion: this.config.DEFAULT_PHONE_REGION,
        maxRows: this.config.IMPORT_MAX_ROWS,
        maxErrors: this.config.IMPORT_MAX_ERRORS,
        scorer,
      });
      await staging.load(reader.stagingChunks());
      const { summary } = reader;

      if (request.all_or_nothing && summary.failed > 0) {
        throw new ValidationException(
          `${summary.failed} of ${summary.totalRows} rows are invalid; nothing was imported`,
          { errors: summary.errors, failed: summary.failed, total_rows: summary.totalRows, errors_truncated: summary.errorsTruncated },
        );
      }

      if (summary.mergedGroups > 0) await staging.collapseFileDuplicates();
      await staging.matchExistingLeads();
      const rescored = await staging.collapsedNewLeads();
      await staging.setScores(rescored.map(({ line, lead }) => ({ line, score: scorer.score(lead).overall_score })));
      await staging.mergeIntoExisting(campaignId);
      const created = await staging.insertNew(campaignId, defaultSource);
      const merged = summary.validRows - created;

      const durationMs = Math.round(performance.now() - started);
      const record = await imports.insert({
        id: randomUUID(),
        actorId: ctx.user_id,
        totalRows: summary.totalRows,
        created,
        merged,
        failed: summary.failed,
        errors: summary.errors,
        durationMs,
      });
      await uow.emit('lead.imported', { import_id: record.id, created, merged, failed: summary.failed, campaign_id: campaignId });
      return {
        import_id: record.id,
        total_rows: summary.totalRows,
        created,
        merged,
        failed: summary.failed,
        errors: summary.errors,
        errors_truncated: summary.errorsTruncated,
        duration_ms: durationMs,
      };
    });
  }
}
