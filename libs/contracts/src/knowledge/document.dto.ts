import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUrl, Matches, MaxLength, MinLength, ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../common/pagination';

/** Kinds of document the knowledge service ingests; `website` is one crawled site, `faq` pasted Q&A text. */
export const DOCUMENT_TYPES = ['pdf', 'docx', 'txt', 'md', 'html', 'website', 'faq'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** Anything a search hit can come from: a document of one of the types above, or a product. */
export const KNOWLEDGE_SOURCE_TYPES = [...DOCUMENT_TYPES, 'product'] as const;
export type KnowledgeSourceType = (typeof KNOWLEDGE_SOURCE_TYPES)[number];

export const DOCUMENT_STATUSES = ['pending', 'processing', 'ready', 'failed'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/**
 * Languages with a Postgres text-search configuration (stemming + stop words): ISO 639-1 code →
 * configuration name. `simple` indexes words as written, for any other language.
 */
export const KNOWLEDGE_LANGUAGES = {
  da: 'danish', de: 'german', en: 'english', es: 'spanish', fi: 'finnish', fr: 'french', hu: 'hungarian',
  it: 'italian', nl: 'dutch', no: 'norwegian', pt: 'portuguese', ro: 'romanian', ru: 'russian', sv: 'swedish',
  tr: 'turkish', simple: 'simple',
} as const;
export type KnowledgeLanguage = keyof typeof KNOWLEDGE_LANGUAGES;
export const KNOWLEDGE_LANGUAGE_CODES = Object.keys(KNOWLEDGE_LANGUAGES) as KnowledgeLanguage[];

/** A knowledge base is a named collection an AI agent is linked to; `default` when none is named. */
export const DEFAULT_KNOWLEDGE_BASE = 'default';
export const KNOWLEDGE_BASE_NAME = /^[a-z0-9][a-z0-9_-]{0,59}$/;
export const KNOWLEDGE_BASE_MESSAGE = 'knowledge_base must be 1-60 lower-case letters, digits, "-" or "_"';

/** One uploaded file, already streamed by the gateway into the transfer store. */
export class UploadedFileDto {
  @IsString() @MinLength(1) @MaxLength(200)
  upload: string;

  @IsString() @MinLength(1) @MaxLength(255)
  filename: string;

  @IsOptional() @IsString() @MaxLength(200)
  content_type?: string;
}

/** Files one ingestion request may carry. */
export const MAX_FILES_PER_REQUEST = 20;

/** What `POST /knowledge/documents` and `POST /onboarding/knowledge` share: where the documents go. */
export class DocumentPlacementDto {
  /** Title of the document (of each file, when several share it, the file name is appended). */
  @IsOptional() @IsString() @MinLength(1) @MaxLength(300)
  title?: string;

  @IsOptional() @IsString() @MinLength(1) @MaxLength(100)
  category?: string;

  @IsOptional() @Matches(KNOWLEDGE_BASE_NAME, { message: KNOWLEDGE_BASE_MESSAGE })
  knowledge_base?: string;

  /** ISO 639-1 code of the text's language (stemming and stop words); the service's default otherwise. */
  @IsOptional() @IsIn(KNOWLEDGE_LANGUAGE_CODES)
  language?: KnowledgeLanguage;
}

/** The sources of one ingestion request; at least one of files, websites and faq_text. */
export class CreateDocumentsDto extends DocumentPlacementDto {
  /** Start pages of sites to crawl (same-site links followed to the configured depth and page cap). */
  @IsOptional() @IsArray() @ArrayMaxSize(20)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { each: true, message: 'each website must be an http(s) URL' })
  websites?: string[];

  /** Question/answer text ("Q: … A: …", or a question line ending in "?" followed by its answer). */
  @IsOptional() @IsString() @MinLength(1) @MaxLength(1_000_000)
  faq_text?: string;
}

/** The service-side request: the form's fields plus the files the gateway stored. */
export class CreateDocumentsRequest extends CreateDocumentsDto {
  @IsOptional() @IsArray() @ArrayMaxSize(MAX_FILES_PER_REQUEST) @ValidateNested({ each: true }) @Type(() => UploadedFileDto)
  files?: UploadedFileDto[];
}

export interface DocumentDto {
  id: string;
  title: string;
  type: DocumentType;
  status: DocumentStatus;
  /** Why ingestion failed, in words a user can act on; null unless status is failed. */
  error: string | null;
  category: string | null;
  knowledge_base: string;
  language: KnowledgeLanguage;
  /** The file name or the start URL. */
  source: string | null;
  size_bytes: number | null;
  page_count: number | null;
  chunk_count: number;
  /** Type-specific facts, e.g. the pages a crawl fetched and skipped. */
  metadata: Record<string, unknown>;
  created_at: string;
  updated_at: string;
  processed_at: string | null;
}

/** Answer to an ingestion request: the documents, pending; poll `GET /knowledge/documents` or listen for events. */
export interface CreateDocumentsResultDto {
  documents: DocumentDto[];
}

export class DocumentQueryDto extends PageQueryDto {
  @IsOptional() @IsIn(DOCUMENT_STATUSES)
  status?: DocumentStatus;

  @IsOptional() @IsIn(DOCUMENT_TYPES)
  type?: DocumentType;

  @IsOptional() @IsString() @MaxLength(100)
  category?: string;

  @IsOptional() @Matches(KNOWLEDGE_BASE_NAME, { message: KNOWLEDGE_BASE_MESSAGE })
  knowledge_base?: string;
}
