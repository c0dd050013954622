/** Who is asking, carried in every NATS message. */
export interface RequestContext {
  request_id: string;
  tenant_id: string | null;
  user_id: string | null;
  roles: string[];
  perms: string[];
  /** Client address, for security events (login failures). */
  ip?: string;
}

export interface Envelope<T> {
  ctx: RequestContext;
  data: T;
}

export function anonymousContext(request_id: string, ip?: string): RequestContext {
  return { request_id, tenant_id: null, user_id: null, roles: [], perms: [], ip };
}

/** Work a service starts itself (workers, schedulers): no user, for one tenant or, with null, across tenants. */
export function backgroundContext(request_id: string, tenant_id: string | null = null): RequestContext {
  return { request_id, tenant_id, user_id: null, roles: [], perms: [] };
}
