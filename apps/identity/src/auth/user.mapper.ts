import type { UserDto } from '@parley/contracts';
import type { UserEntity } from './user.entity';

/** A user as seen in one tenant: the role and permissions are those of that membership. */
export function toUserDto(user: UserEntity, tenantId: string, role: string, permissions: string[]): UserDto {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    tenant_id: tenantId,
    role,
    permissions,
    created_at: user.createdAt.toISOString(),
  };
}
