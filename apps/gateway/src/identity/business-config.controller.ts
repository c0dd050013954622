import { Body, Controller, Delete, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BusinessConfigDto, IdentitySubjects, PageQueryDto, UpdateBusinessConfigDto, type RequestContext } from '@parley/contracts';
import { ServiceBus } from '@parley/platform';
import { RequirePermissions } from '../auth/auth.decorators';
import { UuidParam } from '../http/uuid-param.pipe';
import { Caller } from '../http/request-context.decorator';

@ApiTags('business configuration')
@ApiBearerAuth()
@Controller()
export class BusinessConfigController {
  constructor(private readonly bus: ServiceBus) {}

  @Get('config/business')
  @RequirePermissions('config:read')
  list(@Query() query: PageQueryDto, @Caller() ctx: RequestContext) {
    return this.bus.send(IdentitySubjects.listBusinessConfigs, query, ctx);
  }

  @Post('config/business')
  @RequirePermissions('config:write')
  @ApiBody({ type: BusinessConfigDto })
  create(@Body() body: BusinessConfigDto, @Caller() ctx: RequestContext) {
    return this.bus.send(IdentitySubjects.createBusinessConfig, body, ctx);
  }

  @Get('config/business/:id')
  @RequirePermissions('config:read')
  get(@Param('id', UuidParam) id: string, @Caller() ctx: RequestContext) {
    return this.bus.send(IdentitySubjects.getBusinessConfig, { id }, ctx);
  }

  @Put('config/business/:id')
  @RequirePermissions('config:write')
  @ApiBody({ type: UpdateBusinessConfigDto })
  update(@Param('id', UuidParam) id: string, @Body() body: UpdateBusinessConfigDto, @Caller() ctx: RequestContext) {
    return this.bus.send(IdentitySubjects.updateBusinessConfig, { ...body, id }, ctx);
  }

  @Delete('config/business/:id')
  @RequirePermissions('config:write')
  remove(@Param('id', UuidParam) id: string, @Caller() ctx: RequestContext) {
    return this.bus.send(IdentitySubjects.deleteBusinessConfig, { id }, ctx);
  }

  @Get('config/business/:id/usage')
  @RequirePermissions('config:read')
  usage(@Param('id', UuidParam) id: string, @Caller() ctx: RequestContext) {
    return this.bus.send(IdentitySubjects.businessConfigUsage, { id }, ctx);
  }

  @Post('onboarding/company')
  @RequirePermissions('config:write')
  @ApiOperation({ summary: 'Create or update the tenant\'s default business configuration' })
  @ApiBody({ type: BusinessConfigDto })
  onboardCompany(@Body() body: BusinessConfigDto, @Caller() ctx: RequestContext) {
    return this.bus.send(IdentitySubjects.onboardCompany, body, ctx);
  }
}
