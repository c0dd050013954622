import { Injectable } from '@nestjs/common';
import { ILike, Not } from 'typeorm';
import {
  pageOf, pageWindow,
  type BusinessConfigDto, type BusinessConfigView, type BusinessUsageDto, type MessageDto, type Page, type PageQueryDto,
  type RequestContext, type UpdateBusinessConfigRequest,
} from '@parley/contracts';
import { ConflictException, containsLikePattern, TenantDb, type UnitOfWork, isUniqueViolation } from '@parley/platform';
import { BusinessConfigEntity } from './business-config.entity';
import { editableColumns, toBusinessConfigView, toBusinessUsageDto } from './business-config.mapper';

const DEFAULT_RACE = 'another request changed the default business config at the same time; try again';

/** Company profiles. At most one per tenant is the default (a partial unique index backs this up). */
@Injectable()
export class BusinessConfigService {
  constructor(private readonly db: TenantDb) {}

  async list(query: PageQueryDto, ctx: RequestContext): Promise<Page<BusinessConfigView>> {
    const { skip, take } = pageWindow(query);
    const where = query.search ? { companyName: ILike(containsLikePattern(query.search)) } : {};
    const [rows, total] = await this.db.repo(ctx, BusinessConfigEntity).findAndCount({
      where,
      order: { isDefault: 'DESC', createdAt: 'ASC', id: 'ASC' },
      skip,
      take,
    });
    return pageOf(rows.map(toBusinessConfigView), total, query);
  }

  async get(id: string, ctx: RequestContext): Promise<BusinessConfigView> {
    return toBusinessConfigView(await this.db.repo(ctx, BusinessConfigEntity).get({ id }));
  }

  /** The tenant's first config becomes its default unless the request says otherwise. */
  async create(dto: BusinessConfigDto, ctx: RequestContext): Promise<BusinessConfigView> {
    return this.write(ctx, async (uow) => {
      const configs = uow.repo(BusinessConfigEntity);
      const isDefault = dto.is_default ?? (await configs.count()) === 0;
      if (isDefault) await this.clearDefault(uow);
      const row = await configs.insert({ ...editableColumns(dto), isDefault });
      await uow.emit('business_config.changed', { business_id: row.id, change: 'created' });
      return toBusinessConfigView(await configs.get({ id: row.id }));
    });
  }

  async update(dto: UpdateBusinessConfigRequest, ctx: RequestContext): Promise<BusinessConfigView> {
    return this.write(ctx, (uow) => this.applyUpdate(uow, dto.id, dto));
  }

  private async applyUpdate(uow: UnitOfWork, id: string, dto: BusinessConfigDto | UpdateBusinessConfigRequest): Promise<BusinessConfigView> {
    const configs = uow.repo(BusinessConfigEntity);
    const row = await configs.get({ id });
    if (dto.is_default === true && !row.isDefault) await this.clearDefault(uow, id);
    Object.assign(row, editableColumns(dto));
    if (dto.is_default !== undefined) row.isDefault = dto.is_default;
    await configs.save(row);
    await uow.emit('business_config.changed', { business_id: row.id, change: 'updated' });
    return toBusinessConfigView(await configs.get({ id }));
  }

  /** A config an AI agent speaks for cannot be deleted (see usage). */
  async remove(id: string, ctx: RequestContext): Promise<MessageDto> {
    return this.db.transaction(ctx, async (uow) => {
      const configs = uow.repo(BusinessConfigEntity);
      const row = await configs.get({ id });
      const usage = toBusinessUsageDto(row);
      if (usage.in_use) {
        throw new ConflictException('business config is used by AI agents; move them to another config first', {
          ai_agents: usage.ai_agents,
        });
      }
      await configs.delete({ id });
      await uow.emit('business_config.changed', { business_id: id, change: 'deleted' });
      return { message: 'business config deleted' };
    });
  }

  async usage(id: string, ctx: RequestContext): Promise<BusinessUsageDto> {
    return toBusinessUsageDto(await this.db.repo(ctx, BusinessConfigEntity).get({ id }));
  }

  /** Onboarding's company step: creates the tenant's default config, or updates it when there is one. */
  async onboardCompany(dto: BusinessConfigDto, ctx: RequestContext): Promise<BusinessConfigView> {
    return this.write(ctx, async (uow) => {
      const current = await uow.repo(BusinessConfigEntity).findOne({ isDefault: true });
      const fields = { ...dto, is_default: true };
      if (current) return this.applyUpdate(uow, current.id, fields);
      await this.clearDefault(uow);
      const row = await uow.repo(BusinessConfigEntity).insert({ ...editableColumns(fields), isDefault: true });
      await uow.emit('business_config.changed', { business_id: row.id, change: 'created' });
      return toBusinessConfigView(await uow.repo(BusinessConfigEntity).get({ id: row.id }));
    });
  }

  private async clearDefault(uow: UnitOfWork, exceptId?: string): Promise<void> {
    const configs = uow.repo(BusinessConfigEntity);
    await uow.manager.update(
      BusinessConfigEntity,
      exceptId ? { tenantId: configs.tenantId, isDefault: true, id: Not(exceptId) } : { tenantId: configs.tenantId, isDefault: true },
      { isDefault: false },
    );
  }

  /** Two requests making different configs default at once: the index refuses one, answered as a 409. */
  private async write<T>(ctx: RequestContext, work: (uow: UnitOfWork) => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction(ctx, work);
    } catch (error) {
      if (isUniqueViolation(error, 'business_configs_one_default')) throw new ConflictException(DEFAULT_RACE);
      throw error;
    }
  }
}
