import { Global, Module } from '@nestjs/common';
import { AiAgentModule } from '../agent/ai-agent.module';
import { EngineRegistry } from '../engine/engine-registry';
import { ToolsModule } from '../tools/tools.module';
import { CallEndedConsumer } from './call-ended.consumer';
import { CallSpeech } from './call-speech';
import { ConversationRecorder } from './conversation-recorder';
import { ConversationRunner } from './conversation-runner';
import { VoiceCallDirectory } from './voice-call-directory';
import { VoiceCallHandler } from './voice-call.handler';
import { VoiceCallService } from './voice-call.service';

/**
 * Conversations: the engines, the turns, the wrap-up. Global because the media bridge, the phone
 * path and intelligence all reach conversations through VoiceCallDirectory / ConversationRecorder / the runner.
 */
@Global()
@Module({
  imports: [AiAgentModule, ToolsModule],
  controllers: [VoiceCallHandler],
  providers: [EngineRegistry, ConversationRunner, ConversationRecorder, VoiceCallDirectory, VoiceCallService, CallSpeech, CallEndedConsumer],
  exports: [EngineRegistry, ConversationRunner, ConversationRecorder, VoiceCallDirectory, VoiceCallService, CallSpeech, ToolsModule],
})
export class ConversationModule {}
