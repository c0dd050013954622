/** A service `npm start` runs as its own Node process. */
export interface DevService {
  name: string;
  /** The service's main.ts, relative to the repo root. */
  entry: string;
  /** Environment for this service only, on top of what every service gets. */
  env?: Readonly<Record<string, string>>;
}

/** The public entry point: the dev runner waits for its /ready and seeds the demo tenant through it. */
export const GATEWAY_SERVICE_NAME = 'gateway';

// Started in this order. New services go above the gateway, which stays last so the services it
// forwards to are already booting when it opens its port.
export const DEV_SERVICES: readonly DevService[] = [
  { name: 'identity', entry: 'apps/identity/src/main.ts' },
  { name: 'leads', entry: 'apps/leads/src/main.ts' },
  // Local development crawls sites on localhost too; never set this where tenants are untrusted.
  { name: 'knowledge', entry: 'apps/knowledge/src/main.ts', env: { CRAWL_ALLOW_PRIVATE_HOSTS: 'true' } },
  { name: 'compliance', entry: 'apps/compliance/src/main.ts' },
  { name: 'telephony', entry: 'apps/telephony/src/main.ts', env: { MEDIA_STREAMS: 'true' } },
  // OPENAI_* pass through from the developer's environment; DEV_FAKE_OPENAI=true points it at the fake instead.
  { name: 'voice-ai', entry: 'apps/voice-ai/src/main.ts' },
  { name: GATEWAY_SERVICE_NAME, entry: 'apps/gateway/src/main.ts', env: { PORT: '8000' } },
];
