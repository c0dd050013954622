import { Controller } from '@nestjs/common';
import { ChannelSettingsDto, TelephonySubjects, type ChannelSettingsView, type RequestContext } from '@parley/contracts';
import { Ctx, Data, Handles } from '@parley/platform';
import { ChannelSettingsService } from './channel-settings.service';

@Controller()
export class ChannelSettingsHandler {
  constructor(private readonly channels: ChannelSettingsService) {}

  @Handles(TelephonySubjects.getChannels)
  get(@Ctx() ctx: RequestContext): Promise<ChannelSettingsView> {
    return this.channels.view(ctx);
  }

  @Handles(TelephonySubjects.updateChannels, ChannelSettingsDto)
  update(@Data() data: ChannelSettingsDto, @Ctx() ctx: RequestContext): Promise<ChannelSettingsView> {
    return this.channels.update(data, ctx);
  }
}
