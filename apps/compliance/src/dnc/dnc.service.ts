import { Inject, Injectable } from '@nestjs/common';
import {
  pageOf, pageWindow,
  type AddDncDto, type AddDncResultDto, type DncEntryDto, type DncQueryDto, type MessageDto, type Page, type RequestContext,
} from '@parley/contracts';
import { containsLikePattern, NotFoundException, TenantDb, ValidationException } from '@parley/platform';
import { COMPLIANCE_CONFIG, type ComplianceConfig } from '../compliance.config';
import { parsePhone } from '../phone/phone-number';
import { DncNumberEntity } from './dnc-number.entity';
import { toDncEntryDto } from './dnc.mapper';

/** The tenant's do-not-call list: numbers in E.164, each with why and how it got there. */
@Injectable()
export class DncService {
  constructor(
    private readonly db: TenantDb,
    @Inject(COMPLIANCE_CONFIG) private readonly config: ComplianceConfig,
  ) {}

  /** Idempotent: a number already listed answers its entry as it is (the first reason stays) and emits nothing. */
  async add(dto: AddDncDto, ctx: RequestContext): Promise<AddDncResultDto> {
    const phoneNumber = this.e164(dto.phone_number);
    return this.db.transaction(ctx, async (uow) => {
      const entries = uow.repo(DncNumberEntity);
      const inserted: unknown[] = await uow.manager.query(
        `INSERT INTO dnc_numbers (tenant_id, phone_number, reason, source, created_by)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (tenant_id, phone_number) DO NOTHING RETURNING 1`,
        [entries.tenantId, phoneNumber, dto.reason?.trim() || null, dto.source ?? 'manual', ctx.user_id],
      );
      const entry = await entries.get({ phoneNumber });
      const added = inserted.length > 0;
      if (added) await uow.emit('dnc.added', { phone_number: entry.phoneNumber, source: entry.source, reason: entry.reason });
      return { ...toDncEntryDto(entry), already_listed: !added };
    });
  }

  /** Newest first; `search` matches the digits of the number (any notation) or words of the reason. */
  async list(query: DncQueryDto, ctx: RequestContext): Promise<Page<DncEntryDto>> {
    const qb = this.db.repo(ctx, DncNumberEntity).query('d');
    if (query.source) qb.andWhere('d.source = :source', { source: query.source });
    const search = query.search?.trim();
    if (search) {
      const digits = search.replace(/\D/g, '');
      qb.andWhere(
        digits ? '(d.phoneNumber LIKE :digits OR d.reason ILIKE :text)' : 'd.reason ILIKE :text',
        { digits: containsLikePattern(digits), text: containsLikePattern(search) },
      );
    }
    const { skip, take } = pageWindow(query);
    const [rows, total] = await qb.orderBy('d.createdAt', 'DESC').addOrderBy('d.phoneNumber', 'ASC').skip(skip).take(take).getManyAndCount();
    return pageOf(rows.map(toDncEntryDto), total, query);
  }

  async remove(rawNumber: string, ctx: RequestContext): Promise<MessageDto> {
    const phoneNumber = this.e164(rawNumber);
    return this.db.transaction(ctx, async (uow) => {
      const removed = await uow.repo(DncNumberEntity).delete({ phoneNumber });
      if (removed === 0) throw new NotFoundException('do-not-call entry', phoneNumber);
      await uow.emit('dnc.removed', { phone_number: phoneNumber });
      return { message: `${phoneNumber} was removed from the do-not-call list` };
    });
  }

  /** The entry of an E.164 number, if listed: one primary-key lookup. */
  find(phoneNumber: string, ctx: RequestContext): Promise<DncNumberEntity | null> {
    return this.db.repo(ctx, DncNumberEntity).findOne({ phoneNumber });
  }

  private e164(raw: string): string {
    const parsed = parsePhone(raw, this.config.DEFAULT_PHONE_REGION);
    if (!parsed.ok) throw new ValidationException(parsed.reason, { field: 'phone_number', fields: { phone_number: [parsed.reason] } });
    return parsed.e164;
  }
}
