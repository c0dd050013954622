import { bool, num, str } from 'envalid';
import { baseConfigSpec, loadConfig } from '@parley/platform';

export const gatewayConfigSpec = {
  ...baseConfigSpec('gateway'),
  PORT: num({ default: 8000, desc: 'HTTP port (0: any free port)' }),
  HOST: str({ default: '0.0.0.0' }),
  JWT_SECRET: str({ desc: 'HS256 key shared with identity (at least 32 characters)' }),
  RATE_LIMIT_USER_PER_MINUTE: num({ default: 100, desc: '0 turns the per-user limit off' }),
  RATE_LIMIT_IP_PER_HOUR: num({ default: 1000, desc: '0 turns the per-IP limit off' }),
  RATE_LIMIT_WEBHOOK_IP_PER_MINUTE: num({ default: 6000, desc: "per-IP limit of Twilio's signed webhooks instead of RATE_LIMIT_IP_PER_HOUR (Twilio calls from few addresses; a busy tenant sends thousands an hour); 0 turns it off" }),
  IDEMPOTENCY_TTL_HOURS: num({ default: 24 }),
  CORS_ORIGINS: str({ default: '*', desc: 'comma-separated origins, or *' }),
  WS_MAX_CONNECTIONS_PER_USER: num({ default: 1, desc: 'newest connections kept per user; 0: unlimited' }),
  TRUST_PROXY: bool({ default: false, desc: 'take the client IP from X-Forwarded-For' }),
  BODY_LIMIT_BYTES: num({ default: 1_048_576 }),
  READY_TIMEOUT_MS: num({ default: 1000, desc: 'how long /ready waits for each service' }),
  UPLOAD_MAX_BYTES: num({ default: 50 * 1024 * 1024, desc: 'largest uploaded file (lead imports, knowledge documents)' }),
  DIAL_TIMEOUT_MS: num({ default: 15_000, desc: 'how long the gateway waits for telephony to place or hang up a call (a compliance check plus a Twilio request)' }),
  VOICE_TURN_TIMEOUT_MS: num({ default: 60_000, desc: 'how long the gateway waits for voice-ai to answer a conversation turn, open or end a conversation, or answer /ai/query (the openai provider may take several model calls and tool rounds)' }),
  TELEPHONY_MEDIA_URL: str({ default: 'http://127.0.0.1:8091', desc: 'where the gateway passes Twilio\'s Media Streams WebSocket (/api/v1/telephony/twilio/media/*): telephony\'s MEDIA_PORT; empty: not served here (an ingress routes it to telephony)' }),
  IMPORT_TIMEOUT_MS: num({ default: 120_000, desc: 'how long the gateway waits for a service to finish an import (leads, do-not-call, document files) or write an export' }),
};

export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;

export function loadGatewayConfig(env: Record<string, string | undefined> = process.env) {
  const config = loadConfig(gatewayConfigSpec, env);
  if (config.JWT_SECRET.length < 32) throw new Error('Invalid configuration:\n  JWT_SECRET: must be at least 32 characters');
  return config;
}

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
