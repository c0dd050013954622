import { CallingRulesCache } from '../calling-rules.cache';
import type { CallingRules } from '../calling-rules';
import { defaultWeeklyWindows } from '../weekly-windows';

const rules = (fallbackTimezone: string): CallingRules => ({
  windows: defaultWeeklyWindows(), fallbackTimezone, enforced: true, updatedAt: null,
});

describe('CallingRulesCache', () => {
  it('loads a tenant once within the TTL and again after it', async () => {
    const cache = new CallingRulesCache(50);
    const load = jest.fn(async () => rules('UTC'));
    await cache.get('t1', load);
    await cache.get('t1', load);
    expect(load).toHaveBeenCalledTimes(1);
    await new Promise((resolve) => setTimeout(resolve, 80));
    await cache.get('t1', load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('keeps tenants apart and reloads only the invalidated one', async () => {
    const cache = new CallingRulesCache(60_000);
    await cache.get('t1', async () => rules('UTC'));
    await cache.get('t2', async () => rules('Europe/Paris'));
    cache.invalidate('t1');
    await expect(cache.get('t1', async () => rules('Asia/Tokyo'))).resolves.toMatchObject({ fallbackTimezone: 'Asia/Tokyo' });
    await expect(cache.get('t2', async () => rules('never loaded'))).resolves.toMatchObject({ fallbackTimezone: 'Europe/Paris' });
  });

  it('does not keep a load that an invalidation overtook', async () => {
    const cache = new CallingRulesCache(60_000);
    let finish: (value: CallingRules) => void = () => undefined;
    const stale = cache.get('t1', () => new Promise((resolve) => { finish = resolve; }));
    cache.invalidate('t1');
    finish(rules('old'));
    await expect(stale).resolves.toMatchObject({ fallbackTimezone: 'old' });
    await expect(cache.get('t1', async () => rules('new'))).resolves.toMatchObject({ fallbackTimezone: 'new' });
  });
});
