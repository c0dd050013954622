import { Injectable } from '@nestjs/common';
import type { KnowledgeSourceType, SearchHitDto } from '@parley/contracts';
import { TenantDb } from '@parley/platform';
import { HEADLINE_OPTIONS, highlightedSnippet, leadSnippet } from './search-snippet';

interface HitRow {
  id: string;
  document_id: string | null;
  product_id: string | null;
  source_type: KnowledgeSourceType;
  title: string;
  url: string | null;
  category: string | null;
  knowledge_base: string;
  heading: string | null;
  content: string;
  headline: string | null;
}

/** A hit without its ranking: what the chunk is, where it came from, and its snippet. */
export type LoadedHit = Omit<SearchHitDto, 'score' | 'ranks'>;

/**
 * Reads the final hits of a search and highlights them. Snippets are computed here, for the
 * few hits returned, never for the candidates (ts_headline re-parses the whole text).
 */
@Injectable()
export class SearchHitLoader {
  constructor(private readonly db: TenantDb) {}

  /** By chunk id; a chunk deleted since it was ranked is simply absent. */
  async load(tenantId: string, chunkIds: string[], tsquery: string | null): Promise<Map<string, LoadedHit>> {
    if (chunkIds.length === 0) return new Map();
    const rows: HitRow[] = await this.db.dataSource.query(
      `SELECT c.id, c.document_id, c.product_id, c.source_type, c.title, c.url, c.category, c.knowledge_base,
              c.heading, c.content,
              CASE WHEN c.tsv @@ $3::tsquery THEN ts_headline(c.language, c.content, $3::tsquery, $4) END AS headline
         FROM chunks c
        WHERE c.tenant_id = $1 AND c.id = ANY($2::uuid[])`,
      [tenantId, chunkIds, tsquery, HEADLINE_OPTIONS],
    );
    return new Map(rows.map((row) => [row.id, toHit(row)]));
  }
}

function toHit(row: HitRow): LoadedHit {
  return {
    chunk_id: row.id,
    heading: row.heading,
    // A chunk matched through its heading only has no word to mark in its content.
    snippet: row.headline !== null ? highlightedSnippet(row.headline) : leadSnippet(row.content),
    content: row.content,
    source: {
      type: row.source_type,
      document_id: row.document_id,
      product_id: row.product_id,
      title: row.title,
      url: row.url,
      category: row.category,
      knowledge_base: row.knowledge_base,
    },
  };
}
