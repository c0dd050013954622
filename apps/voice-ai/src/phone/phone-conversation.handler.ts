import { Controller } from '@nestjs/common';
import {
  PhoneAnsweredRequest, PhoneMachineRequest, PhoneSpeechRequest, VoiceAiSubjects, type PhoneTurnDto, type RequestContext,
} from '@parley/contracts';
import { Ctx, Data, Handles } from '@parley/platform';
import { PhoneConversationService } from './phone-conversation.service';

/** Telephony's questions during a phone call an AI agent holds. */
@Controller()
export class PhoneConversationHandler {
  constructor(private readonly phone: PhoneConversationService) {}

  @Handles(VoiceAiSubjects.phoneAnswered, PhoneAnsweredRequest)
  answered(@Data() data: PhoneAnsweredRequest, @Ctx() ctx: RequestContext): Promise<PhoneTurnDto> {
    return this.phone.answered(data, ctx);
  }

  @Handles(VoiceAiSubjects.phoneSpeech, PhoneSpeechRequest)
  speech(@Data() data: PhoneSpeechRequest, @Ctx() ctx: RequestContext): Promise<PhoneTurnDto> {
    return this.phone.speech(data, ctx);
  }

  @Handles(VoiceAiSubjects.phoneMachine, PhoneMachineRequest)
  machine(@Data() data: PhoneMachineRequest, @Ctx() ctx: RequestContext): Promise<PhoneTurnDto> {
    return this.phone.machine(data, ctx);
  }
}
