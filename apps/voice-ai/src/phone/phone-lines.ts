import type { VoiceSettingsView } from '@parley/contracts';
import { DEFAULT_TWILIO_VOICE } from '../agent/ai-agent-defaults';

/** What the agent says when the caller stays silent, and when it gives up. */
export const SILENCE_PROMPT = 'Are you still there?';
export const SILENCE_GOODBYE = "I'm having trouble hearing you, so I'll let you go for now. Feel free to call us back anytime. Goodbye!";
/** Said when the agent cannot take the call (paused or removed) and a person takes over. */
export const AGENT_UNAVAILABLE_LINE = 'Please hold while I connect you with a member of our team.';

/** Twilio's AnsweredBy values that mean an answering machine (or fax) picked up. */
export function isMachine(answeredBy: string | undefined): boolean {
  return !!answeredBy && (answeredBy.startsWith('machine') || answeredBy === 'fax');
}

/**
 * The voice Twilio speaks a Gather line with: Realtime voices (alloy, verse…) mean nothing to
 * Twilio's <Say>, so an openai voice is spoken by Twilio's default in the same language and speed.
 */
export function sayVoice(voice: VoiceSettingsView): VoiceSettingsView {
  return voice.provider === 'twilio' ? voice : { ...voice, provider: 'twilio', voice_id: DEFAULT_TWILIO_VOICE };
}
