import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested,
} from 'class-validator';
import { KNOWLEDGE_BASE_MESSAGE, KNOWLEDGE_BASE_NAME, KNOWLEDGE_SOURCE_TYPES, type KnowledgeSourceType } from './document.dto';

/** Most hits one search answers. */
export const MAX_SEARCH_LIMIT = 50;

export class SearchFiltersDto {
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(100, { each: true })
  category?: string[];

  @IsOptional() @IsArray() @IsIn(KNOWLEDGE_SOURCE_TYPES, { each: true })
  type?: KnowledgeSourceType[];

  /** Knowledge bases to search (an AI agent's linked ones); all of the tenant's when absent. */
  @IsOptional() @IsArray() @ArrayMaxSize(50) @Matches(KNOWLEDGE_BASE_NAME, { each: true, message: KNOWLEDGE_BASE_MESSAGE })
  knowledge_base?: string[];
}

/** `POST /knowledge/search` and the `knowledge.search` request voice-ai grounds its answers with. */
export class SearchKnowledgeDto {
  @IsString() @MinLength(1) @MaxLength(1000)
  query: string;

  @IsOptional() @ValidateNested() @Type(() => SearchFiltersDto)
  filters?: SearchFiltersDto;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_SEARCH_LIMIT)
  limit?: number;
}

export interface SearchHitSource {
  type: KnowledgeSourceType;
  document_id: string | null;
  product_id: string | null;
  title: string;
  /** The page a website chunk came from; null for files. */
  url: string | null;
  category: string | null;
  knowledge_base: string;
}

export interface SearchHitDto {
  chunk_id: string;
  /** Fused relevance, higher is better; comparable within one answer only. */
  score: number;
  /** Headings above the chunk ("Pricing › Enterprise"), or the FAQ question. */
  heading: string | null;
  /** The chunk's text around the matched words, matches wrapped in `<mark>`…`</mark>`. */
  snippet: string;
  /** The whole chunk, for grounding an answer. */
  content: string;
  source: SearchHitSource;
  /** 1-based rank of this chunk in each ranking it appeared in (null: not in that ranking). */
  ranks: { text: number | null; vector: number | null };
}

export type SearchMode = 'full_text' | 'hybrid';

export interface SearchResultDto {
  query: string;
  /** `hybrid` when an embeddings provider is configured and the query could be embedded. */
  mode: SearchMode;
  hits: SearchHitDto[];
  took_ms: number;
}
