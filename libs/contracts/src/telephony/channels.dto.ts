import { Type } from 'class-transformer';
import {
  IsBoolean, IsEmail, IsOptional, IsString, Matches, MaxLength, ValidateIf, ValidateNested,
} from 'class-validator';

const E164 = /^\+[1-9]\d{6,14}$/;
const E164_MESSAGE = (field: string) => `${field} must be E.164, e.g. +14155550100`;

export class ChatWidgetSettingsDto {
  @IsBoolean()
  enabled: boolean;

  /** The first message the widget shows. */
  @IsOptional() @IsString() @MaxLength(500)
  greeting?: string;

  /** The widget's accent colour, as #rrggbb. */
  @IsOptional() @Matches(/^#[0-9a-fA-F]{6}$/, { message: 'chat_widget.color must be a colour like #1a73e8' })
  color?: string;
}

export class WhatsappSettingsDto {
  @IsBoolean()
  enabled: boolean;

  /** The WhatsApp Business number; required to enable the channel. */
  @ValidateIf((o: WhatsappSettingsDto) => o.enabled || o.number !== undefined)
  @Matches(E164, { message: E164_MESSAGE('whatsapp.number') })
  number?: string;
}

export class EmailChannelSettingsDto {
  @IsBoolean()
  enabled: boolean;

  /** The address customers write to; required to enable the channel. */
  @ValidateIf((o: EmailChannelSettingsDto) => o.enabled || o.address !== undefined)
  @IsEmail({}, { message: 'email.address must be an email address' }) @MaxLength(254)
  address?: string;
}

/**
 * `POST /onboarding/channels`: the channels a tenant serves customers on. Each section given
 * replaces that section; sections left out keep what was saved.
 */
export class ChannelSettingsDto {
  /** The Twilio number customers call; its Voice URL and status callback are pointed at Parley. */
  @IsOptional() @Matches(E164, { message: E164_MESSAGE('phone_number') })
  phone_number?: string;

  @IsOptional() @ValidateNested() @Type(() => ChatWidgetSettingsDto)
  chat_widget?: ChatWidgetSettingsDto;

  @IsOptional() @ValidateNested() @Type(() => WhatsappSettingsDto)
  whatsapp?: WhatsappSettingsDto;

  @IsOptional() @ValidateNested() @Type(() => EmailChannelSettingsDto)
  email?: EmailChannelSettingsDto;
}

export interface PhoneChannelView {
  number: string | null;
  /** Whether the number's Voice URL and status callback point at Parley's webhooks on Twilio. */
  twilio_webhooks_configured: boolean;
  /** Twilio's sid of the number (PN…), once found on the tenant's account. */
  twilio_phone_number_sid: string | null;
  voice_url: string | null;
  status_callback_url: string | null;
  configured_at: string | null;
  /** Why the webhooks are not configured (telephony not set up yet), when they are not. */
  note: string | null;
}

export interface ChannelSettingsView {
  phone: PhoneChannelView;
  chat_widget: { enabled: boolean; greeting: string | null; color: string | null };
  whatsapp: { enabled: boolean; number: string | null };
  email: { enabled: boolean; address: string | null };
  updated_at: string | null;
}
