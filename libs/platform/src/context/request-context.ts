import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestContext } from '@parley/contracts';

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
