import type { AudioEncoding } from './audio-format';
import type { JsonSchema } from './json-schema-filler';
import type { ScriptedTool, ScriptedToolChoice } from './scripted-model';

/**
 * A Realtime session's configuration in both wire shapes: GA (`type: 'realtime'`, `audio.input.format
 * {type: 'audio/pcmu'}`, `output_modalities`; what the SDK's `openai/realtime/ws` speaks) and beta
 * (`OpenAI-Beta: realtime=v1`: `input_audio_format: 'g711_ulaw'`, `modalities`, `voice` at the top).
 * session.update merges into it the way OpenAI does, refusing parameters the shape doesn't have.
 */

export type RealtimeProtocol = 'ga' | 'beta';

/** What the fake acts on, whatever the shape. */
export interface EffectiveSessionConfig {
  inputEncoding: AudioEncoding;
  outputEncoding: AudioEncoding;
  /** null: the client commits the input buffer itself. */
  turnDetection: { silenceMs: number; createResponse: boolean; interruptResponse: boolean } | null;
  transcription: boolean;
  modalities: Array<'text' | 'audio'>;
  tools: ScriptedTool[];
  toolChoice: ScriptedToolChoice;
  voice: string;
  instructions: string;
}

type Json = Record<string, unknown>;

const DEFAULT_SILENCE_MS = 400;
const DEFAULT_INSTRUCTIONS = 'You are a helpful, witty, and friendly AI.';

const GA_KEYS = new Set([
  'type', 'audio', 'include', 'instructions', 'max_output_tokens', 'model', 'output_modalities', 'parallel_tool_calls',
  'prompt', 'reasoning', 'tool_choice', 'tools', 'tracing', 'truncation', 'id', 'object', 'expires_at',
]);
const BETA_KEYS = new Set([
  'modalities', 'instructions', 'voice', 'input_audio_format', 'output_audio_format', 'input_audio_transcription', 'turn_detection',
  'tools', 'tool_choice', 'temperature', 'max_response_output_tokens', 'input_audio_noise_reduction', 'speed', 'tracing', 'model',
  'include', 'id', 'object', 'expires_at', 'client_secret',
]);

export function defaultSession(protocol: RealtimeProtocol, id: string, model: string): Json {
  const expiresAt = Math.floor(Date.now() / 1000) + 3600;
  const turnDetection = { type: 'server_vad', threshold: 0.5, prefix_padding_ms: 300, silence_duration_ms: DEFAULT_SILENCE_MS, create_response: true, interrupt_response: true };
  if (protocol === 'beta') {
    return {
      id, object: 'realtime.session', model, expires_at: expiresAt, modalities: ['text', 'audio'], instructions: DEFAULT_INSTRUCTIONS,
      voice: 'alloy', input_audio_format: 'pcm16', output_audio_format: 'pcm16', input_audio_transcription: null, turn_detection: turnDetection,
      tools: [], tool_choice: 'auto', temperature: 0.8, max_response_output_tokens: 'inf', speed: 1, tracing: null,
      input_audio_noise_reduction: null, include: null,
    };
  }
  return {
    type: 'realtime', object: 'realtime.session', id, model, output_modalities: ['audio'], instructions: DEFAULT_INSTRUCTIONS,
    tools: [], tool_choice: 'auto', max_output_tokens: 'inf', tracing: null, truncation: 'auto', prompt: null, expires_at: expiresAt, include: null,
    audio: {
      input: { format: { type: 'audio/pcm', rate: 24000 }, transcription: null, noise_reduction: null, turn_detection: { ...turnDetection, idle_timeout_ms: null } },
      output: { format: { type: 'audio/pcm', rate: 24000 }, voice: 'alloy', speed: 1 },
    },
  };
}

/** The merged session, or the error OpenAI would answer the update with. */
export function applySessionUpdate(protocol: RealtimeProtocol, current: Json, update: unknown): { session: Json } | { error: { message: string; param: string; code: string } } {
  if (!update || typeof update !== 'object') return { error: { message: "Missing required parameter: 'session'.", param: 'session', code: 'missing_required_parameter' } };
  const patch = update as Json;
  if (protocol === 'ga' && patch.type === undefined) {
    return { error: { message: "Missing required parameter: 'session.type'.", param: 'session.type', code: 'missing_required_parameter' } };
  }
  if (protocol === 'ga' && patch.type !== 'realtime' && patch.type !== 'transcription') {
    return { error: { message: `Invalid value: '${String(patch.type)}'. Supported values are: 'realtime' and 'transcription'.`, param: 'session.type', code: 'invalid_value' } };
  }
  const known = protocol === 'ga' ? GA_KEYS : BETA_KEYS;
  const unknown = Object.keys(patch).find((key) => !known.has(key));
  if (unknown) return { error: { message: `Unknown parameter: 'session.${unknown}'.`, param: `session.${unknown}`, code: 'unknown_parameter' } };
  const encodingError = checkEncodings(protocol, patch);
  if (encodingError) return { error: encodingError };
  return { session: merge(current, patch) };
}

/** Objects merge key by key; arrays, formats and turn detection are replaced whole, as OpenAI does. */
function merge(base: Json, patch: Json): Json {
  const out: Json = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    const prior = out[key];
    const replaceWhole = key === 'format' || key === 'turn_detection' || key === 'transcription' || key === 'tools';
    out[key] = !replaceWhole && isPlain(prior) && isPlain(value) ? merge(prior, value) : value;
  }
  return out;
}

function isPlain(value: unknown): value is Json {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

function checkEncodings(protocol: RealtimeProtocol, patch: Json): { message: string; param: string; code: string } | null {
  if (protocol === 'beta') {
    for (const key of ['input_audio_format', 'output_audio_format']) {
      const value = patch[key];
      if (value !== undefined && !['pcm16', 'g711_ulaw', 'g711_alaw'].includes(value as string)) {
        return { message: `Invalid value: '${String(value)}'. Supported values are: 'pcm16', 'g711_ulaw', and 'g711_alaw'.`, param: `session.${key}`, code: 'invalid_value' };
      }
    }
    return null;
  }
  const audio = patch.audio as { input?: { format?: { type?: unknown } }; output?: { format?: { type?: unknown } } } | undefined;
  for (const [side, format] of [['input', audio?.input?.format], ['output', audio?.output?.format]] as const) {
    if (format !== undefined && !['audio/pcm', 'audio/pcmu', 'audio/pcma'].includes(format?.type as string)) {
      return { message: `Invalid value: '${String(format?.type)}'. Supported values are: 'audio/pcm', 'audio/pcmu', and 'audio/pcma'.`, param: `session.audio.${side}.format.type`, code: 'invalid_value' };
    }
  }
  return null;
}

const GA_ENCODING: Record<string, AudioEncoding> = { 'audio/pcmu': 'pcmu', 'audio/pcma': 'pcma', 'audio/pcm': 'pcm16' };
const BETA_ENCODING: Record<string, AudioEncoding> = { g711_ulaw: 'pcmu', g711_alaw: 'pcma', pcm16: 'pcm16' };

export function effectiveConfig(protocol: RealtimeProtocol, session: Json): EffectiveSessionConfig {
  const ga = protocol === 'ga';
  const audio = (session.audio ?? {}) as { input?: Json; output?: Json };
  const input = audio.input ?? {};
  const output = audio.output ?? {};
  const turn = (ga ? input.turn_detection : session.turn_detection) as
    | { type?: string; silence_duration_ms?: number; create_response?: boolean; interrupt_response?: boolean; eagerness?: string }
    | null
    | undefined;
  return {
    inputEncoding: ga ? GA_ENCODING[(input.format as Json | undefined)?.type as string] ?? 'pcm16' : BETA_ENCODING[session.input_audio_format as string] ?? 'pcm16',
    outputEncoding: ga ? GA_ENCODING[(output.format as Json | undefined)?.type as string] ?? 'pcm16' : BETA_ENCODING[session.output_audio_format as string] ?? 'pcm16',
    turnDetection: turn
      ? {
          silenceMs: turn.type === 'semantic_vad' ? semanticSilence(turn.eagerness) : turn.silence_duration_ms ?? DEFAULT_SILENCE_MS,
          createResponse: turn.create_response !== false,
          interruptResponse: turn.interrupt_response !== false,
        }
      : null,
    transcription: !!(ga ? input.transcription : session.input_audio_transcription),
    modalities: ((ga ? session.output_modalities : session.modalities) as Array<'text' | 'audio'> | undefined) ?? ['audio'],
    tools: functionTools(session.tools),
    toolChoice: toolChoiceOf(session.tool_choice),
    voice: String((ga ? output.voice : session.voice) ?? 'alloy'),
    instructions: String(session.instructions ?? ''),
  };
}

/** semantic_vad waits longer when told to be less eager. */
function semanticSilence(eagerness: string | undefined): number {
  return eagerness === 'low' ? 800 : eagerness === 'high' ? 250 : 500;
}

export function functionTools(tools: unknown): ScriptedTool[] {
  if (!Array.isArray(tools)) return [];
  return tools
    .filter((tool: { type?: string; name?: unknown }) => (tool?.type ?? 'function') === 'function' && typeof tool?.name === 'string')
    .map((tool: { name: string; parameters?: JsonSchema }) => ({ name: tool.name, parameters: tool.parameters }));
}

export function toolChoiceOf(choice: unknown): ScriptedToolChoice {
  if (choice === 'none' || choice === 'required' || choice === 'auto') return choice;
  if (choice && typeof choice === 'object' && typeof (choice as { name?: unknown }).name === 'string') return { name: (choice as { name: string }).name };
  return 'auto';
}
