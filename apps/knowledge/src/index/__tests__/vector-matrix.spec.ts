import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import wabt from 'wabt';
import { DOT_PRODUCT_KERNEL_WASM, VectorMatrix } from '../vector-matrix';

describe('VectorMatrix', () => {
  it('embeds exactly the binary of dot-product-kernel.wat', async () => {
    const source = readFileSync(join(__dirname, '..', 'dot-product-kernel.wat'), 'utf8');
    const module = (await wabt()).parseWat('dot-product-kernel.wat', source, { simd: true });
    expect(Buffer.from(module.toBinary({}).buffer).toString('base64')).toBe(DOT_PRODUCT_KERNEL_WASM);
  });

  it.each([1, 3, 4, 7, 256])('scores every row like a plain dot product (%i dimensions, padded rows)', (dimensions) => {
    const rows = 37;
    const matrix = new VectorMatrix(rows, dimensions);
    const plain: number[][] = [];
    let seed = dimensions;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) - 0.5;
    for (let r = 0; r < rows; r++) {
      plain.push(Array.from({ length: dimensions }, next));
      matrix.row(r).set(plain[r]);
    }
    const query = Array.from({ length: dimensions }, next);
    const scores = matrix.scores(query);
    expect(scores).toHaveLength(rows);
    plain.forEach((row, r) => {
      expect(scores[r]).toBeCloseTo(row.reduce((sum, x, i) => sum + x * query[i], 0), 4);
    });
    // A second query reuses the memory and leaves the rows alone.
    const zero = matrix.scores(new Array(dimensions).fill(0));
    expect(Array.from(zero).every((s) => s === 0)).toBe(true);
    expect(Array.from(matrix.row(rows - 1))).toEqual(Array.from(Float32Array.from(plain[rows - 1])));
  });
});
