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
