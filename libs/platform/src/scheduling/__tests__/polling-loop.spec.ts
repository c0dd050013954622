import { PollingLoop } from '../polling-loop';
import { RequestContextStorage } from '../../context/request-context';

/** A pass the test finishes by hand, so it can nudge while one runs. */
class ControlledPass {
  calls = 0;
  contexts: unknown[] = [];
  private finishers: Array<(error?: Error) => void> = [];

  readonly run = (): Promise<number> => {
    this.calls += 1;
    this.contexts.push(RequestContextStorage.current());
    return new Promise<number>((resolve, reject) => {
      this.finishers.push((error) => (error ? reject(error) : resolve(0)));
    });
  };

  finish(error?: Error): void {
    const next = this.finishers.shift();
    if (!next) throw new Error('no pass is running');
    next(error);
  }

  finishAll(): void {
    while (this.finishers.length > 0) this.finish();
  }
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('PollingLoop', () => {
  const logger = { warn: jest.fn() };
  let pass: ControlledPass;
  let loop: PollingLoop;

  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
    logger.warn.mockReset();
    pass = new ControlledPass();
    loop = new PollingLoop({ pass: pass.run, intervalMs: 1000, logger, failureMessage: 'test pass failed; will retry' });
  });

  afterEach(async () => {
    pass.finishAll();
    await loop.stop();
    jest.useRealTimers();
  });

  it('runs a pass at start and on every interval tick', async () => {
    loop.start();
    expect(pass.calls).toBe(1);
    pass.finish();
    await settle();
    jest.advanceTimersByTime(1000);
    expect(pass.calls).toBe(2);
    pass.finish();
    await settle();
    jest.advanceTimersByTime(1000);
    expect(pass.calls).toBe(3);
  });

  it('coalesces nudges during a pass into one more pass', async () => {
    loop.nudge();
    loop.nudge();
    loop.nudge();
    loop.nudge();
    expect(pass.calls).toBe(1);
    pass.finish();
    await settle();
    expect(pass.calls).toBe(2);
    pass.finish();
    await settle();
    expect(pass.calls).toBe(2);
  });

  it('runs passes outside the request that nudged', async () => {
    RequestContextStorage.run({ request_id: 'req-1', tenant_id: null, user_id: null, roles: [], perms: [] }, () => loop.nudge());
    expect(pass.contexts).toEqual([undefined]);
    pass.finish();
    await settle();
  });

  it('logs a failed pass and retries on the next tick', async () => {
    loop.start();
    const error = new Error('database down');
    pass.finish(error);
    await settle();
    expect(logger.warn).toHaveBeenCalledWith({ err: error }, 'test pass failed; will retry');
    jest.advanceTimersByTime(1000);
    expect(pass.calls).toBe(2);
    pass.finish();
    await settle();
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });

  it('stop waits for the running pass, then runs no more', async () => {
    loop.start();
    loop.nudge(); // would run again after this pass, but stop comes first
    let stopped = false;
    const stopping = loop.stop().then(() => {
      stopped = true;
    });
    expect(loop.stopped).toBe(true);
    await settle();
    expect(stopped).toBe(false);
    pass.finish();
    await stopping;
    expect(stopped).toBe(true);
    loop.nudge();
    jest.advanceTimersByTime(5000);
    expect(pass.calls).toBe(1);
  });
});
