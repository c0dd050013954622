import { Injectable } from '@nestjs/common';
import { toFile } from 'openai';
import { WaveFile } from 'wavefile';
import type { VoiceSettingsView } from '@parley/contracts';
import { ServiceUnavailableException, ValidationException } from '@parley/platform';
import { describeOpenAIError } from '../settings/openai-connection-check';
import { OpenAIClients } from '../settings/openai-clients';

const TRANSCRIPTION_MODEL = 'whisper-1';
const SPEECH_MODEL = 'tts-1';
/** The Speech API's voice when the agent speaks through Twilio (its voice ids mean nothing to OpenAI). */
const FALLBACK_SPEECH_VOICE = 'alloy';

/** Audio a caller sent over REST or the realtime socket: a WAV file as is, anything else read as raw μ-law 8 kHz (Twilio's format). */
export function asWav(audio: Buffer): Buffer {
  if (audio.subarray(0, 4).toString('latin1') === 'RIFF' && audio.subarray(8, 12).toString('latin1') === 'WAVE') return audio;
  const wav = new WaveFile();
  wav.fromScratch(1, 8000, '8m', audio);
  return Buffer.from(wav.toBuffer());
}

/**
 * Speech in and out of a text conversation, through the tenant's OpenAI-compatible provider:
 * transcription (whisper-1) of what the caller sent, speech (tts-1, WAV) of the answer.
 */
@Injectable()
export class CallSpeech {
  constructor(private readonly clients: OpenAIClients) {}

  async transcribe(tenantId: string, audioBase64: string, language: string): Promise<string> {
    const target = await this.clients.clientFor(tenantId);
    if (!target) throw new ValidationException('no speech provider configured: send text, or configure OpenAI (PUT /config/ai)', { field: 'audio_data' });
    const audio = Buffer.from(audioBase64, 'base64');
    if (audio.length === 0) throw new ValidationException('audio_data is empty', { field: 'audio_data' });
    try {
      const transcription = await target.client.audio.transcriptions.create({
        file: await toFile(asWav(audio), 'speech.wav', { type: 'audio/wav' }),
        model: TRANSCRIPTION_MODEL,
        language: language.slice(0, 2),
      });
      return transcription.text.trim();
    } catch (error) {
      throw new ServiceUnavailableException('the speech provider could not transcribe the audio', { provider: 'openai', ...describeOpenAIError(error) });
    }
  }

  /** Base64 WAV of `text` in the agent's voice; null when the tenant has no speech provider. */
  async synthesize(tenantId: string, text: string, voice: VoiceSettingsView): Promise<string | null> {
    const target = await this.clients.clientFor(tenantId);
    if (!target || !text.trim()) return null;
    try {
      const response = await target.client.audio.speech.create({
        model: SPEECH_MODEL,
        voice: voice.provider === 'openai' ? voice.voice_id : FALLBACK_SPEECH_VOICE,
        input: text.slice(0, 4096),
        response_format: 'wav',
        speed: voice.speed,
      });
      return Buffer.from(await response.arrayBuffer()).toString('base64');
    } catch (error) {
      throw new ServiceUnavailableException('the speech provider could not speak the answer', { provider: 'openai', ...describeOpenAIError(error) });
    }
  }

  async available(tenantId: string): Promise<boolean> {
    return this.clients.configured(tenantId);
  }
}
