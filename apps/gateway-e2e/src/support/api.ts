import { randomUUID } from 'node:crypto';
import { isolation, type Isolation } from '@parley/testing';
import type { TokenPairDto } from '@parley/contracts';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  token?: string;
  headers?: Record<string, string>;
  /** A raw body, sent as is (for malformed JSON). */
  raw?: string;
  /** A multipart form (fetch sets the content type and boundary). */
  form?: FormData;
}

/** A small HTTP client for the gateway: JSON in, JSON out, status and headers kept. */
export class Api {
  constructor(readonly baseUrl: string) {}

  async request<T = any>(method: string, path: string, body?: unknown, opts: RequestOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers['authorization'] = `Bearer ${opts.token}`;
    let payload: string | FormData | undefined;
    if (opts.form !== undefined) {
      payload = opts.form;
    } else if (opts.raw !== undefined) {
      payload = opts.raw;
      headers['content-type'] ??= 'application/json';
    } else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers, body: payload });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get<T = any>(path: string, opts?: RequestOptions) { return this.request<T>('GET', path, undefined, opts); }
  post<T = any>(path: string, body?: unknown, opts?: RequestOptions) { return this.request<T>('POST', path, body ?? {}, opts); }
  put<T = any>(path: string, body?: unknown, opts?: RequestOptions) { return this.request<T>('PUT', path, body ?? {}, opts); }
  patch<T = any>(path: string, body?: unknown, opts?: RequestOptions) { return this.request<T>('PATCH', path, body ?? {}, opts); }
  delete<T = any>(path: string, opts?: RequestOptions) { return this.request<T>('DELETE', path, undefined, opts); }
  postForm<T = any>(path: string, form: FormData, opts?: RequestOptions) { return this.request<T>('POST', path, undefined, { ...opts, form }); }
}

/** The platform booted by global-setup, for this worker. */
export function sharedPlatform(): { api: Api; iso: Isolation } {
  const baseUrl = process.env['E2E_BASE_URL'];
  const shared = process.env['E2E_ISOLATION'];
  if (!baseUrl || !shared) throw new Error('e2e platform is not running (global-setup did not run)');
  return { api: new Api(baseUrl), iso: isolation((JSON.parse(shared) as { id: string }).id) };
}

export interface TestTenant {
  email: string;
  password: string;
  tokens: TokenPairDto;
  token: string;
  tenantId: string;
  userId: string;
}

export const TEST_PASSWORD = 'correct-horse-battery';

export function uniqueEmail(label = 'user'): string {
  return `${label}-${randomUUID().slice(0, 8)}@e2e.parley.test`;
}

/** Registers a fresh company and its owner; minted through the real API, never hard-coded. */
export async function registerTenant(api: Api, label = 'owner'): Promise<TestTenant> {
  const email = uniqueEmail(label);
  const res = await api.post<TokenPairDto>('/api/v1/auth/register', {
    email, password: TEST_PASSWORD, name: `${label} person`, company_name: `${label} company ${randomUUID().slice(0, 4)}`,
  });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
  return {
    email,
    password: TEST_PASSWORD,
    tokens: res.body,
    token: res.body.access_token,
    tenantId: res.body.user.tenant_id,
    userId: res.body.user.id,
  };
}

/** Adds a user with `role` to the owner's tenant and answers that user's token in it. */
export async function addMemberWithRole(api: Api, owner: TestTenant, role: string): Promise<TestTenant> {
  const member = await registerTenant(api, role);
  const added = await api.post(`/api/v1/tenants/${owner.tenantId}/members`, { email: member.email, role }, { token: owner.token });
  if (added.status !== 201) throw new Error(`add member failed: ${added.status} ${JSON.stringify(added.body)}`);
  const switched = await api.post<TokenPairDto>(`/api/v1/tenants/${owner.tenantId}/switch`, {}, { token: member.token });
  if (switched.status !== 200) throw new Error(`switch failed: ${switched.status} ${JSON.stringify(switched.body)}`);
  return { ...member, tokens: switched.body, token: switched.body.access_token, tenantId: owner.tenantId };
}

export function expectErrorBody(res: ApiResponse, status: number, code: string): void {
  expect(res.status).toBe(status);
  expect(res.body).toMatchObject({ error: { code }, status_code: status });
  expect(typeof res.body.error.message).toBe('string');
  expect(typeof res.body.request_id).toBe('string');
  expect(new Date(res.body.timestamp).toString()).not.toBe('Invalid Date');
}
