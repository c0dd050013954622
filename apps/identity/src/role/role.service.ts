import { Injectable } from '@nestjs/common';
import { IsNull, MoreThan } from 'typeorm';
import {
  BUILT_IN_ROLE_PERMISSIONS, PERMISSIONS, type BuiltInRole,
  type CreateRoleDto, type MessageDto, type PermissionCatalogDto, type RequestContext, type RoleDto, type UpdateRoleRequest,
} from '@parley/contracts';
import { ConflictException, TenantDb, type TenantRepository, isUniqueViolation } from '@parley/platform';
import { InvitationEntity } from '../member/invitation.entity';
import { MembershipEntity } from '../member/membership.entity';
import { PermissionResolver, isBuiltInRoleName } from './permission-resolver';
import { RoleEntity } from './role.entity';
import { toRoleDto } from './role.mapper';

@Injectable()
export class RoleService {
  constructor(private readonly db: TenantDb) {}

  /** Gives a new tenant its five built-in roles; returns them by name. */
  async seedBuiltIns(roles: TenantRepository<RoleEntity>): Promise<Record<BuiltInRole, RoleEntity>> {
    const seeded: Partial<Record<BuiltInRole, RoleEntity>> = {};
    for (const seed of PermissionResolver.builtInSeeds()) {
      seeded[seed.name] = await roles.insert(seed);
    }
    return seeded as Record<BuiltInRole, RoleEntity>;
  }

  async list(ctx: RequestContext): Promise<RoleDto[]> {
    const roles = await this.db.repo(ctx, RoleEntity).find();
    return roles.sort(PermissionResolver.compareForListing).map(toRoleDto);
  }

  async create(dto: CreateRoleDto, ctx: RequestContext): Promise<RoleDto> {
    if (isBuiltInRoleName(dto.name)) throw new ConflictException(`${dto.name} is a built-in role name`);
    try {
      return await this.db.transaction(ctx, async (uow) => {
        const roles = uow.repo(RoleEntity);
        if (await roles.findOne({ name: dto.name })) throw new ConflictException(`a role named ${dto.name} already exists`);
        const role = await roles.insert({
          name: dto.name,
          description: dto.description ?? null,
          permissions: PermissionResolver.normalize(dto.permissions),
          builtIn: false,
        });
        await uow.emit('role.changed', { role_id: role.id, name: role.name, change: 'created' });
        return toRoleDto(role);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'roles_tenant_name_key')) throw new ConflictException(`a role named ${dto.name} already exists`);
      throw error;
    }
  }

  async update(dto: UpdateRoleRequest, ctx: RequestContext): Promise<RoleDto> {
    return this.db.transaction(ctx, async (uow) => {
      const roles = uow.repo(RoleEntity);
      const role = await roles.get({ id: dto.id });
      if (role.builtIn) throw new ConflictException(`built-in role ${role.name} cannot be changed; create a custom role instead`);
      if (dto.description !== undefined) role.description = dto.description;
      if (dto.permissions !== undefined) role.permissions = PermissionResolver.normalize(dto.permissions);
      const saved = await roles.save(role);
      await uow.emit('role.changed', { role_id: saved.id, name: saved.name, change: 'updated' });
      return toRoleDto(saved);
    });
  }

  async remove(id: string, ctx: RequestContext): Promise<MessageDto> {
    return this.db.transaction(ctx, async (uow) => {
      const roles = uow.repo(RoleEntity);
      const role = await roles.get({ id });
      if (role.builtIn) throw new ConflictException(`built-in role ${role.name} cannot be deleted`);
      const members = await uow.repo(MembershipEntity).count({ roleId: role.id });
      const invitations = await uow
        .repo(InvitationEntity)
        .count({ roleId: role.id, acceptedAt: IsNull(), expiresAt: MoreThan(new Date()) });
      if (members > 0 || invitations > 0) {
        throw new ConflictException(`role ${role.name} is in use; move its members to another role first`, {
          members,
          pending_invitations: invitations,
        });
      }
      await roles.delete({ id: role.id });
      await uow.emit('role.changed', { role_id: role.id, name: role.name, change: 'deleted' });
      return { message: `role ${role.name} deleted` };
    });
  }

  catalog(): PermissionCatalogDto {
    return {
      permissions: [...PERMISSIONS],
      built_in_roles: Object.fromEntries(Object.entries(BUILT_IN_ROLE_PERMISSIONS).map(([name, perms]) => [name, [...perms]])),
    };
  }
}
