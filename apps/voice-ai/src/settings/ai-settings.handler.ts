import { Controller } from '@nestjs/common';
import {
  AiSettingsDto, VoiceAiSubjects,
  type AiProvidersDto, type AiSettingsView, type OpenAIConnectionResult, type RequestContext,
} from '@parley/contracts';
import { Ctx, Data, Handles } from '@parley/platform';
import { AiProviderStatus } from './ai-provider-status';
import { AiSettingsService } from './ai-settings.service';

@Controller()
export class AiSettingsHandler {
  constructor(
    private readonly settings: AiSettingsService,
    private readonly status: AiProviderStatus,
  ) {}

  @Handles(VoiceAiSubjects.getSettings)
  get(@Ctx() ctx: RequestContext): Promise<AiSettingsView> {
    return this.settings.view(ctx);
  }

  @Handles(VoiceAiSubjects.updateSettings, AiSettingsDto)
  update(@Data() data: AiSettingsDto, @Ctx() ctx: RequestContext): Promise<AiSettingsView> {
    return this.settings.update(data, ctx);
  }

  @Handles(VoiceAiSubjects.testConnection)
  testConnection(@Ctx() ctx: RequestContext): Promise<OpenAIConnectionResult> {
    return this.status.testConnection(ctx);
  }

  @Handles(VoiceAiSubjects.aiProviders)
  providers(@Ctx() ctx: RequestContext): Promise<AiProvidersDto> {
    return this.status.providers(ctx);
  }
}
