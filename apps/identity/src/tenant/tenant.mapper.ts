import type { TenantDto } from '@parley/contracts';
import type { TenantEntity } from './tenant.entity';

/** A tenant as its member sees it: with the member's role there. */
export function toTenantDto(tenant: Pick<TenantEntity, 'id' | 'name' | 'createdAt'>, role: string): TenantDto {
  return { id: tenant.id, name: tenant.name, role, created_at: tenant.createdAt.toISOString() };
}
