/** The knowledge routes as the benchmarks call them: uploads, FAQ text, products, waiting for ingestion. */
import { performance } from 'node:perf_hooks';
import type { CreateDocumentsResultDto, DocumentDto, ProductDto } from '@parley/contracts';
import { callJson, postForm } from './bench-client';

const DOCUMENTS = '/api/v1/knowledge/documents';

export interface UploadFile {
  filename: string;
  contentType: string;
  bytes: Buffer | string;
}

/** POST /knowledge/documents with the files as multipart `files` parts and the text fields beside them. */
export function uploadFiles(
  baseUrl: string, token: string, files: UploadFile[], fields: Record<string, string> = {},
): Promise<{ answer: CreateDocumentsResultDto; wallMs: number }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const file of files) {
    const part = typeof file.bytes === 'string' ? file.bytes : new Uint8Array(file.bytes);
    form.append('files', new Blob([part], { type: file.contentType }), file.filename);
  }
  return postForm<CreateDocumentsResultDto>(baseUrl, DOCUMENTS, form, token);
}

/** POST /knowledge/documents with pasted FAQ text (JSON body). */
export function uploadFaq(baseUrl: string, token: string, faqText: string, title: string, category?: string): Promise<CreateDocumentsResultDto> {
  return callJson<CreateDocumentsResultDto>(baseUrl, 'POST', DOCUMENTS, { faq_text: faqText, title, ...(category ? { category } : {}) }, token);
}

export function createProduct(baseUrl: string, token: string, product: object): Promise<ProductDto> {
  return callJson<ProductDto>(baseUrl, 'POST', '/api/v1/knowledge/products', product, token);
}

export interface ReadyDocument {
  document: DocumentDto;
  /** performance.now() of the poll that first saw it ready. */
  readyAt: number;
}

/**
 * Polls GET /knowledge/documents/:id every `pollMs` until every document is ready; a failed one
 * throws with the reason the service gave.
 */
export async function waitUntilReady(
  baseUrl: string, token: string, ids: string[], options: { pollMs?: number; timeoutMs?: number } = {},
): Promise<Map<string, ReadyDocument>> {
  const { pollMs = 250, timeoutMs = 600_000 } = options;
  const ready = new Map<string, ReadyDocument>();
  const until = performance.now() + timeoutMs;
  while (ready.size < ids.length) {
    for (const id of ids.filter((x) => !ready.has(x))) {
      const document = await callJson<DocumentDto>(baseUrl, 'GET', `${DOCUMENTS}/${id}`, undefined, token);
      if (document.status === 'failed') throw new Error(`document ${document.title} (${id}) failed: ${document.error}`);
      if (document.status === 'ready') ready.set(id, { document, readyAt: performance.now() });
    }
    if (ready.size === ids.length) break;
    if (performance.now() > until) throw new Error(`${ids.length - ready.size} of ${ids.length} documents not ready within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
  return ready;
}

/** Runs `work` over `items` with at most `concurrency` at a time; answers the results in order. */
export async function inBatches<T, R>(items: T[], concurrency: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await work(items[i], i);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
