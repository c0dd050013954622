import type { DocumentDto, Page, SearchHitDto } from '@parley/contracts';
import { eventually } from '@parley/testing';
import type { Api, TestTenant } from './api';

export interface FormFile {
  name: string;
  bytes: Buffer | string;
  type?: string;
  /** The part's field name; "files" unless said. */
  field?: string;
}

/** A `POST /knowledge/documents` form: the files, then the text fields (a list repeats the field). */
export function documentForm(files: FormFile[], fields: Record<string, string | string[]> = {}): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) form.append(name, one);
  for (const file of files) {
    const bytes = typeof file.bytes === 'string' ? Buffer.from(file.bytes) : file.bytes;
    form.append(file.field ?? 'files', new Blob([new Uint8Array(bytes)], { type: file.type ?? 'application/octet-stream' }), file.name);
  }
  return form;
}

export async function documentsOf(api: Api, owner: TestTenant, query = ''): Promise<Page<DocumentDto>> {
  const res = await api.get(`/api/v1/knowledge/documents?per_page=100${query}`, { token: owner.token });
  if (res.status !== 200) throw new Error(`list documents: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Polls `GET /knowledge/documents` until none of `ids` is pending or processing; answers them by id. */
export async function settledDocuments(api: Api, owner: TestTenant, ids: string[], timeoutMs = 20_000): Promise<Map<string, DocumentDto>> {
  const list = await eventually(
    () => documentsOf(api, owner),
    (page) => ids.every((id) => ['ready', 'failed'].includes(page.data.find((d) => d.id === id)?.status ?? '')),
    timeoutMs,
  );
  return new Map(list.data.filter((d) => ids.includes(d.id)).map((d) => [d.id, d]));
}

/** Ingests FAQ text through the JSON body and waits until it is searchable; answers the document id. */
export async function readyFaqDocument(api: Api, owner: TestTenant, faqText: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await api.post('/api/v1/knowledge/documents', { faq_text: faqText, ...extra }, { token: owner.token });
  if (res.status !== 202) throw new Error(`create documents: ${res.status} ${JSON.stringify(res.body)}`);
  const id = res.body.documents[0].id as string;
  const doc = (await settledDocuments(api, owner, [id])).get(id);
  if (doc?.status !== 'ready') throw new Error(`document did not become ready: ${JSON.stringify(doc)}`);
  return id;
}

export async function search(api: Api, owner: TestTenant, query: string, filters?: Record<string, string[]>, limit?: number): Promise<SearchHitDto[]> {
  const res = await api.post('/api/v1/knowledge/search', { query, ...(filters ? { filters } : {}), ...(limit ? { limit } : {}) }, { token: owner.token });
  if (res.status !== 200) throw new Error(`search: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.hits;
}
