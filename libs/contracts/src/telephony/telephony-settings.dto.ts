import { IsIn, IsObject, IsOptional, IsString, IsUrl, Matches, MaxLength, MinLength } from 'class-validator';

/** `PUT /config/telephony`: the tenant's Twilio account. The token is write-only. */
export class TelephonySettingsDto {
  @Matches(/^AC[0-9a-fA-F]{32}$/, { message: 'twilio_account_sid must look like AC followed by 32 hex digits' })
  twilio_account_sid: string;

  /** Omit to keep the stored token. */
  @IsOptional() @IsString() @MinLength(16) @MaxLength(128)
  twilio_auth_token?: string;

  @Matches(/^\+[1-9]\d{6,14}$/, { message: 'twilio_phone_number must be E.164, e.g. +14155550100' })
  twilio_phone_number: string;

  /** The public base URL Twilio reaches this platform at (webhooks are signed against it); the service default otherwise. */
  @IsOptional() @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  public_base_url?: string;
}

export interface TelephonySettingsView {
  twilio_account_sid: string | null;
  /** Masked: the last 4 characters only, e.g. "••••••••1a2b"; null when none is stored. */
  twilio_auth_token: string | null;
  twilio_phone_number: string | null;
  public_base_url: string | null;
  configured: boolean;
  updated_at: string | null;
}

/**
 * The Twilio webhooks the gateway forwards: `POST /telephony/twilio/<kind>`. An escalation adds
 * three: `dial` (the <Dial> to an agent ended: DialCallStatus), `queue` (the caller left the human
 * queue: QueueResult) and `wait` (Twilio asks what a caller on hold hears).
 */
export const TWILIO_WEBHOOK_KINDS = ['voice', 'status', 'gather', 'recording', 'amd', 'dial', 'queue', 'wait'] as const;
export type TwilioWebhookKind = (typeof TWILIO_WEBHOOK_KINDS)[number];

/** A Twilio webhook as the gateway received it; telephony verifies the signature. */
export class TwilioWebhookRequest {
  @IsIn(TWILIO_WEBHOOK_KINDS) kind: TwilioWebhookKind;
  /** From the webhook URL (set when the call was created); anything but a known tenant is refused 403. */
  @IsString() @MaxLength(100) tenant_id: string;
  /** The path and query Twilio requested (`/api/v1/telephony/twilio/status?tenant=…`), signed with the public base URL. */
  @IsString() @Matches(/^\//, { message: 'path must start with /' }) @MaxLength(2000) path: string;
  /** The form parameters exactly as posted (untrimmed); a repeated key as the list of its values. */
  @IsObject() params: Record<string, string | string[]>;
  /** The X-Twilio-Signature header; missing means the webhook is refused. */
  @IsOptional() @IsString() signature?: string;
}

/** What the gateway writes back to Twilio. */
export interface TwilioWebhookResponse {
  content_type: 'text/xml' | 'text/plain';
  body: string;
}

/** Where the gateway serves the Twilio webhooks (`${PUBLIC_BASE_URL}${TWILIO_WEBHOOK_PATH}/<kind>?tenant=<id>`). */
export const TWILIO_WEBHOOK_PATH = '/api/v1/telephony/twilio';
