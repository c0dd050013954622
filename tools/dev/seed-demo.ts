import type { ConversationProvider, CreateAiAgentDto } from '@parley/contracts';

// The tenant `npm start` creates so a developer can log in right away.
export const DEMO_CREDENTIALS = { email: 'demo@parley.local', password: 'parley-demo-1' } as const;

const DEMO_OWNER_NAME = 'Demo Owner';
const DEMO_COMPANY_NAME = 'Demo Company';
const REGISTER_TIMEOUT_MS = 15_000;

/** `agent-added`: the tenant was there from an earlier run but had no AI agent yet (made before voice-ai existed). */
export type DemoSeedOutcome = 'created' | 'already-existed' | 'agent-added';

export interface DemoSeedOptions {
  /** The fake Twilio runs: give the tenant its account and deploy the AI agent on its number. */
  twilio?: boolean;
  /** The demo AI agent's engine: openai when the dev runner has an OpenAI (the fake or the developer's key). */
  aiProvider?: ConversationProvider;
}

/** The simulated Twilio account `npm start` gives the demo tenant when it runs the fake Twilio. */
export const DEMO_TWILIO = {
  account_sid: 'AC00000000000000000000000000de3001',
  auth_token: 'demo-fake-twilio-auth-token',
  phone_number: '+15005550006',
} as const;

/** Registers the demo owner and company through the public API; a 409 means an earlier run did. */
export async function seedDemoTenant(apiBaseUrl: string, options: DemoSeedOptions = {}): Promise<DemoSeedOutcome> {
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
  if (response.status === 409) return addMissingAgent(apiBaseUrl, options);
  if (!response.ok) {
    const body = await response.text();
    throw new Error(`POST ${apiBaseUrl}/auth/register answered ${response.status}: ${body.slice(0, 500)}`);
  }
  const { access_token } = (await response.json()) as { access_token: string };
  const post = apiPoster(apiBaseUrl, access_token);
  await seedDemoLeads(post);
  await seedDemoKnowledge(post);
  if (options.twilio) await put(apiBaseUrl, access_token, '/config/telephony', {
    twilio_account_sid: DEMO_TWILIO.account_sid,
    twilio_auth_token: DEMO_TWILIO.auth_token,
    twilio_phone_number: DEMO_TWILIO.phone_number,
  });
  await seedDemoAgent(post, options);
  return 'created';
}

/** A demo tenant from before voice-ai gets its agent on the next start; one that has any agent is left alone. */
async function addMissingAgent(apiBaseUrl: string, options: DemoSeedOptions): Promise<DemoSeedOutcome> {
  const login = await fetch(`${apiBaseUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(DEMO_CREDENTIALS),
    signal: AbortSignal.timeout(REGISTER_TIMEOUT_MS),
  });
  // The developer changed the demo password: their tenant, their business.
  if (login.status === 401) return 'already-existed';
  if (!login.ok) throw new Error(`POST ${apiBaseUrl}/auth/login answered ${login.status}: ${(await login.text()).slice(0, 500)}`);
  const { access_token } = (await login.json()) as { access_token: string };
  const agents = await fetch(`${apiBaseUrl}/ai-agents?per_page=1`, {
    headers: { authorization: `Bearer ${access_token}` },
    signal: AbortSignal.timeout(REGISTER_TIMEOUT_MS),
  });
  if (!agents.ok) throw new Error(`GET /ai-agents answered ${agents.status}: ${(await agents.text()).slice(0, 500)}`);
  if (((await agents.json()) as { total: number }).total > 0) return 'already-existed';
  await seedDemoAgent(apiPoster(apiBaseUrl, access_token), options);
  return 'agent-added';
}

async function put(apiBaseUrl: string, token: string, path: string, body: unknown): Promise<void> {
  const res = await fetch(`${apiBaseUrl}${path}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(REGISTER_TIMEOUT_MS),
  });
  if (!res.ok) throw new Error(`PUT ${path} answered ${res.status}: ${(await res.text()).slice(0, 500)}`);
}

type ApiPost = <T = { id: string }>(path: string, body: unknown) => Promise<T>;

function apiPoster(apiBaseUrl: string, token: string): ApiPost {
  return async <T>(path: string, body: unknown): Promise<T> => {
    const res = await fetch(`${apiBaseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(REGISTER_TIMEOUT_MS),
    });
    if (!res.ok) throw new Error(`POST ${path} answered ${res.status}: ${(await res.text()).slice(0, 500)}`);
    return (await res.json()) as T;
  };
}

const DEMO_LEADS = [
  { name: 'Maria Lopez', email: 'maria@northwind.example', phone: '(415) 555-0101', company: 'Northwind Traders', title: 'VP of Sales', industry: 'Retail', company_size: 450, source: 'website' },
  { name: 'James Chen', email: 'james@contoso.example', phone: '(212) 555-0142', company: 'Contoso', title: 'Head of Support', industry: 'Software', company_size: 1200, source: 'referral' },
  { name: 'Aisha Khan', email: 'aisha@fabrikam.example', phone: '(646) 555-0177', company: 'Fabrikam', title: 'Operations Manager', industry: 'Logistics', company_size: 80, source: 'webinar' },
  { name: 'Tom Becker', email: 'tom@adatum.example', phone: '(303) 555-0119', company: 'Adatum', title: 'Founder', industry: 'Healthcare', company_size: 12, source: 'cold_list' },
  { name: 'Elena Rossi', email: 'elena@litware.example', phone: '(617) 555-0190', company: 'Litware', title: 'Director of Customer Experience', industry: 'Insurance', company_size: 2300, source: 'website' },
] as const;

/** A few leads with history, a campaign and a routing rule, so every leads screen has something to show. */
async function seedDemoLeads(post: ApiPost): Promise<void> {
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

export const DEMO_PRODUCTS = [
  {
    name: 'Starter plan', sku: 'PLAN-STARTER', category: 'plans', price: 49, currency: 'USD',
    description: 'For small teams getting started: up to 3 agent seats, a shared inbound number and call recording.',
    features: ['3 agent seats', '1 phone number', 'call recording (30 days)', 'email support'],
  },
  {
    name: 'Growth plan', sku: 'PLAN-GROWTH', category: 'plans', price: 149, currency: 'USD',
    description: 'For growing call centers: up to 25 seats, lead scoring and routing, campaigns and the live queue.',
    features: ['25 agent seats', '5 phone numbers', 'lead scoring and routing', 'outbound campaigns', 'chat and phone support'],
  },
  {
    name: 'Enterprise plan', sku: 'PLAN-ENTERPRISE', category: 'plans', price: 499, currency: 'USD',
    description: 'Unlimited seats, single sign-on, audit logs, a 99.9% uptime SLA and a dedicated success manager.',
    features: ['unlimited seats', 'SSO', 'audit logs and GDPR tooling', '99.9% uptime SLA', 'dedicated success manager'],
  },
  {
    name: 'AI voice agent add-on', sku: 'ADDON-AI-VOICE', category: 'add-ons', price: 0.12, currency: 'USD',
    description: 'An AI agent answers and places calls around the clock, grounded in your knowledge base; billed per minute.',
    features: ['natural voice', 'hands over to a human agent', 'answers from your documents and FAQ', 'per-minute billing'],
  },
  {
    name: 'Quality assurance add-on', sku: 'ADDON-QA', category: 'add-ons', price: 29, currency: 'USD',
    description: 'Every call transcribed and scored for sentiment, script adherence and compliance, per agent seat per month.',
    features: ['automatic transcripts', 'QA scorecards', 'sentiment trends'],
  },
  {
    name: 'Onboarding package', sku: 'SERVICE-ONBOARDING', category: 'services', price: 990, currency: 'USD',
    description: 'Two weeks with our onboarding team: number porting, CRM import, call flows and agent training.',
    features: ['number porting', 'CRM and lead import', 'call flow design', 'two agent training sessions'],
  },
] as const;

export const DEMO_FAQ = `Q: Is there a free trial?
A: Yes: try any plan free for 14 days before you pay, no credit card needed.

Q: Can I change my plan later?
A: You can upgrade or downgrade at any time from the billing page; changes are prorated to the day.

Q: How is the AI voice agent billed?
A: Per connected minute, at 12 cents a minute, on top of your plan. Calls handed over to a human agent stop the meter.

Q: Can I keep my existing phone numbers?
A: Yes. We port numbers from most carriers in 5 to 10 business days; the onboarding package handles it for you.

Q: What are your support hours?
A: Chat and phone support run Monday to Friday, 8am to 8pm Eastern; Enterprise customers get 24/7 support.

Q: Do you offer discounts for annual billing?
A: Paying yearly saves two months: you pay for 10 months and get 12.`;

/** A product catalog and an FAQ, so knowledge search and the AI agents have something to answer from. */
async function seedDemoKnowledge(post: ApiPost): Promise<void> {
  for (const product of DEMO_PRODUCTS) await post('/knowledge/products', product);
  // Answered 202 at once; the FAQ becomes searchable when ingestion finishes, a moment later.
  await post('/knowledge/documents', { title: 'Sales and billing FAQ', category: 'faq', faq_text: DEMO_FAQ });
}

/** The AI agent that answers the demo number, grounded in the catalog and FAQ above. */
export const DEMO_AI_AGENT = {
  name: 'Ava',
  role: 'sales',
  company_name: DEMO_COMPANY_NAME,
  instructions:
    'You are Ava, a friendly sales representative of Demo Company, a call-center platform. Find out what the caller needs '
    + '(team size, budget, timeline, who decides), answer from the knowledge base only, handle objections honestly, and aim for '
    + 'a demo or a callback. Offer a human colleague whenever the caller asks for one.',
  greeting: 'Thanks for calling {company}, this is {agent_name}. How can I help you today?',
  tone: 'friendly',
  channels: ['phone', 'chat', 'web'],
  tools: ['lookup_knowledge', 'book_callback', 'update_lead', 'transfer_to_human', 'end_call'],
  extraction_fields: [
    { name: 'team_size', type: 'number', description: 'how many agents would use the platform' },
    { name: 'budget', type: 'number', description: 'monthly budget in USD' },
    { name: 'timeline', type: 'string', description: 'when they want to be live' },
    { name: 'decision_maker', type: 'boolean', description: 'whether the caller decides the purchase' },
  ],
} satisfies CreateAiAgentDto;

/** Deployed on the demo number when the fake Twilio gave the tenant one; otherwise active, for chats and the REST conversation API. */
async function seedDemoAgent(post: ApiPost, options: DemoSeedOptions): Promise<void> {
  const provider = options.aiProvider ?? 'local';
  // Phone calls on the openai provider speak with the Realtime API's voice; local ones with Twilio's <Say>.
  const voice = { provider: provider === 'openai' ? 'openai' : 'twilio', language: 'en-US' };
  const agent = await post('/ai-agents', { ...DEMO_AI_AGENT, provider, voice });
  if (options.twilio) await post(`/ai-agents/${agent.id}/deploy`, { phone_number: DEMO_TWILIO.phone_number });
  else await post(`/ai-agents/${agent.id}/activate`, {});
}
