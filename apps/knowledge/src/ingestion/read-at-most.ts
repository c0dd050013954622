import type { Readable } from 'node:stream';

/**
 * A stream's bytes, read whole unless they pass `maxBytes`: then the stream is destroyed and
 * `tooLarge()` thrown, so an oversized upload or page is never held in memory.
 */
export async function readAtMost(stream: Readable, maxBytes: number, tooLarge: () => Error): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const part = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    size += part.length;
    if (size > maxBytes) {
      stream.destroy();
      throw tooLarge();
    }
    parts.push(part);
  }
  return Buffer.concat(parts, size);
}
