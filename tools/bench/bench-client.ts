/** Calling the gateway as a client does: accounts, JSON calls and multipart uploads. */
import { performance } from 'node:perf_hooks';

export interface Account {
  email: string;
  token: string;
  userId: string;
  tenantId: string;
}

const PASSWORD = 'bench-password-1';

export async function callJson<T>(baseUrl: string, method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const headers: Record<string, string> = {};
  if (token) headers['authorization'] = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

/** POSTs a multipart form; answers the parsed body and the wall time from sending to the whole answer. */
export async function postForm<T>(baseUrl: string, path: string, form: FormData, token: string): Promise<{ answer: T; wallMs: number }> {
  const started = performance.now();
  const res = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  const text = await res.text();
  const wallMs = performance.now() - started;
  if (res.status >= 300) throw new Error(`POST ${path}: ${res.status} ${text.slice(0, 1000)}`);
  return { answer: JSON.parse(text) as T, wallMs };
}

interface TokenPair {
  access_token: string;
  user: { id: string; tenant_id: string };
}

/** A new company and its owner. */
export async function registerOwner(baseUrl: string, label: string): Promise<Account> {
  const email = `${label}-${Math.random().toString(36).slice(2, 10)}@bench.parley.test`;
  const pair = await callJson<TokenPair>(baseUrl, 'POST', '/api/v1/auth/register', {
    email, password: PASSWORD, name: `${label} owner`, company_name: `${label} company`,
  });
  return { email, token: pair.access_token, userId: pair.user.id, tenantId: pair.user.tenant_id };
}

/** A user of their own, added to the owner's tenant with `role`, holding a token for that tenant. */
export async function addMember(baseUrl: string, owner: Account, role: string, label: string): Promise<Account> {
  const member = await registerOwner(baseUrl, label);
  await callJson(baseUrl, 'POST', `/api/v1/tenants/${owner.tenantId}/members`, { email: member.email, role }, owner.token);
  const pair = await callJson<TokenPair>(baseUrl, 'POST', `/api/v1/tenants/${owner.tenantId}/switch`, {}, member.token);
  return { ...member, token: pair.access_token, tenantId: owner.tenantId };
}

export interface ImportAnswer {
  import_id: string;
  total_rows: number;
  created: number;
  merged: number;
  failed: number;
  errors: Array<{ line: number; field: string | null; message: string }>;
  errors_truncated: boolean;
  duration_ms: number;
}

/** POST /leads/import with the CSV as a multipart file part; answers the result and the wall time. */
export function importCsv(baseUrl: string, token: string, csv: string): Promise<{ answer: ImportAnswer; wallMs: number }> {
  const form = new FormData();
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'leads.csv');
  return postForm<ImportAnswer>(baseUrl, '/api/v1/leads/import', form, token);
}
