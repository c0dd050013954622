import { Inject, Injectable } from '@nestjs/common';
import { KNOWLEDGE_LANGUAGES } from '@parley/contracts';
import { TenantDb } from '@parley/platform';
import { KNOWLEDGE_CONFIG, type KnowledgeConfig } from '../knowledge.config';
import { candidateGates } from './candidate-gates';
import { chunkFilterSql, type ChunkFilters } from './chunk-filters';
import { anyOfQuery, coordinationSql, MAX_COORDINATION } from './coordination-queries';
import { LexemeFrequencies } from './lexeme-frequencies';

/**
 * Chunks one gate may admit. Each costs ~1.5 µs (heap fetch, ts_rank), so a gate takes ~2 ms;
 * measured over 10,000 chunks, larger gates tip the planner into a slower sequential scan.
 */
const CANDIDATE_BUDGET = 1000;
/** Gates per question: later ones are planned but rarely read. */
const MAX_GATES = 4;
/**
 * A gate's best chunks by ts_rank that are ranked for real: by coordination (ts_delete copies
 * the tsvector, ~1.5 µs a chunk) and cover density (ts_rank_cd, ~6-10 µs a chunk).
 */
const MIN_RERANKED = 50;

export interface TextRanking {
  /** The tsquery of any of the question's words (text form); null when it holds no searchable word. */
  tsquery: string | null;
  /** Best first; `rank` decreases down the list. */
  matches: Array<{ chunkId: string; rank: number }>;
}

/**
 * Postgres full-text ranking. A question is rarely phrased like the passage that answers it, so
 * the query is not an AND of its words: each language the tenant has chunks in stems it (and
 * drops its stop words), and any of the resulting lexemes may match.
 *
 * Candidates come through gates chosen by how rare the words are (candidateGates): chunks with
 * the question's rarest words first, those with only its common words only when those gave too
 * few hits. A gate's chunks are shortlisted by ts_rank (cheap, and it grows with every matched
 * word); the shortlist is ordered by how many of the distinct words a chunk holds (three or
 * more, then two, then one), then by cover density over all the words.
 */
@Injectable()
export class FullTextRanker {
  private readonly defaultLanguage: string;
  private readonly frequencies: LexemeFrequencies;

  constructor(
    private readonly db: TenantDb,
    @Inject(KNOWLEDGE_CONFIG) config: KnowledgeConfig,
  ) {
    this.defaultLanguage = KNOWLEDGE_LANGUAGES[config.KNOWLEDGE_DEFAULT_LANGUAGE];
    this.frequencies = new LexemeFrequencies(db);
  }

  async rank(tenantId: string, query: string, limit: number, filters: ChunkFilters): Promise<TextRanking> {
    const { lexemes, generation } = await this.lexemes(tenantId, query);
    if (lexemes.length === 0) return { tsquery: null, matches: [] };
    const gates = candidateGates(await this.frequencies.of(tenantId, generation, lexemes), { budget: CANDIDATE_BUDGET, maxGates: MAX_GATES });
    const anyWord = anyOfQuery(lexemes);

    // $1 tenant, $2 limit, $3 any word, $4 the lexemes, $5 how many to re-rank, then the gates,
    // the union of the gates before each, and the filters.
    const params: unknown[] = [tenantId, limit, anyWord, lexemes, Math.max(MIN_RERANKED, 2 * limit)];
    const param = (value: unknown) => `$${params.push(value)}`;
    const gateParams = gates.map((gate) => param(gate));
    const beforeParams = gates.map((_, i) => (i === 0 ? null : param(gates.slice(0, i).map((g) => `(${g})`).join(' | '))));
    const where = chunkFilterSql(filters, 'c', params.length + 1);
    params.push(...where.params);

    // A gate's hits all rank above the next gate's: the gate's level is a band wider than
    // coordination plus cover density (which is below 1 with normalization 32).
    const band = MAX_COORDINATION + 1;
    const branches = gates.map((_, i) => `
      (SELECT c.id, ${(gates.length - 1 - i) * band} + ${coordinationSql('c.tsv', '$4')} + ts_rank_cd(c.tsv, $3::tsquery, 32) AS rank
         FROM (SELECT c.id, c.tsv
                 FROM chunks c
                WHERE c.tenant_id = $1 AND c.tsv @@ ${gateParams[i]}::tsquery
                      ${i > 0 ? `AND NOT c.tsv @@ ${beforeParams[i]}::tsquery` : ''} ${where.sql}
                ORDER BY ts_rank(c.tsv, $3::tsquery) DESC, c.id
                LIMIT $5) c
        ORDER BY rank DESC, c.id
        LIMIT $2)`);
    // UNION ALL under a LIMIT runs the branches in order and stops once it has enough rows.
    const rows: Array<{ id: string; rank: number }> = await this.db.dataSource.query(
      `SELECT id, rank FROM (${branches.join(' UNION ALL ')}) ranked LIMIT $2`,
      params,
    );
    return { tsquery: anyWord, matches: rows.map((r) => ({ chunkId: r.id, rank: Number(r.rank) })) };
  }

  /**
   * The question's distinct lexemes in each language the tenant has chunks in, and the tenant's
   * index generation (null before its first chunk), which keys the remembered word frequencies.
   */
  private async lexemes(tenantId: string, query: string): Promise<{ lexemes: string[]; generation: string | null }> {
    const [row]: Array<{ lexemes: string[]; generation: string | null }> = await this.db.dataSource.query(
      `SELECT s.generation,
              ARRAY(SELECT DISTINCT lexeme
                      FROM unnest(coalesce(nullif(s.languages, '{}'), ARRAY[$2]::text[])) AS lang,
                           unnest(tsvector_to_array(to_tsvector(lang::regconfig, $3))) AS lexeme
                     ORDER BY lexeme) AS lexemes
         FROM (SELECT 1) one LEFT JOIN index_state s ON s.tenant_id = $1`,
      [tenantId, this.defaultLanguage, query],
    );
    return { lexemes: row.lexemes, generation: row.generation === null ? null : String(row.generation) };
  }
}
