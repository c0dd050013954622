import { Controller } from '@nestjs/common';
import {
  BusinessConfigDto, ByIdDto, IdentitySubjects, PageQueryDto, UpdateBusinessConfigRequest,
  type BusinessConfigView, type BusinessUsageDto, type MessageDto, type Page, type RequestContext,
} from '@parley/contracts';
import { Ctx, Data, Handles } from '@parley/platform';
import { BusinessConfigService } from './business-config.service';

@Controller()
export class BusinessConfigHandler {
  constructor(private readonly configs: BusinessConfigService) {}

  @Handles(IdentitySubjects.listBusinessConfigs, PageQueryDto)
  list(@Data() data: PageQueryDto, @Ctx() ctx: RequestContext): Promise<Page<BusinessConfigView>> {
    return this.configs.list(data, ctx);
  }

  @Handles(IdentitySubjects.createBusinessConfig, BusinessConfigDto)
  create(@Data() data: BusinessConfigDto, @Ctx() ctx: RequestContext): Promise<BusinessConfigView> {
    return this.configs.create(data, ctx);
  }

  @Handles(IdentitySubjects.getBusinessConfig, ByIdDto)
  get(@Data() data: ByIdDto, @Ctx() ctx: RequestContext): Promise<BusinessConfigView> {
    return this.configs.get(data.id, ctx);
  }

  @Handles(IdentitySubjects.updateBusinessConfig, UpdateBusinessConfigRequest)
  update(@Data() data: UpdateBusinessConfigRequest, @Ctx() ctx: RequestContext): Promise<BusinessConfigView> {
    return this.configs.update(data, ctx);
  }

  @Handles(IdentitySubjects.deleteBusinessConfig, ByIdDto)
  remove(@Data() data: ByIdDto, @Ctx() ctx: RequestContext): Promise<MessageDto> {
    return this.configs.remove(data.id, ctx);
  }

  @Handles(IdentitySubjects.businessConfigUsage, ByIdDto)
  usage(@Data() data: ByIdDto, @Ctx() ctx: RequestContext): Promise<BusinessUsageDto> {
    return this.configs.usage(data.id, ctx);
  }

  @Handles(IdentitySubjects.onboardCompany, BusinessConfigDto)
  onboardCompany(@Data() data: BusinessConfigDto, @Ctx() ctx: RequestContext): Promise<BusinessConfigView> {
    return this.configs.onboardCompany(data, ctx);
  }
}
