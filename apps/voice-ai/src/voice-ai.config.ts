import { bool, num, str } from 'envalid';
import { baseConfigSpec, databaseConfigSpec, encryptionKeyValidator, optionalBaseUrl, timeZone, type ConfigOf } from '@parley/platform';

export const voiceAiConfigSpec = {
  ...baseConfigSpec('voice-ai'),
  ...databaseConfigSpec('voice-ai'),
  DB_SCHEMA: str({ default: 'voice_ai', desc: 'the Postgres schema this service owns' }),
  DEFAULT_CONVERSATION_PROVIDER: str({ choices: ['local', 'openai'], default: 'local', desc: 'engine of agents that name none (a tenant may choose its own in its AI settings)' }),
  OPENAI_API_KEY: str({ default: '', desc: "the platform's OpenAI (or compatible) key, used by tenants that saved none; empty: only tenants with their own key get the openai provider" }),
  OPENAI_BASE_URL: optionalBaseUrl({ default: 'https://api.openai.com/v1', desc: 'any OpenAI-compatible API (Azure, Ollama http://localhost:11434/v1, vLLM, the fake in tests)' }),
  OPENAI_CHAT_MODEL: str({ default: 'gpt-4o-mini', desc: 'chat model of the openai provider' }),
  OPENAI_REALTIME_MODEL: str({ default: 'gpt-realtime', desc: 'speech-to-speech model of phone calls on the openai provider (Realtime API, g711_ulaw)' }),
  OPENAI_REALTIME_VOICE: str({ default: 'alloy', desc: 'voice of the Realtime API when the agent names none' }),
  OPENAI_TIMEOUT_MS: num({ default: 20_000, desc: 'how long one OpenAI request may take' }),
  OPENAI_MAX_RETRIES: num({ default: 1, desc: 'retries of a failed OpenAI request (the SDK backs off)' }),
  // Unset outside production: the development key is used, with a warning at boot.
  VOICE_AI_ENCRYPTION_KEY: encryptionKeyValidator('voice-ai')({
    default: undefined,
    requiredWhen: (env) => env['NODE_ENV'] === 'production',
    desc: "AES-256-GCM key for tenants' OpenAI keys at rest (`openssl rand -hex 32`); required in production",
  }),
  KNOWLEDGE_TIMEOUT_MS: num({ default: 2000, desc: 'how long a turn waits for knowledge.search before answering without it' }),
  KNOWLEDGE_HITS: num({ default: 3, desc: 'knowledge hits a turn grounds its answer in' }),
  KNOWLEDGE_CACHE_TTL_MS: num({ default: 30_000, desc: "how long a replica reuses a question's knowledge hits (dropped sooner when the tenant's documents change); 0 turns the cache off" }),
  KNOWLEDGE_CACHE_MAX: num({ default: 10_000, desc: 'questions whose knowledge hits a replica keeps (least recently used go first)' }),
  SERVICE_TIMEOUT_MS: num({ default: 5000, desc: 'how long voice-ai waits for leads, compliance and telephony' }),
  VOICE_MEDIA_STREAMS: bool({ default: true, desc: 'take Media Streams of phone calls on the openai provider (answers media.stream.claim) and bridge them to the Realtime API' }),
  PHONE_SILENCE_LIMIT: num({ default: 2, desc: 'silent turns in a row after which a phone call is ended politely' }),
  DEFAULT_TIMEZONE: timeZone({ default: 'America/New_York', desc: 'zone a spoken callback time ("tomorrow at 3") is read in when the lead has none' }),
};

export type VoiceAiConfig = ConfigOf<typeof voiceAiConfigSpec>;

/** Injection token of the validated voice-ai config. */
export const VOICE_AI_CONFIG = Symbol('VOICE_AI_CONFIG');
