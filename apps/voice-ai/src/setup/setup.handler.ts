import { Controller } from '@nestjs/common';
import {
  OnboardingDeployDto, OnboardingVoiceDto, SetupCompleteDto, VoiceAiSubjects,
  type AiAgentDto, type DeployAiAgentResult, type RequestContext, type SetupCompleteResultDto,
} from '@parley/contracts';
import { Ctx, Data, Handles } from '@parley/platform';
import { SetupService } from './setup.service';

@Controller()
export class SetupHandler {
  constructor(private readonly setup: SetupService) {}

  @Handles(VoiceAiSubjects.onboardingVoice, OnboardingVoiceDto)
  voice(@Data() data: OnboardingVoiceDto, @Ctx() ctx: RequestContext): Promise<AiAgentDto> {
    return this.setup.voice(data, ctx);
  }

  @Handles(VoiceAiSubjects.onboardingDeploy, OnboardingDeployDto)
  deploy(@Data() data: OnboardingDeployDto, @Ctx() ctx: RequestContext): Promise<DeployAiAgentResult> {
    return this.setup.deploy(data, ctx);
  }

  @Handles(VoiceAiSubjects.setupComplete, SetupCompleteDto)
  complete(@Data() data: SetupCompleteDto, @Ctx() ctx: RequestContext): Promise<SetupCompleteResultDto> {
    return this.setup.complete(data, ctx);
  }
}
