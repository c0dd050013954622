import { audioSeconds, recogniseSpeech, synthesizeSpeech } from './fake-speech';
import { invalidRequest, type FakeOpenAIRoute, type FormFile } from './openai-wire';

/**
 * POST /v1/audio/speech (JSON in, audio bytes out) and POST /v1/audio/transcriptions (multipart
 * in): the fake's TTS embeds its text in the audio, and its transcription reads it back; any other
 * audio transcribes as "(inaudible)".
 */

export const INAUDIBLE = '(inaudible)';
const SPEECH_FORMATS = ['mp3', 'opus', 'aac', 'flac', 'wav', 'pcm'];
const CONTENT_TYPES: Record<string, string> = { wav: 'audio/wav', pcm: 'audio/pcm' };

export function speechRoute(): FakeOpenAIRoute {
  return ({ body }) => {
    const request = (body ?? {}) as { model?: unknown; input?: unknown; voice?: unknown; response_format?: unknown; speed?: unknown };
    if (typeof request.model !== 'string' || !request.model) return invalidRequest('you must provide a model parameter', 'model');
    if (typeof request.input !== 'string' || request.input.length === 0) return invalidRequest("Missing required parameter: 'input'.", 'input', 'missing_required_parameter');
    if (request.input.length > 4096) return invalidRequest("Invalid 'input': string too long. Expected a string with maximum length 4096.", 'input', 'string_above_max_length');
    if (request.voice === undefined || request.voice === '') return invalidRequest("Missing required parameter: 'voice'.", 'voice', 'missing_required_parameter');
    const format = (request.response_format as string | undefined) ?? 'mp3';
    if (!SPEECH_FORMATS.includes(format)) return invalidRequest(`Invalid value: '${format}'. Supported values are: ${SPEECH_FORMATS.map((f) => `'${f}'`).join(', ')}.`, 'response_format', 'invalid_value');
    if (format !== 'wav' && format !== 'pcm') {
      return invalidRequest(`The fake OpenAI renders speech as 'wav' or 'pcm' only; ask for one of those (got '${format}').`, 'response_format', 'unsupported_value');
    }
    const speed = typeof request.speed === 'number' ? request.speed : 1;
    if (speed < 0.25 || speed > 4) return invalidRequest(`Invalid 'speed': ${speed}. Expected a value between 0.25 and 4.`, 'speed', 'invalid_value');
    return { status: 200, body: synthesizeSpeech(request.input, format, speed), headers: { 'content-type': CONTENT_TYPES[format] } };
  };
}

export function transcriptionsRoute(): FakeOpenAIRoute {
  return ({ body }) => {
    const form = (body ?? {}) as { file?: FormFile | string; model?: unknown; response_format?: unknown; language?: unknown };
    if (!form.file || typeof form.file === 'string') return invalidRequest("Missing required parameter: 'file'.", 'file', 'missing_required_parameter');
    if (typeof form.model !== 'string' || !form.model) return invalidRequest("Missing required parameter: 'model'.", 'model', 'missing_required_parameter');
    const text = recogniseSpeech(form.file.bytes) ?? INAUDIBLE;
    const seconds = audioSeconds(form.file.bytes);
    const format = (form.response_format as string | undefined) ?? 'json';
    switch (format) {
      case 'json':
        return { status: 200, body: { text, usage: { type: 'duration', seconds: Math.ceil(seconds) } } };
      case 'text':
        return { status: 200, body: `${text}\n` };
      case 'verbose_json':
        return {
          status: 200,
          body: {
            task: 'transcribe',
            language: languageName(form.language),
            duration: seconds,
            text,
            segments: [{ id: 0, seek: 0, start: 0, end: seconds, text, tokens: [], temperature: 0, avg_logprob: -0.2, compression_ratio: 1, no_speech_prob: text === INAUDIBLE ? 0.9 : 0.01 }],
            usage: { type: 'duration', seconds: Math.ceil(seconds) },
          },
        };
      case 'srt':
        return { status: 200, body: `1\n00:00:00,000 --> ${timestamp(seconds, ',')}\n${text}\n\n` };
      case 'vtt':
        return { status: 200, body: `WEBVTT\n\n00:00:00.000 --> ${timestamp(seconds, '.')}\n${text}\n\n` };
      default:
        return invalidRequest(`Invalid value: '${format}'. Supported values are: 'json', 'text', 'srt', 'verbose_json', and 'vtt'.`, 'response_format', 'invalid_value');
    }
  };
}

function languageName(code: unknown): string {
  const names: Record<string, string> = { en: 'english', de: 'german', fr: 'french', es: 'spanish', it: 'italian', nl: 'dutch', pt: 'portuguese' };
  return names[String(code ?? 'en').slice(0, 2)] ?? 'english';
}

function timestamp(seconds: number, separator: string): string {
  const ms = Math.round(seconds * 1000);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}${separator}${pad(ms % 1000, 3)}`;
}
