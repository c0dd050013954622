import { IsIn, IsNumber, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import type { VoiceSettingsView } from './ai-agent.dto';

/**
 * Telephony ↔ voice-ai for a live phone call. Telephony asks at each webhook (answered, speech
 * heard, machine detected) and turns the answer into TwiML: `gather` speaks `say` inside a
 * <Gather input="speech">, `stream` connects a Media Stream (the OpenAI realtime path), `queue`
 * hands the caller to the human queue, `hangup` says `say` (if any) and ends the call.
 */
export const PHONE_TURN_MODES = ['gather', 'stream', 'transfer', 'hangup'] as const;
export type PhoneTurnMode = (typeof PHONE_TURN_MODES)[number];

export class PhoneAnsweredRequest {
  @IsUUID('all') call_id: string;
  @IsUUID('all') ai_agent_id: string;
  @IsOptional() @IsUUID('all') lead_id?: string;
  @IsIn(['inbound', 'outbound']) direction: 'inbound' | 'outbound';
  /** The other party's number (the caller inbound, the callee outbound), E.164. */
  @IsOptional() @IsString() @MaxLength(40) remote_number?: string;
  /** Twilio's AnsweredBy when answering-machine detection ran: human, machine_start, machine_end_beep, fax, unknown. */
  @IsOptional() @IsString() @MaxLength(40) answered_by?: string;
}

export class PhoneSpeechRequest {
  @IsUUID('all') call_id: string;
  /** What the caller said (Twilio's SpeechResult); empty when the caller stayed silent. */
  @IsString() @MaxLength(4000) text: string;
  @IsOptional() @IsNumber() confidence?: number;
}

export class PhoneMachineRequest {
  @IsUUID('all') call_id: string;
  @IsString() @MaxLength(40) answered_by: string;
}

export interface PhoneTurnDto {
  mode: PhoneTurnMode;
  /** What to say (<Say>) before listening, queueing or hanging up; null for stream mode. */
  say: string | null;
  voice: VoiceSettingsView;
  /** For `transfer`: why the caller goes to a human, and what the agent should know. */
  transfer?: { reason: string; summary: string };
  voice_call_id: string;
}
