import { bool, num, str, url } from 'envalid';
import { baseConfigSpec, databaseConfigSpec, encryptionKeyValidator, optionalBaseUrl, type ConfigOf } from '@parley/platform';
import { mediaConfigSpec } from './media/media.config';

const encryptionKey = encryptionKeyValidator('telephony');

export const telephonyConfigSpec = {
  ...baseConfigSpec('telephony'),
  ...databaseConfigSpec('telephony'),
  ...mediaConfigSpec,
  PUBLIC_BASE_URL: url({ default: 'http://localhost:8000', desc: 'the public URL Twilio reaches the gateway at: webhook URLs are built from it and signatures checked against it (a tenant may override it in its settings)' }),
  TWILIO_API_BASE_URL: optionalBaseUrl({ default: '', desc: "where the Twilio SDK's REST requests go instead of https://api.twilio.com (a fake Twilio in tests and local runs); empty: real Twilio" }),
  TWILIO_REQUEST_TIMEOUT_MS: num({ default: 10_000, desc: 'how long one Twilio REST request may take' }),
  TWILIO_MACHINE_DETECTION: bool({ default: true, desc: 'ask Twilio to detect answering machines on outbound calls (async, reported to the amd webhook; Twilio bills it per call)' }),
  TWILIO_RECORD_CALLS: bool({ default: false, desc: 'record outbound calls (Twilio reports the recording to the recording webhook); check the consent law where you call' }),
  // Unset outside production: the development key is used, with a warning at boot.
  TELEPHONY_ENCRYPTION_KEY: encryptionKey({
    default: undefined,
    requiredWhen: (env) => env['NODE_ENV'] === 'production',
    desc: 'AES-256-GCM key for the tenants\' Twilio auth tokens at rest: 32 bytes as 64 hex digits or base64 (`openssl rand -hex 32`); required in production',
  }),
  DEFAULT_PHONE_REGION: str({ default: 'US', desc: 'ISO country whose national numbers are accepted without a +country code' }),
  DIAL_RATE_LIMIT_PER_MINUTE: num({ default: 60, desc: "outbound calls one tenant may place in any 60 s (all replicas; 0: no limit): a runaway script or a stolen token cannot dial thousands of numbers on the tenant's Twilio bill" }),
  COMPLIANCE_CHECK_TIMEOUT_MS: num({ default: 3000, desc: 'how long an outbound call waits for compliance to allow it; no answer refuses the call (503)' }),
  WEBHOOK_RECEIPT_TTL_H: num({ default: 48, desc: 'how long a Twilio webhook is remembered so a retried delivery changes nothing' }),
  ESCALATION_DIAL_TIMEOUT_S: num({ default: 20, desc: "how long an escalated call rings the agent's softphone before the caller goes to the human queue" }),
  ESCALATION_LOOKUP_TIMEOUT_MS: num({ default: 2000, desc: 'how long an escalation waits for identity (available agents) and leads (routing) before the caller goes to the human queue' }),
  VOICE_AI_TIMEOUT_MS: num({ default: 5000, desc: "how long a Twilio webhook of a call an AI agent holds waits for voice-ai's next turn (Twilio gives up at 15 s); no answer sends the caller to the human queue" }),
  HOLD_MUSIC_URL: optionalBaseUrl({ default: 'http://com.twilio.sounds.music.s3.amazonaws.com/MARKOVICHAMP-Borghestral.mp3', desc: 'audio Twilio plays to a caller waiting in the human queue (between position announcements); empty: silence' }),
};

export type TelephonyConfig = ConfigOf<typeof telephonyConfigSpec>;

/** Injection token of the validated telephony config. */
export const TELEPHONY_CONFIG = Symbol('TELEPHONY_CONFIG');
