import { Controller } from '@nestjs/common';
import { TelephonySettingsDto, TelephonySubjects, type RequestContext, type TelephonySettingsView } from '@parley/contracts';
import { Ctx, Data, Handles } from '@parley/platform';
import { TelephonySettingsService } from './telephony-settings.service';

@Controller()
export class TelephonySettingsHandler {
  constructor(private readonly settings: TelephonySettingsService) {}

  @Handles(TelephonySubjects.getSettings)
  get(@Ctx() ctx: RequestContext): Promise<TelephonySettingsView> {
    return this.settings.view(ctx);
  }

  @Handles(TelephonySubjects.updateSettings, TelephonySettingsDto)
  update(@Data() data: TelephonySettingsDto, @Ctx() ctx: RequestContext): Promise<TelephonySettingsView> {
    return this.settings.update(data, ctx);
  }
}
