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
  if (!response.ok) {
    const body = await response.text();
    throw new Error(`POST ${apiBaseUrl}/auth/register answered ${response.status}: ${body.slice(0, 500)}`);
  }
  const { access_token } = (await response.json()) as { access_token: string };
  await seedDemoLeads(apiBaseUrl, access_token);
  return 'created';
}

const DEMO_LEADS = [
  { name: 'Maria Lopez', email: 'maria@northwind.example', phone: '(415) 555-0101', company: 'Northwind Traders', title: 'VP of Sales', industry: 'Retail', company_size: 450, source: 'website' },
  { name: 'James Chen', email: 'james@contoso.example', phone: '(212) 555-0142', company: 'Contoso', title: 'Head of Support', industry: 'Software', company_size: 1200, source: 'referral' },
  { name: 'Aisha Khan', email: 'aisha@fabrikam.example', phone: '(646) 555-0177', company: 'Fabrikam', title: 'Operations Manager', industry: 'Logistics', company_size: 80, source: 'webinar' },
  { name: 'Tom Becker', email: 'tom@adatum.example', phone: '(303) 555-0119', company: 'Adatum', title: 'Founder', industry: 'Healthcare', company_size: 12, source: 'cold_list' },
  { name: 'Elena Rossi', email: 'elena@litware.example', phone: '(617) 555-0190', company: 'Litware', title: 'Director of Customer Experience', industry: 'Insurance', company_size: 2300, source: 'website' },
] as const;

/** A few leads with history, a campaign and a routing rule, so every leads screen has something to show. */
async function seedDemoLeads(apiBaseUrl: string, token: string): Promise<void> {
  const post = async (path: string, body: unknown): Promise<{ id: string }> => {
    const res = await fetch(`${apiBaseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(REGISTER_TIMEOUT_MS),
    });
    if (!res.ok) throw new Error(`POST ${path} answered ${res.status}: ${(await res.text()).slice(0, 500)}`);
    return (await res.json()) as { id: string };
  };
  const campaign = await post('/campaigns', { name: 'Q4 outbound', type: 'outbound_call' });
  const leads = [];
  for (const lead of DEMO_LEADS) leads.push(await post('/leads', { ...lead, campaign_id: campaign.id }));
  await post(`/leads/${leads[0].id}/activities`, { type: 'demo_requested', description: 'Asked for a demo on the website' });
  await post(`/leads/${leads[0].id}/activities`, { type: 'pricing_viewed' });
  await post(`/leads/${leads[1].id}/activities`, { type: 'email_replied', description: 'Interested, wants a call next week' });
  await post('/automation/routing-rules', {
    name: 'Enterprise leads to least busy agent',
    priority: 10,
    conditions: [{ field: 'company_size', operator: 'gte', value: 1000 }],
    action: { type: 'least_busy' },
  });
  await post(`/campaigns/${campaign.id}/start`, {});
}
