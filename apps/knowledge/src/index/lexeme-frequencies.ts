import type { TenantDb } from '@parley/platform';
import { LRUCache } from 'lru-cache';
import type { LexemeFrequency } from './candidate-gates';
import { quoteLexeme } from './coordination-queries';

/** Lexemes remembered across tenants and generations (a few dozen bytes each). */
const MAX_ENTRIES = 50_000;

/**
 * How many of a tenant's chunks hold each lexeme, counted with the GIN index and remembered per
 * index generation: chunks change only with a new generation, and questions reuse a small
 * vocabulary, so in steady state a search counts nothing. One per FullTextRanker.
 */
export class LexemeFrequencies {
  private readonly counts = new LRUCache<string, number>({ max: MAX_ENTRIES });

  constructor(private readonly db: TenantDb) {}

  /** In the order given. `generation` null: the tenant has no index yet, so no chunk holds anything. */
  async of(tenantId: string, generation: string | null, lexemes: string[]): Promise<LexemeFrequency[]> {
    if (generation === null) return lexemes.map((lexeme) => ({ lexeme, chunks: 0 }));
    const key = (lexeme: string) => `${tenantId}:${generation}:${lexeme}`;
    const known = new Map<string, number>();
    const missing: string[] = [];
    for (const lexeme of lexemes) {
      const count = this.counts.get(key(lexeme));
      if (count === undefined) missing.push(lexeme);
      else known.set(lexeme, count);
    }
    if (missing.length > 0) {
      const rows: Array<{ i: string; chunks: string }> = await this.db.dataSource.query(
        `SELECT q.i, (SELECT count(*) FROM chunks c WHERE c.tenant_id = $1 AND c.tsv @@ q.lexeme::tsquery) AS chunks
           FROM unnest($2::text[]) WITH ORDINALITY AS q(lexeme, i)`,
        [tenantId, missing.map(quoteLexeme)],
      );
      for (const row of rows) {
        const lexeme = missing[Number(row.i) - 1];
        known.set(lexeme, Number(row.chunks));
        this.counts.set(key(lexeme), Number(row.chunks));
      }
    }
    return lexemes.map((lexeme) => ({ lexeme, chunks: known.get(lexeme) ?? 0 }));
  }
}
