import { Controller } from '@nestjs/common';
import {
  ByIdDto, CreateTenantDto, IdentitySubjects,
  type RequestContext, type TenantDto, type TokenPairDto, type UserCountDto,
} from '@parley/contracts';
import { Ctx, Data, Handles } from '@parley/platform';
import { TenantService } from './tenant.service';

@Controller()
export class TenantHandler {
  constructor(private readonly tenants: TenantService) {}

  @Handles(IdentitySubjects.createTenant, CreateTenantDto)
  create(@Data() data: CreateTenantDto, @Ctx() ctx: RequestContext): Promise<TenantDto> {
    return this.tenants.create(data, ctx);
  }

  @Handles(IdentitySubjects.listTenants)
  list(@Ctx() ctx: RequestContext): Promise<TenantDto[]> {
    return this.tenants.listMine(ctx);
  }

  @Handles(IdentitySubjects.currentTenant)
  current(@Ctx() ctx: RequestContext): Promise<TenantDto> {
    return this.tenants.current(ctx);
  }

  @Handles(IdentitySubjects.countUsers)
  countUsers(@Ctx() ctx: RequestContext): Promise<UserCountDto> {
    return this.tenants.countUsers(ctx);
  }

  @Handles(IdentitySubjects.switchTenant, ByIdDto)
  switchTo(@Data() data: ByIdDto, @Ctx() ctx: RequestContext): Promise<TokenPairDto> {
    return this.tenants.switchTo(data.id, ctx);
  }
}
