import { Controller } from '@nestjs/common';
import {
  AgentConversationsRequest, ByIdDto, CreateVoiceCallDto, EndVoiceCallRequest, RespondVoiceCallRequest, VoiceAiSubjects,
  VoiceCallQueryDto,
  type AgentConversationsDto, type EndVoiceCallResult, type Page, type RequestContext, type StartVoiceCallResult,
  type VoiceCallDetailDto, type VoiceCallDto, type VoiceTurnResultDto,
} from '@parley/contracts';
import { Ctx, Data, Handles } from '@parley/platform';
import { VoiceCallService } from './voice-call.service';

@Controller()
export class VoiceCallHandler {
  constructor(private readonly calls: VoiceCallService) {}

  @Handles(VoiceAiSubjects.listVoiceCalls, VoiceCallQueryDto)
  list(@Data() data: VoiceCallQueryDto, @Ctx() ctx: RequestContext): Promise<Page<VoiceCallDto>> {
    return this.calls.list(data, ctx);
  }

  @Handles(VoiceAiSubjects.createVoiceCall, CreateVoiceCallDto)
  create(@Data() data: CreateVoiceCallDto, @Ctx() ctx: RequestContext): Promise<VoiceCallDto> {
    return this.calls.create(data, ctx);
  }

  @Handles(VoiceAiSubjects.getVoiceCall, ByIdDto)
  get(@Data() data: ByIdDto, @Ctx() ctx: RequestContext): Promise<VoiceCallDetailDto> {
    return this.calls.get(data.id, ctx);
  }

  @Handles(VoiceAiSubjects.startVoiceCall, ByIdDto)
  start(@Data() data: ByIdDto, @Ctx() ctx: RequestContext): Promise<StartVoiceCallResult> {
    return this.calls.start(data.id, ctx);
  }

  @Handles(VoiceAiSubjects.respondVoiceCall, RespondVoiceCallRequest)
  respond(@Data() data: RespondVoiceCallRequest, @Ctx() ctx: RequestContext): Promise<VoiceTurnResultDto> {
    const { id, ...turn } = data;
    return this.calls.respond(id, turn, ctx);
  }

  @Handles(VoiceAiSubjects.endVoiceCall, EndVoiceCallRequest)
  end(@Data() data: EndVoiceCallRequest, @Ctx() ctx: RequestContext): Promise<EndVoiceCallResult> {
    return this.calls.end(data.id, data.reason, ctx);
  }

  @Handles(VoiceAiSubjects.agentConversations, AgentConversationsRequest)
  agentConversations(@Data() data: AgentConversationsRequest, @Ctx() ctx: RequestContext): Promise<AgentConversationsDto> {
    return this.calls.agentConversations(data.id, data.limit, ctx);
  }
}
