import type { KV, NatsConnection } from 'nats';
import type { CounterStore } from './fixed-window-rate-limiter';

const KEY_CHARS = /[^-/_=.a-zA-Z0-9]/g;
const MAX_ATTEMPTS = 20;

/**
 * Counters in a JetStream key-value bucket, so limits hold across gateway replicas.
 * Increments are compare-and-set on the entry's revision; old windows expire with the bucket TTL.
 */
export class NatsKvCounterStore implements CounterStore {
  private constructor(private readonly kv: KV) {}

  static async open(nc: NatsConnection, bucket: string, ttlMs: number): Promise<NatsKvCounterStore> {
    const kv = await nc.jetstream().views.kv(bucket, { ttl: ttlMs, history: 1 });
    return new NatsKvCounterStore(kv);
  }

  async increment(rawKey: string): Promise<number> {
    const key = rawKey.replace(KEY_CHARS, '_');
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const entry = await this.kv.get(key);
      try {
        if (!entry || entry.operation !== 'PUT') {
          await this.kv.create(key, new TextEncoder().encode('1'));
          return 1;
        }
        const next = Number(entry.string()) + 1;
        await this.kv.update(key, new TextEncoder().encode(String(next)), entry.revision);
        return next;
      } catch {
        // Another replica wrote first: read again.
      }
    }
    throw new Error(`rate-limit counter ${key} is too contended`);
  }
}
