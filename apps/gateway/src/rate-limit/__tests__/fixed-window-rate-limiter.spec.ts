import { FixedWindowRateLimiter, type CounterStore, type LimitRule } from '../fixed-window-rate-limiter';

class MemoryCounters implements CounterStore {
  readonly counts = new Map<string, number>();
  async increment(key: string): Promise<number> {
    const next = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, next);
    return next;
  }
}

describe('FixedWindowRateLimiter', () => {
  const user: LimitRule = { name: 'user', limit: 3, windowMs: 60_000 };
  const ip: LimitRule = { name: 'ip', limit: 10, windowMs: 3_600_000 };
  let now = 120_000;
  const limiter = () => new FixedWindowRateLimiter(new MemoryCounters(), () => now);

  it('counts down, then refuses with the seconds to wait', async () => {
    now = 120_000 + 45_000;
    const l = limiter();
    const answers = [];
    for (let i = 0; i < 4; i += 1) answers.push(await l.check([{ rule: user, subject: 'u1' }]));
    expect(answers.map((a) => a!.remaining)).toEqual([2, 1, 0, 0]);
    expect(answers.map((a) => a!.allowed)).toEqual([true, true, true, false]);
    expect(answers[3]).toMatchObject({ rule: 'user', limit: 3, retryAfterS: 15, resetAt: 180 });
  });

  it('starts a fresh window', async () => {
    const l = limiter();
    now = 0;
    for (let i = 0; i < 3; i += 1) await l.check([{ rule: user, subject: 'u1' }]);
    expect((await l.check([{ rule: user, subject: 'u1' }]))!.allowed).toBe(false);
    now = 60_000;
    expect((await l.check([{ rule: user, subject: 'u1' }]))!).toMatchObject({ allowed: true, remaining: 2 });
  });

  it('reports the binding rule when several apply, and skips rules set to 0', async () => {
    const l = limiter();
    now = 0;
    const first = await l.check([{ rule: ip, subject: '1.2.3.4' }, { rule: user, subject: 'u2' }]);
    expect(first).toMatchObject({ rule: 'user', remaining: 2 });
    expect(await l.check([{ rule: { ...user, limit: 0 }, subject: 'u2' }])).toBeNull();
  });

  it('keeps users apart', async () => {
    const l = limiter();
    now = 0;
    for (let i = 0; i < 3; i += 1) await l.check([{ rule: user, subject: 'a' }]);
    expect((await l.check([{ rule: user, subject: 'b' }]))!.remaining).toBe(2);
  });
});
