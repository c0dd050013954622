// The tenant `npm start` creates so a developer can log in right away.
export const DEMO_CREDENTIALS = { email: 'demo@parley.local', password: 'parley-demo-1' } as const;

const DEMO_OWNER_NAME = 'Demo Owner';
const DEMO_COMPANY_NAME = 'Demo Company';
const REGISTER_TIMEOUT_MS = 15_000;

export type DemoSeedOutcome = 'created' | 'already-existed';

/** Registers the demo owner and company through the public API; a 409 means an earlier run did. */
export async function seedDemoTenant(apiBaseUrl: string): Promise<DemoSeedOutcome> {
  const response = await fetch(`${apiBaseUrl}/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: DEMO_CREDENTIALS.email,
      password: DEMO_CREDENTIALS.password,
      name: DEMO_OWNER_NAME,
      company_name: DEMO_COMPANY_NAME,
    }),
    signal: AbortSignal.timeout(REGISTER_TIMEOUT_MS),
  });
  if (response.status === 409) return 'already-existed';
  if (response.ok) return 'created';
  const body = await response.text();
  throw new Error(`POST ${apiBaseUrl}/auth/register answered ${response.status}: ${body.slice(0, 500)}`);
}
