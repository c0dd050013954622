import { Controller } from '@nestjs/common';
import { TelephonySettingsDto, TelephonySubjects, type MessageDto, type RequestContext, type TelephonySettingsView } from '@parley/contracts';
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

  // No permission check here, as for update: the gateway and voice-ai's /setup/complete require config:write.
  @Handles(TelephonySubjects.deleteSettings)
  delete(@Ctx() ctx: RequestContext): Promise<MessageDto> {
    return this.settings.delete(ctx);
  }
}
