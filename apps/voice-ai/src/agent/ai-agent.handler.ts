import { Controller } from '@nestjs/common';
import {
  AiAgentQueryDto, ByIdDto, CreateAiAgentDto, DeployAiAgentRequest, UpdateAiAgentRequest, VoiceAiSubjects,
  type AiAgentDto, type DeployAiAgentResult, type MessageDto, type Page, type RequestContext,
} from '@parley/contracts';
import { Ctx, Data, Handles } from '@parley/platform';
import { AiAgentService } from './ai-agent.service';

@Controller()
export class AiAgentHandler {
  constructor(private readonly agents: AiAgentService) {}

  @Handles(VoiceAiSubjects.listAgents, AiAgentQueryDto)
  list(@Data() data: AiAgentQueryDto, @Ctx() ctx: RequestContext): Promise<Page<AiAgentDto>> {
    return this.agents.list(data, ctx);
  }

  @Handles(VoiceAiSubjects.createAgent, CreateAiAgentDto)
  create(@Data() data: CreateAiAgentDto, @Ctx() ctx: RequestContext): Promise<AiAgentDto> {
    return this.agents.create(data, ctx);
  }

  @Handles(VoiceAiSubjects.getAgent, ByIdDto)
  get(@Data() data: ByIdDto, @Ctx() ctx: RequestContext): Promise<AiAgentDto> {
    return this.agents.get(data.id, ctx);
  }

  @Handles(VoiceAiSubjects.updateAgent, UpdateAiAgentRequest)
  update(@Data() data: UpdateAiAgentRequest, @Ctx() ctx: RequestContext): Promise<AiAgentDto> {
    const { id, ...fields } = data;
    return this.agents.update(id, fields, ctx);
  }

  @Handles(VoiceAiSubjects.deleteAgent, ByIdDto)
  remove(@Data() data: ByIdDto, @Ctx() ctx: RequestContext): Promise<MessageDto> {
    return this.agents.remove(data.id, ctx);
  }

  @Handles(VoiceAiSubjects.pauseAgent, ByIdDto)
  pause(@Data() data: ByIdDto, @Ctx() ctx: RequestContext): Promise<AiAgentDto> {
    return this.agents.pause(data.id, ctx);
  }

  @Handles(VoiceAiSubjects.activateAgent, ByIdDto)
  activate(@Data() data: ByIdDto, @Ctx() ctx: RequestContext): Promise<AiAgentDto> {
    return this.agents.activate(data.id, ctx);
  }

  @Handles(VoiceAiSubjects.deployAgent, DeployAiAgentRequest)
  deploy(@Data() data: DeployAiAgentRequest, @Ctx() ctx: RequestContext): Promise<DeployAiAgentResult> {
    return this.agents.deploy(data.id, data.phone_number, ctx);
  }
}
