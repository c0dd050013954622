import { bool, num, str } from 'envalid';
import { KNOWLEDGE_LANGUAGE_CODES, type KnowledgeLanguage } from '@parley/contracts';
import { baseConfigSpec, databaseConfigSpec, type ConfigOf } from '@parley/platform';

export const knowledgeConfigSpec = {
  ...baseConfigSpec('knowledge'),
  ...databaseConfigSpec('knowledge'),
  KNOWLEDGE_DEFAULT_LANGUAGE: str<KnowledgeLanguage>({ choices: KNOWLEDGE_LANGUAGE_CODES, default: 'en', desc: 'language of documents that name none (stemming and stop words)' }),
  KNOWLEDGE_MAX_FILE_BYTES: num({ default: 25 * 1024 * 1024, desc: 'largest file the service ingests (the gateway also caps uploads with UPLOAD_MAX_BYTES)' }),
  INGEST_POLL_MS: num({ default: 1000, desc: 'how often the ingestion worker looks for pending documents (new uploads also wake it)' }),
  INGEST_CONCURRENCY: num({ default: 2, desc: 'documents one replica ingests at a time' }),
  INGEST_LEASE_S: num({ default: 300, desc: 'a document processing longer than this (its worker died) is picked up again' }),
  INGEST_MAX_ATTEMPTS: num({ default: 3, desc: 'ingestion attempts before a document that keeps crashing its worker is marked failed' }),
  CHUNK_MAX_WORDS: num({ default: 180, desc: 'words per chunk' }),
  CHUNK_OVERLAP_WORDS: num({ default: 30, desc: 'words a chunk repeats from the one before it' }),
  CRAWL_MAX_DEPTH: num({ default: 2, desc: 'links followed from a start page (0: the start page only)' }),
  CRAWL_MAX_PAGES: num({ default: 50, desc: 'pages fetched per website' }),
  CRAWL_CONCURRENCY: num({ default: 4, desc: 'pages of one site fetched at a time' }),
  CRAWL_TIMEOUT_MS: num({ default: 10_000, desc: 'per page (and per robots.txt) fetch' }),
  CRAWL_MAX_PAGE_BYTES: num({ default: 2 * 1024 * 1024, desc: 'larger pages are skipped' }),
  CRAWL_USER_AGENT: str({ default: 'ParleyBot/1.0 (+https://github.com/parley)', desc: 'User-Agent sent, and the agent robots.txt rules are matched against' }),
  CRAWL_ALLOW_PRIVATE_HOSTS: bool({ default: false, desc: 'allow crawling loopback/private addresses (local development and tests only: otherwise a tenant could reach internal services)' }),
  EMBEDDINGS_API_KEY: str({ default: '', desc: 'key of the embeddings provider; falls back to OPENAI_API_KEY' }),
  OPENAI_API_KEY: str({ default: '' }),
  EMBEDDINGS_BASE_URL: str({ default: '', desc: 'any OpenAI-compatible /embeddings endpoint (e.g. http://localhost:11434/v1 for Ollama); falls back to OPENAI_BASE_URL, then OpenAI' }),
  OPENAI_BASE_URL: str({ default: '' }),
  EMBEDDINGS_MODEL: str({ default: 'text-embedding-3-small' }),
  EMBEDDINGS_DIMENSIONS: num({ default: 0, desc: 'ask the model for this many dimensions (0: the model default)' }),
  EMBEDDINGS_BATCH_SIZE: num({ default: 96, desc: 'texts per /embeddings request' }),
  EMBEDDINGS_TIMEOUT_MS: num({ default: 30_000 }),
  EMBEDDINGS_BACKFILL_POLL_MS: num({ default: 60_000, desc: 'how often the backfill looks for chunks without a vector of the current model (writes that store such chunks also wake it)' }),
  VECTOR_INDEX: str({ choices: ['auto', 'pgvector', 'portable'], default: 'auto', desc: 'auto: pgvector when the database has it, else exact ranking over portable float32 vectors' }),
  VECTOR_CACHE_MB: num({ default: 256, desc: "memory for the portable vector index's cache of tenants' vectors (least recently searched tenants are dropped first)" }),
  SEARCH_CANDIDATES: num({ default: 50, desc: 'hits taken from each ranking (text, vector) before fusing them' }),
};

export type KnowledgeConfig = ConfigOf<typeof knowledgeConfigSpec>;

/** Injection token of the validated knowledge config. */
export const KNOWLEDGE_CONFIG = Symbol('KNOWLEDGE_CONFIG');
