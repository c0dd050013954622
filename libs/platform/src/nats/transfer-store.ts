import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web';
import { nanos, StorageType, type ObjectStore } from 'nats';
import { NotFoundException } from '../errors/domain.exception';
import { NatsConnectionHolder } from './nats-connection';

/** Uploads and exports live here only while they cross from one service to another. */
export const TRANSFER_BUCKET = 'parley_transfers';
const TRANSFER_TTL_MS = 60 * 60 * 1000;

export interface TransferInfo {
  name: string;
  size: number;
}

/**
 * Files too large for one NATS message (CSV imports, exports, documents) cross between services
 * through a JetStream object store: the writer streams chunks in, the reader streams them out,
 * neither holds the whole file, and any replica can read what another wrote. Entries expire after an hour.
 */
@Injectable()
export class TransferStore {
  private bucket?: Promise<ObjectStore>;

  constructor(private readonly holder: NatsConnectionHolder) {}

  private store(): Promise<ObjectStore> {
    this.bucket ??= this.holder.nc
      .jetstream()
      .views.os(TRANSFER_BUCKET, { storage: StorageType.File, ttl: nanos(TRANSFER_TTL_MS) });
    return this.bucket;
  }

  newName(kind: string): string {
    return `${kind}-${randomUUID()}`;
  }

  /** Streams `source` into the store under `name`. */
  async put(name: string, source: Readable | AsyncIterable<Uint8Array>): Promise<TransferInfo> {
    const readable = source instanceof Readable ? source : Readable.from(source);
    const web = Readable.toWeb(readable) as unknown as ReadableStream<Uint8Array>;
    const info = await (await this.store()).put({ name }, web);
    return { name, size: info.size };
  }

  /** A stream of the stored bytes; 404 when the name is unknown or expired. */
  async open(name: string): Promise<Readable> {
    const result = await (await this.store()).get(name);
    if (!result) throw new NotFoundException('upload');
    const stream = Readable.fromWeb(result.data as unknown as NodeWebReadableStream<Uint8Array>);
    // A corrupt or truncated object surfaces as a stream error, not silently short data.
    void result.error.then((error) => {
      if (error) stream.destroy(error);
    });
    return stream;
  }

  async remove(name: string): Promise<void> {
    await (await this.store()).delete(name).catch(() => undefined);
  }
}
