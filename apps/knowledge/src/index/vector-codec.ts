/**
 * Portable vector storage: float32 little-endian bytes in a bytea column, scaled to unit length
 * on the way in so that a dot product is the cosine similarity.
 */
export function encodeVector(vector: ArrayLike<number>): Buffer {
  const unit = new Float32Array(vector.length);
  const scale = unitScale(vector);
  for (let i = 0; i < vector.length; i++) unit[i] = vector[i] * scale;
  const bytes = Buffer.alloc(unit.length * 4);
  for (let i = 0; i < unit.length; i++) bytes.writeFloatLE(unit[i], i * 4);
  return bytes;
}

/** What scales the vector to unit length; 0 for the zero vector. */
export function unitScale(vector: ArrayLike<number>): number {
  let norm = 0;
  for (let i = 0; i < vector.length; i++) norm += vector[i] * vector[i];
  return norm > 0 ? 1 / Math.sqrt(norm) : 0;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Decodes into `target` at `offset` (a row of a matrix) or into a new array. */
export function decodeVector(bytes: Buffer, target?: Float32Array, offset = 0): Float32Array {
  const out = target ?? new Float32Array(bytes.length / 4);
  const count = bytes.length / 4;
  if (LITTLE_ENDIAN) {
    // The stored layout is the machine's: one byte copy instead of a read per float.
    new Uint8Array(out.buffer, out.byteOffset + offset * 4, bytes.length).set(bytes);
    return out;
  }
  for (let i = 0; i < count; i++) out[offset + i] = bytes.readFloatLE(i * 4);
  return out;
}

/** pgvector's text input form, `[0.1,0.2,…]`. */
export function pgvectorLiteral(bytes: Buffer): string {
  return `[${Array.from(decodeVector(bytes)).join(',')}]`;
}
