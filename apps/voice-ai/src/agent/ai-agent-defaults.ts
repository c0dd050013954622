import {
  AI_AGENT_TOOLS, type AiAgentChannel, type AiAgentTool, type ConversationProvider, type VoiceSettingsDto, type VoiceSettingsView,
} from '@parley/contracts';

/** Twilio's <Say> voice of agents that speak through Gather (Amazon Polly, natural-sounding, en-US). */
export const DEFAULT_TWILIO_VOICE = 'Polly.Joanna-Neural';
export const DEFAULT_LANGUAGE = 'en-US';
export const DEFAULT_CHANNELS: AiAgentChannel[] = ['phone'];
export const DEFAULT_TOOLS: AiAgentTool[] = [...AI_AGENT_TOOLS];

/**
 * The voice an agent speaks with: what it names over the current one (or the defaults). An agent
 * on the openai provider speaks with the Realtime API's voice by default, a local one through Twilio.
 */
export function agentVoice(
  provider: ConversationProvider,
  requested: VoiceSettingsDto | undefined,
  current: VoiceSettingsView | null,
  realtimeVoice: string,
): VoiceSettingsView {
  const base: VoiceSettingsView = current ?? (provider === 'openai'
    ? { provider: 'openai', voice_id: realtimeVoice, speed: 1, language: DEFAULT_LANGUAGE }
    : { provider: 'twilio', voice_id: DEFAULT_TWILIO_VOICE, speed: 1, language: DEFAULT_LANGUAGE });
  const voiceProvider = requested?.provider ?? base.provider;
  // A new speech provider without a voice id gets that provider's default, not the old provider's voice.
  const voiceId = requested?.voice_id ?? (voiceProvider === base.provider ? base.voice_id : voiceProvider === 'openai' ? realtimeVoice : DEFAULT_TWILIO_VOICE);
  return {
    provider: voiceProvider,
    voice_id: voiceId,
    speed: requested?.speed ?? base.speed,
    language: requested?.language ?? base.language,
  };
}
