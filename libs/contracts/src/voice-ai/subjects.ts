import type { ByIdDto, Page } from '../common/pagination';
import type { MessageDto } from '../identity/auth.dto';
import type { MediaStatsRequest } from '../telephony/media';
import type {
  AgentConversationsRequest, AiAgentDto, AiAgentQueryDto, CreateAiAgentDto, DeployAiAgentRequest, DeployAiAgentResult,
  UpdateAiAgentRequest,
} from './ai-agent.dto';
import type {
  AiProvidersDto, AiQueryDto, AiQueryResultDto, AiSettingsDto, AiSettingsView, OpenAIConnectionResult, RecommendationDto,
  RecommendationRequestDto,
} from './ai.dto';
import type { PhoneAnsweredRequest, PhoneMachineRequest, PhoneSpeechRequest, PhoneTurnDto } from './phone-conversation.dto';
import type { OnboardingDeployDto, OnboardingVoiceDto, SetupCompleteDto, SetupCompleteResultDto } from './setup.dto';
import type {
  AgentConversationsDto, CreateVoiceCallDto, EndVoiceCallRequest, EndVoiceCallResult, RespondVoiceCallRequest,
  StartVoiceCallResult, VoiceCallDetailDto, VoiceCallDto, VoiceCallQueryDto,
} from './voice-call.dto';
import type { VoiceTurnResultDto } from './conversation.dto';
import type { RealtimeMediaStats } from './realtime-media.dto';

export const VoiceAiSubjects = {
  listAgents: 'voice-ai.agent.list',
  createAgent: 'voice-ai.agent.create',
  getAgent: 'voice-ai.agent.get',
  updateAgent: 'voice-ai.agent.update',
  deleteAgent: 'voice-ai.agent.delete',
  pauseAgent: 'voice-ai.agent.pause',
  activateAgent: 'voice-ai.agent.activate',
  deployAgent: 'voice-ai.agent.deploy',
  agentConversations: 'voice-ai.agent.conversations',
  onboardingVoice: 'voice-ai.onboarding.voice',
  onboardingDeploy: 'voice-ai.onboarding.deploy',
  setupComplete: 'voice-ai.setup.complete',
  listVoiceCalls: 'voice-ai.call.list',
  createVoiceCall: 'voice-ai.call.create',
  getVoiceCall: 'voice-ai.call.get',
  startVoiceCall: 'voice-ai.call.start',
  respondVoiceCall: 'voice-ai.call.respond',
  endVoiceCall: 'voice-ai.call.end',
  /** Telephony, at each webhook of a phone call an AI agent holds. */
  phoneAnswered: 'voice-ai.phone.answered',
  phoneSpeech: 'voice-ai.phone.speech',
  phoneMachine: 'voice-ai.phone.machine',
  aiQuery: 'voice-ai.ai.query',
  aiProviders: 'voice-ai.ai.providers',
  recommendations: 'voice-ai.intelligence.recommendations',
  getSettings: 'voice-ai.settings.get',
  updateSettings: 'voice-ai.settings.update',
  /** `POST /config/test-connection`'s OpenAI half. */
  testConnection: 'voice-ai.connection.test',
  /** This replica's Realtime media bridges and the latency they add (benchmarks, diagnostics). */
  mediaStats: 'voice-ai.media.stats',
} as const;

export interface VoiceAiRequests {
  [VoiceAiSubjects.listAgents]: { req: AiAgentQueryDto; res: Page<AiAgentDto> };
  [VoiceAiSubjects.createAgent]: { req: CreateAiAgentDto; res: AiAgentDto };
  [VoiceAiSubjects.getAgent]: { req: ByIdDto; res: AiAgentDto };
  [VoiceAiSubjects.updateAgent]: { req: UpdateAiAgentRequest; res: AiAgentDto };
  [VoiceAiSubjects.deleteAgent]: { req: ByIdDto; res: MessageDto };
  [VoiceAiSubjects.pauseAgent]: { req: ByIdDto; res: AiAgentDto };
  [VoiceAiSubjects.activateAgent]: { req: ByIdDto; res: AiAgentDto };
  [VoiceAiSubjects.deployAgent]: { req: DeployAiAgentRequest; res: DeployAiAgentResult };
  [VoiceAiSubjects.agentConversations]: { req: AgentConversationsRequest; res: AgentConversationsDto };
  [VoiceAiSubjects.onboardingVoice]: { req: OnboardingVoiceDto; res: AiAgentDto };
  [VoiceAiSubjects.onboardingDeploy]: { req: OnboardingDeployDto; res: DeployAiAgentResult };
  [VoiceAiSubjects.setupComplete]: { req: SetupCompleteDto; res: SetupCompleteResultDto };
  [VoiceAiSubjects.listVoiceCalls]: { req: VoiceCallQueryDto; res: Page<VoiceCallDto> };
  [VoiceAiSubjects.createVoiceCall]: { req: CreateVoiceCallDto; res: VoiceCallDto };
  [VoiceAiSubjects.getVoiceCall]: { req: ByIdDto; res: VoiceCallDetailDto };
  [VoiceAiSubjects.startVoiceCall]: { req: ByIdDto; res: StartVoiceCallResult };
  [VoiceAiSubjects.respondVoiceCall]: { req: RespondVoiceCallRequest; res: VoiceTurnResultDto };
  [VoiceAiSubjects.endVoiceCall]: { req: EndVoiceCallRequest; res: EndVoiceCallResult };
  [VoiceAiSubjects.phoneAnswered]: { req: PhoneAnsweredRequest; res: PhoneTurnDto };
  [VoiceAiSubjects.phoneSpeech]: { req: PhoneSpeechRequest; res: PhoneTurnDto };
  [VoiceAiSubjects.phoneMachine]: { req: PhoneMachineRequest; res: PhoneTurnDto };
  [VoiceAiSubjects.aiQuery]: { req: AiQueryDto; res: AiQueryResultDto };
  [VoiceAiSubjects.aiProviders]: { req: Record<string, never>; res: AiProvidersDto };
  [VoiceAiSubjects.recommendations]: { req: RecommendationRequestDto; res: RecommendationDto };
  [VoiceAiSubjects.getSettings]: { req: Record<string, never>; res: AiSettingsView };
  [VoiceAiSubjects.updateSettings]: { req: AiSettingsDto; res: AiSettingsView };
  [VoiceAiSubjects.testConnection]: { req: Record<string, never>; res: OpenAIConnectionResult };
  [VoiceAiSubjects.mediaStats]: { req: MediaStatsRequest; res: RealtimeMediaStats };
}
