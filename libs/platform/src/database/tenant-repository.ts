import type {
  DeepPartial, EntityManager, EntityTarget, FindManyOptions, FindOptionsWhere, ObjectLiteral, SelectQueryBuilder,
} from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { NotFoundException } from '../errors/domain.exception';

export interface TenantOwned extends ObjectLiteral {
  tenantId: string;
}

type Where<E> = FindOptionsWhere<E> | FindOptionsWhere<E>[];

/**
 * A repository that can only see one tenant's rows: every read, write and delete is
 * filtered by tenant_id, and inserts are stamped with it. Handlers get no other way in.
 */
export class TenantRepository<E extends TenantOwned> {
  constructor(
    private readonly manager: EntityManager,
    private readonly entity: EntityTarget<E>,
    readonly tenantId: string,
    private readonly resourceName: string,
  ) {}

  private scope(where?: Where<E>): Where<E> {
    const tenant = { tenantId: this.tenantId } as FindOptionsWhere<E>;
    if (!where) return tenant;
    return Array.isArray(where) ? where.map((w) => ({ ...w, ...tenant })) : { ...where, ...tenant };
  }

  find(options: FindManyOptions<E> = {}): Promise<E[]> {
    return this.manager.find(this.entity, { ...options, where: this.scope(options.where as Where<E>) });
  }

  findAndCount(options: FindManyOptions<E> = {}): Promise<[E[], number]> {
    return this.manager.findAndCount(this.entity, { ...options, where: this.scope(options.where as Where<E>) });
  }

  findOne(where: Where<E>): Promise<E | null> {
    return this.manager.findOne(this.entity, { where: this.scope(where) });
  }

  /** A row of another tenant is "not found", never "forbidden": existence does not leak. */
  async get(where: Where<E>): Promise<E> {
    const row = await this.findOne(where);
    if (!row) throw new NotFoundException(this.resourceName);
    return row;
  }

  count(where?: Where<E>): Promise<number> {
    return this.manager.count(this.entity, { where: this.scope(where) });
  }

  async insert(values: Omit<DeepPartial<E>, 'tenantId'>): Promise<E> {
    const row = this.manager.create(this.entity, { ...values, tenantId: this.tenantId } as DeepPartial<E>);
    return this.manager.save(this.entity, row);
  }

  /** Saves a row read through this repository; a row of another tenant is refused. */
  async save(row: E): Promise<E> {
    if (row.tenantId !== this.tenantId) throw new NotFoundException(this.resourceName);
    return this.manager.save(this.entity, row);
  }

  /** Updates the tenant's rows matching `where`; answers how many changed. */
  async update(where: FindOptionsWhere<E>, patch: QueryDeepPartialEntity<E>): Promise<number> {
    const result = await this.manager.update(this.entity, this.scope(where) as FindOptionsWhere<E>, patch);
    return result.affected ?? 0;
  }

  async delete(where: FindOptionsWhere<E>): Promise<number> {
    const result = await this.manager.delete(this.entity, this.scope(where) as FindOptionsWhere<E>);
    return result.affected ?? 0;
  }

  /** A query builder that starts filtered to the tenant. */
  query(alias: string): SelectQueryBuilder<E> {
    return this.manager.createQueryBuilder(this.entity, alias).where(`${alias}.tenantId = :tenantId`, { tenantId: this.tenantId });
  }
}
