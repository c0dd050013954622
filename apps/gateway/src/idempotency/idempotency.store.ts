import { createHash } from 'node:crypto';
import type { KV, NatsConnection } from 'nats';

export type IdempotencyRecord =
  | { state: 'pending'; fingerprint: string }
  | { state: 'done'; fingerprint: string; status: number; body: unknown };

const codec = {
  encode: (r: IdempotencyRecord) => new TextEncoder().encode(JSON.stringify(r)),
  decode: (b: Uint8Array) => JSON.parse(new TextDecoder().decode(b)) as IdempotencyRecord,
};

/** First answers to idempotent requests, shared by all replicas, pruned by the bucket TTL. */
export class IdempotencyStore {
  private constructor(private readonly kv: KV) {}

  static async open(nc: NatsConnection, bucket: string, ttlMs: number): Promise<IdempotencyStore> {
    return new IdempotencyStore(await nc.jetstream().views.kv(bucket, { ttl: ttlMs, history: 1 }));
  }

  static key(scope: string, idempotencyKey: string): string {
    return createHash('sha256').update(`${scope}\n${idempotencyKey}`).digest('hex');
  }

  /** Claims the key; answers the existing record when someone already did. */
  async claim(key: string, fingerprint: string): Promise<IdempotencyRecord | null> {
    try {
      await this.kv.create(key, codec.encode({ state: 'pending', fingerprint }));
      return null;
    } catch {
      const entry = await this.kv.get(key);
      if (!entry || entry.operation !== 'PUT') return this.claim(key, fingerprint);
      return codec.decode(entry.value);
    }
  }

  async complete(key: string, record: IdempotencyRecord): Promise<void> {
    await this.kv.put(key, codec.encode(record));
  }

  async release(key: string): Promise<void> {
    await this.kv.purge(key);
  }
}
