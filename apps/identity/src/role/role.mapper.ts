import type { RoleDto } from '@parley/contracts';
import { PermissionResolver } from './permission-resolver';
import type { RoleEntity } from './role.entity';

export function toRoleDto(role: RoleEntity): RoleDto {
  return {
    id: role.id,
    name: role.name,
    description: role.description,
    permissions: PermissionResolver.resolve(role),
    built_in: role.builtIn,
    created_at: role.createdAt.toISOString(),
  };
}
