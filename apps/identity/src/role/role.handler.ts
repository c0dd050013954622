import { Controller } from '@nestjs/common';
import {
  ByIdDto, CreateRoleDto, IdentitySubjects, UpdateRoleRequest,
  type MessageDto, type PermissionCatalogDto, type RequestContext, type RoleDto,
} from '@parley/contracts';
import { Ctx, Data, Handles } from '@parley/platform';
import { RoleService } from './role.service';

@Controller()
export class RoleHandler {
  constructor(private readonly roles: RoleService) {}

  @Handles(IdentitySubjects.listRoles)
  list(@Ctx() ctx: RequestContext): Promise<RoleDto[]> {
    return this.roles.list(ctx);
  }

  @Handles(IdentitySubjects.createRole, CreateRoleDto)
  create(@Data() data: CreateRoleDto, @Ctx() ctx: RequestContext): Promise<RoleDto> {
    return this.roles.create(data, ctx);
  }

  @Handles(IdentitySubjects.updateRole, UpdateRoleRequest)
  update(@Data() data: UpdateRoleRequest, @Ctx() ctx: RequestContext): Promise<RoleDto> {
    return this.roles.update(data, ctx);
  }

  @Handles(IdentitySubjects.deleteRole, ByIdDto)
  remove(@Data() data: ByIdDto, @Ctx() ctx: RequestContext): Promise<MessageDto> {
    return this.roles.remove(data.id, ctx);
  }

  @Handles(IdentitySubjects.listPermissions)
  permissions(): PermissionCatalogDto {
    return this.roles.catalog();
  }
}
