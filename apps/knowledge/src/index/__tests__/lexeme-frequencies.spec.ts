import type { TenantDb } from '@parley/platform';
import { LexemeFrequencies } from '../lexeme-frequencies';

/** Answers the count query from a table of frequencies and records what it was asked. */
function countingDb(frequencies: Record<string, number>) {
  const asked: string[][] = [];
  const db = {
    dataSource: {
      query: async (_sql: string, [, quoted]: [string, string[]]) => {
        asked.push(quoted);
        return quoted.map((q, i) => ({ i: String(i + 1), chunks: String(frequencies[q.slice(1, -1)] ?? 0) }));
      },
    },
  } as unknown as TenantDb;
  return { db, asked };
}

describe('LexemeFrequencies', () => {
  it('counts each lexeme once per tenant and index generation', async () => {
    const { db, asked } = countingDb({ plan: 300, price: 40 });
    const frequencies = new LexemeFrequencies(db);
    expect(await frequencies.of('t1', '7', ['plan', 'price'])).toEqual([{ lexeme: 'plan', chunks: 300 }, { lexeme: 'price', chunks: 40 }]);
    expect(await frequencies.of('t1', '7', ['price', 'xylophon'])).toEqual([{ lexeme: 'price', chunks: 40 }, { lexeme: 'xylophon', chunks: 0 }]);
    expect(asked).toEqual([["'plan'", "'price'"], ["'xylophon'"]]);

    await frequencies.of('t1', '8', ['plan']);
    await frequencies.of('t2', '7', ['plan']);
    expect(asked.slice(2)).toEqual([["'plan'"], ["'plan'"]]);
  });

  it('asks nothing for a tenant without an index', async () => {
    const { db, asked } = countingDb({ plan: 300 });
    expect(await new LexemeFrequencies(db).of('t1', null, ['plan'])).toEqual([{ lexeme: 'plan', chunks: 0 }]);
    expect(asked).toEqual([]);
  });
});
