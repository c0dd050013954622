import type { VoiceSettingsView } from '@parley/contracts';
import type { ResponseCreateEvent, SessionUpdateEvent } from 'openai/resources/realtime/realtime';
import type { ConversationContext } from '../engine/conversation-engine';
import { realtimeTools } from '../engine/openai/agent-tool-definitions';
import { conversationInstructions, fillGreeting } from '../engine/openai/conversation-prompt';

/** What the session needs beyond the conversation. */
export interface RealtimeSessionSettings {
  voice: VoiceSettingsView;
  /** Voice when the agent's is not an OpenAI voice (OPENAI_REALTIME_VOICE). */
  defaultVoice: string;
  /** Speech-to-text of the caller's audio, for the transcript (the model itself hears the audio). */
  transcriptionModel: string;
}

/** The model's voices speak between 0.25× and 1.5×. */
const MIN_SPEED = 0.25;
const MAX_SPEED = 1.5;

/**
 * The session of a phone call: Twilio's G.711 μ-law both ways (`audio/pcmu`: no resampling),
 * server VAD that interrupts the answer when the caller talks, the caller transcribed for the
 * record, the agent's instructions and tools.
 */
export function realtimeSessionUpdate(ctx: ConversationContext, settings: RealtimeSessionSettings): SessionUpdateEvent {
  const voice = settings.voice.provider === 'openai' && settings.voice.voice_id ? settings.voice.voice_id : settings.defaultVoice;
  const tools = realtimeTools(ctx.agent.tools);
  return {
    type: 'session.update',
    session: {
      type: 'realtime',
      output_modalities: ['audio'],
      instructions: conversationInstructions(ctx, 'spoken'),
      audio: {
        input: {
          format: { type: 'audio/pcmu' },
          transcription: { model: settings.transcriptionModel, language: ctx.agent.language.slice(0, 2) },
          turn_detection: { type: 'server_vad', create_response: true, interrupt_response: true, prefix_padding_ms: 300, silence_duration_ms: 500 },
          noise_reduction: { type: 'far_field' },
        },
        output: {
          format: { type: 'audio/pcmu' },
          voice,
          speed: Math.min(MAX_SPEED, Math.max(MIN_SPEED, settings.voice.speed || 1)),
        },
      },
      ...(tools.length > 0 ? { tools, tool_choice: 'auto' as const } : {}),
    },
  };
}

/** The first answer of the call: the agent's greeting said as written, or an opening the model words itself. */
export function openingResponse(ctx: ConversationContext): ResponseCreateEvent {
  const greeting = ctx.agent.greeting.trim();
  const direction = greeting
    ? `The call has just connected. Open it by saying exactly: "${fillGreeting(greeting, ctx)}"`
    : 'The call has just connected. Greet the caller by name if you know it, introduce yourself and the reason for the call in one or two short sentences, and end with a question.';
  // A response's instructions replace the session's for that response: the persona goes along, after the task.
  return { type: 'response.create', response: { instructions: `${direction}\n\n${conversationInstructions(ctx, 'spoken')}` } };
}
