import { Readable } from 'node:stream';
import { readAtMost } from '../read-at-most';

const tooLarge = () => new Error('too large');

describe('readAtMost', () => {
  it('answers every byte of a stream within the limit', async () => {
    const stream = Readable.from([Buffer.from('abc'), new Uint8Array([100, 101])]);
    await expect(readAtMost(stream, 5, tooLarge)).resolves.toEqual(Buffer.from('abcde'));
  });

  it('stops at the first chunk past the limit and destroys the stream', async () => {
    let pulled = 0;
    const stream = new Readable({
      read() {
        pulled++;
        this.push(Buffer.alloc(4));
      },
    });
    await expect(readAtMost(stream, 10, tooLarge)).rejects.toThrow('too large');
    expect(stream.destroyed).toBe(true);
    expect(pulled).toBeLessThan(10);
  });
});
