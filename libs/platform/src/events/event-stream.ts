import { RetentionPolicy, StorageType, type JetStreamManager } from 'nats';
import { EVENT_STREAM, EVENT_SUBJECT_ROOT } from '@parley/contracts';

const SECOND_NS = 1_000_000_000;

/** The stream name under a subject prefix (streams may not share subjects, so each prefix gets its own). */
export function eventStreamName(prefix: string): string {
  const tag = prefix.replace(/[^A-Za-z0-9]/g, '_').toUpperCase();
  return `${tag}${EVENT_STREAM}`;
}

/** Creates the EVENTS stream when missing; every service may call it at boot. */
export async function ensureEventStream(jsm: JetStreamManager, prefix: string): Promise<string> {
  const name = eventStreamName(prefix);
  try {
    await jsm.streams.info(name);
  } catch {
    try {
      await jsm.streams.add({
        name,
        subjects: [`${prefix}${EVENT_SUBJECT_ROOT}.>`, `${prefix}dlq.>`],
        retention: RetentionPolicy.Limits,
        storage: StorageType.File,
        max_age: 7 * 24 * 3600 * SECOND_NS,
        duplicate_window: 120 * SECOND_NS,
      });
    } catch (error) {
      // Another replica created it between our info and add.
      await jsm.streams.info(name).catch(() => {
        throw error;
      });
    }
  }
  return name;
}
