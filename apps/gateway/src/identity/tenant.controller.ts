import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AddMemberDto, CreateTenantDto, IdentitySubjects, type RequestContext } from '@parley/contracts';
import { ServiceBus } from '@parley/platform';
import { RequirePermissions } from '../auth/auth.decorators';
import { UuidParam } from '../http/uuid-param.pipe';
import { Caller } from '../http/request-context.decorator';

@ApiTags('tenants')
@ApiBearerAuth()
@Controller()
export class TenantController {
  constructor(private readonly bus: ServiceBus) {}

  @Post('tenants')
  @ApiOperation({ summary: 'Create a tenant; the caller becomes its owner' })
  @ApiBody({ type: CreateTenantDto })
  create(@Body() body: CreateTenantDto, @Caller() ctx: RequestContext) {
    return this.bus.send(IdentitySubjects.createTenant, body, ctx);
  }

  @Get('tenants')
  @ApiOperation({ summary: 'Tenants the caller belongs to, with the role in each' })
  mine(@Caller() ctx: RequestContext) {
    return this.bus.send(IdentitySubjects.listTenants, {}, ctx);
  }

  @Get('tenant')
  @RequirePermissions('tenant:read')
  current(@Caller() ctx: RequestContext) {
    return this.bus.send(IdentitySubjects.currentTenant, {}, ctx);
  }

  @Get('tenant/users/count')
  @RequirePermissions('members:read')
  countUsers(@Caller() ctx: RequestContext) {
    return this.bus.send(IdentitySubjects.countUsers, {}, ctx);
  }

  @Post('tenants/:id/switch')
  @HttpCode(200)
  @ApiOperation({ summary: 'New tokens for another tenant the caller belongs to' })
  switch(@Param('id', UuidParam) id: string, @Caller() ctx: RequestContext) {
    return this.bus.send(IdentitySubjects.switchTenant, { id }, ctx);
  }

  @Post('tenants/:id/members')
  @RequirePermissions('members:write')
  @ApiOperation({ summary: 'Add an existing user at once, or invite an unknown email' })
  @ApiBody({ type: AddMemberDto })
  addMember(@Param('id', UuidParam) id: string, @Body() body: AddMemberDto, @Caller() ctx: RequestContext) {
    return this.bus.send(IdentitySubjects.addMember, { ...body, id }, ctx);
  }

  @Delete('tenants/:id/members/:email')
  @RequirePermissions('members:write')
  removeMember(@Param('id', UuidParam) id: string, @Param('email') email: string, @Caller() ctx: RequestContext) {
    return this.bus.send(IdentitySubjects.removeMember, { id, email }, ctx);
  }
}
