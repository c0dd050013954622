import { allOfQuery, anyOfQuery, coordinationSql, quoteLexeme } from '../coordination-queries';

describe('coordination queries', () => {
  it('quotes lexemes for tsquery, doubling quotes and escaping backslashes', () => {
    expect(quoteLexeme('plan')).toBe("'plan'");
    expect(quoteLexeme("o'brien")).toBe("'o''brien'");
    expect(quoteLexeme('a\\b')).toBe("'a\\\\b'");
  });

  it('writes any-of and all-of queries from stemmed lexemes', () => {
    expect(anyOfQuery(['plan', 'price', "o'brien"])).toBe("'plan' | 'price' | 'o''brien'");
    expect(allOfQuery(['plan', '-2610'])).toBe("'plan' & '-2610'");
  });

  it('counts the lexemes a tsvector holds, capped at three', () => {
    expect(coordinationSql('c.tsv', '$4')).toBe('least(length(c.tsv) - length(ts_delete(c.tsv, $4::text[])), 3)');
  });
});
