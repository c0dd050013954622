import type VoiceResponseType from 'twilio/lib/twiml/VoiceResponse';
import type { VoiceSettingsView } from '@parley/contracts';

/** How Twilio speaks an AI agent's words: a <Say> voice and language, and a speaking rate (SSML). */
export interface SpokenVoice {
  voice?: string;
  language?: string;
  /** SSML prosody rate in percent (100 is normal); only Polly and Google voices read SSML. */
  ratePercent?: number;
}

/** Twilio's <Say> voices: the basic ones, Amazon Polly's and Google's. */
const TWILIO_VOICE = /^(man|woman|alice|Polly\.[\w-]+|Google\.[\w-]+)$/;
const SSML_VOICE = /^(Polly|Google)\./;

/**
 * The agent's voice settings as Twilio can speak them. A voice of another provider (an OpenAI
 * voice, when the call is not streamed) is not a Twilio voice: Twilio's default speaks instead.
 */
export function spokenVoiceOf(settings: VoiceSettingsView): SpokenVoice {
  const voice = settings.provider === 'twilio' && TWILIO_VOICE.test(settings.voice_id) ? settings.voice_id : undefined;
  const rate = Math.round(settings.speed * 100);
  return {
    voice,
    language: settings.language || undefined,
    ratePercent: voice && SSML_VOICE.test(voice) && rate !== 100 ? rate : undefined,
  };
}

/** <Say> attributes for Twilio's SDK (its types list every voice and language; ours were checked when the agent was saved). */
export function sayAttributes(voice: SpokenVoice | undefined): VoiceResponseType.SayAttributes {
  const attributes: VoiceResponseType.SayAttributes = {};
  if (voice?.voice) attributes.voice = voice.voice as VoiceResponseType.SayAttributes['voice'];
  if (voice?.language) attributes.language = voice.language as VoiceResponseType.SayAttributes['language'];
  return attributes;
}

/** Adds `text` as a <Say> to `parent` (a <Response> or a <Gather>) in `voice`, at its rate. */
export function sayIn(parent: { say(attributes: VoiceResponseType.SayAttributes, message: string): VoiceResponseType.Say }, text: string, voice: SpokenVoice | undefined): void {
  if (voice?.ratePercent) {
    parent.say(sayAttributes(voice), '').prosody({ rate: `${voice.ratePercent}%` }, text);
    return;
  }
  parent.say(sayAttributes(voice), text);
}
