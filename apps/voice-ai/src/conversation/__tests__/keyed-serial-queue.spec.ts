import { KeyedSerialQueue } from '../keyed-serial-queue';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('KeyedSerialQueue', () => {
  it('runs work of one key in order, one at a time', async () => {
    const queue = new KeyedSerialQueue();
    const log: string[] = [];
    const job = (name: string, ms: number) => queue.run('call', async () => {
      log.push(`${name}:start`);
      await sleep(ms);
      log.push(`${name}:end`);
      return name;
    });
    expect(await Promise.all([job('a', 20), job('b', 1), job('c', 5)])).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['a:start', 'a:end', 'b:start', 'b:end', 'c:start', 'c:end']);
  });

  it('keeps going after a failure and runs other keys concurrently', async () => {
    const queue = new KeyedSerialQueue();
    const failed = queue.run('x', async () => { throw new Error('boom'); });
    const after = queue.run('x', async () => 'ok');
    await expect(failed).rejects.toThrow('boom');
    expect(await after).toBe('ok');
    const started: string[] = [];
    const slow = queue.run('y', async () => { started.push('y'); await sleep(20); });
    const fast = queue.run('z', async () => { started.push('z'); });
    await Promise.all([slow, fast]);
    expect(started).toEqual(['y', 'z']);
    await sleep(0);
    expect(queue.size).toBe(0);
  });
});
