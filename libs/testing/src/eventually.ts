type Falsy = undefined | null | false;

/**
 * Polls `probe` until its answer is truthy (or, given `until`, until `until` accepts it) and
 * answers that; for effects that arrive through events (read models, schedulers, relays).
 * Fails with the last answer after `timeoutMs`.
 */
export function eventually<T>(probe: () => Promise<T | Falsy> | T | Falsy, until?: undefined, timeoutMs?: number): Promise<T>;
export function eventually<T>(probe: () => Promise<T> | T, until: (value: T) => boolean, timeoutMs?: number): Promise<T>;
export async function eventually<T>(
  probe: () => Promise<T> | T,
  until: (value: T) => boolean = (value) => Boolean(value),
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (until(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
