import { IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

/**
 * voice-ai → telephony when an agent is deployed: inbound calls to the number are answered by the
 * agent. Without a number, the tenant's Twilio number (telephony settings) is bound. A number
 * bound to another agent moves to this one.
 */
export class BindNumberRequest {
  @IsUUID('all') ai_agent_id: string;
  @IsOptional() @IsString() @MinLength(3) @MaxLength(40) phone_number?: string;
}

export class UnbindNumberRequest {
  @IsUUID('all') ai_agent_id: string;
}

export interface NumberBindingDto {
  phone_number: string;
  ai_agent_id: string;
  bound_at: string;
}
