import type { SearchFiltersDto } from '@parley/contracts';

/** What a search narrows chunks by; an absent or empty list does not narrow. */
export interface ChunkFilters {
  /** Lower-cased: categories match regardless of case. */
  categories?: string[];
  sourceTypes?: string[];
  knowledgeBases?: string[];
}

function nonEmpty(values: string[] | undefined): string[] | undefined {
  return values && values.length > 0 ? values : undefined;
}

export function chunkFiltersOf(filters: SearchFiltersDto | undefined): ChunkFilters {
  return {
    categories: nonEmpty(filters?.category?.map((c) => c.toLowerCase())),
    sourceTypes: nonEmpty(filters?.type),
    knowledgeBases: nonEmpty(filters?.knowledge_base),
  };
}

/**
 * `AND …` conditions on the chunks table aliased `alias`, with parameters numbered from
 * `firstParam`, for the SQL rankings (full text, pgvector).
 */
export function chunkFilterSql(filters: ChunkFilters, alias: string, firstParam: number): { sql: string; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const add = (expression: string, values: string[] | undefined) => {
    if (!values) return;
    params.push(values);
    conditions.push(`AND ${expression} = ANY($${firstParam + params.length - 1}::text[])`);
  };
  add(`lower(${alias}.category)`, filters.categories);
  add(`${alias}.source_type`, filters.sourceTypes);
  add(`${alias}.knowledge_base`, filters.knowledgeBases);
  return { sql: conditions.join(' '), params };
}

/** The same conditions over one in-memory row (the portable vector index); null when nothing narrows. */
export function chunkFilterPredicate(
  filters: ChunkFilters,
): ((category: string | null, sourceType: string, knowledgeBase: string) => boolean) | null {
  const categories = filters.categories && new Set(filters.categories);
  const sourceTypes = filters.sourceTypes && new Set(filters.sourceTypes);
  const knowledgeBases = filters.knowledgeBases && new Set(filters.knowledgeBases);
  if (!categories && !sourceTypes && !knowledgeBases) return null;
  return (category, sourceType, knowledgeBase) =>
    (!categories || (category !== null && categories.has(category))) &&
    (!sourceTypes || sourceTypes.has(sourceType)) &&
    (!knowledgeBases || knowledgeBases.has(knowledgeBase));
}
