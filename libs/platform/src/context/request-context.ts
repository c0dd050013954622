import { AsyncLocalStorage } from 'node:async_hooks';
import type { DomainEvent, RequestContext } from '@parley/contracts';

/** The request context of whatever is running now: logs and outgoing NATS calls read it. */
const storage = new AsyncLocalStorage<RequestContext>();

export const RequestContextStorage = {
  run<T>(ctx: RequestContext, fn: () => T): T {
    return storage.run(ctx, fn);
  },
  /** Runs `fn` outside any request (background work started from inside one). */
  exit<T>(fn: () => T): T {
    return storage.exit(fn);
  },
  current(): RequestContext | undefined {
    return storage.getStore();
  },
};

/** The context work triggered by an event runs in: the event's tenant, actor and request id. */
export function eventContext(event: DomainEvent): RequestContext {
  return { request_id: event.request_id ?? event.id, tenant_id: event.tenant_id, user_id: event.actor_id, roles: [], perms: [] };
}
