import { Controller } from '@nestjs/common';
import { LeadSettingsDto, LeadsSubjects, type LeadSettingsView, type RequestContext } from '@parley/contracts';
import { Ctx, Data, Handles } from '@parley/platform';
import { LeadSettingsService } from './lead-settings.service';

@Controller()
export class LeadSettingsHandler {
  constructor(private readonly settings: LeadSettingsService) {}

  @Handles(LeadsSubjects.getSettings)
  get(@Ctx() ctx: RequestContext): Promise<LeadSettingsView> {
    return this.settings.get(ctx);
  }

  @Handles(LeadsSubjects.updateSettings, LeadSettingsDto)
  update(@Data() data: LeadSettingsDto, @Ctx() ctx: RequestContext): Promise<LeadSettingsView> {
    return this.settings.update(data, ctx);
  }
}
