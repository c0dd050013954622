import { Body, Controller, Delete, Get, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreateRoleDto, IdentitySubjects, UpdateRoleDto, type RequestContext } from '@parley/contracts';
import { ServiceBus } from '@parley/platform';
import { RequirePermissions } from '../auth/auth.decorators';
import { UuidParam } from '../http/uuid-param.pipe';
import { Caller } from '../http/request-context.decorator';

/** Roles are also served under /compliance/roles, as the contract lists. */
@ApiTags('roles')
@ApiBearerAuth()
@Controller()
export class RoleController {
  constructor(private readonly bus: ServiceBus) {}

  @Get(['roles', 'compliance/roles'])
  @RequirePermissions('roles:read')
  list(@Caller() ctx: RequestContext) {
    return this.bus.send(IdentitySubjects.listRoles, {}, ctx);
  }

  @Post(['roles', 'compliance/roles'])
  @RequirePermissions('roles:write')
  @ApiOperation({ summary: 'Create a custom role' })
  @ApiBody({ type: CreateRoleDto })
  create(@Body() body: CreateRoleDto, @Caller() ctx: RequestContext) {
    return this.bus.send(IdentitySubjects.createRole, body, ctx);
  }

  @Put(['roles/:id', 'compliance/roles/:id'])
  @RequirePermissions('roles:write')
  @ApiBody({ type: UpdateRoleDto })
  update(@Param('id', UuidParam) id: string, @Body() body: UpdateRoleDto, @Caller() ctx: RequestContext) {
    return this.bus.send(IdentitySubjects.updateRole, { ...body, id }, ctx);
  }

  @Delete(['roles/:id', 'compliance/roles/:id'])
  @RequirePermissions('roles:write')
  @ApiOperation({ summary: 'Delete a custom role (built-in roles and roles in use cannot be deleted)' })
  remove(@Param('id', UuidParam) id: string, @Caller() ctx: RequestContext) {
    return this.bus.send(IdentitySubjects.deleteRole, { id }, ctx);
  }

  @Get('permissions')
  @RequirePermissions('roles:read')
  permissions(@Caller() ctx: RequestContext) {
    return this.bus.send(IdentitySubjects.listPermissions, {}, ctx);
  }
}
