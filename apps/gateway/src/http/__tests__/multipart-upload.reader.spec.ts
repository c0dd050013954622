import multipart from '@fastify/multipart';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { ERROR_STATUS } from '@parley/contracts';
import { DomainException, type TransferStore } from '@parley/platform';
import type { GatewayConfig } from '../../gateway.config';
import { MultipartUploadReader, type UploadForm, type UploadFormRules } from '../multipart-upload.reader';

/** The transfer store as the reader uses it, in memory: what is stored now, and every name ever written. */
class MemoryTransferStore {
  readonly objects = new Map<string, Buffer>();
  readonly written: string[] = [];
  private next = 0;

  newName(kind: string): string {
    return `${kind}-${++this.next}`;
  }

  async put(name: string, source: Readable): Promise<{ name: string; size: number }> {
    this.written.push(name);
    const parts: Buffer[] = [];
    for await (const chunk of source) parts.push(Buffer.from(chunk as Uint8Array));
    this.objects.set(name, Buffer.concat(parts));
    return { name, size: this.objects.get(name)!.length };
  }

  async remove(name: string): Promise<void> {
    this.objects.delete(name);
  }
}

const RULES: UploadFormRules = {
  kind: 'doc', fileFields: ['files', 'file'], fileDescription: 'a document', fileRequired: false, maxFiles: 2, reservedFields: ['upload'],
};
const MAX_BYTES = 64;

describe('the multipart upload reader', () => {
  let store: MemoryTransferStore;
  let app: FastifyInstance;
  /** What the route saw: the form, and the stored bytes of each file while it ran. */
  let seen: { form: UploadForm; bytes: string[] } | undefined;
  let failInUse: boolean;

  beforeEach(async () => {
    store = new MemoryTransferStore();
    seen = undefined;
    failInUse = false;
    const reader = new MultipartUploadReader(store as unknown as TransferStore, { UPLOAD_MAX_BYTES: MAX_BYTES } as GatewayConfig);
    app = Fastify();
    // As the gateway registers it: one file by default, the form's rules raise it.
    await app.register(multipart, { limits: { fileSize: MAX_BYTES, files: 1, fields: 20, fieldSize: 1024 } });
    const route = (rules: UploadFormRules) => async (req: FastifyRequest, reply: FastifyReply) => {
      try {
        return await reader.withUploads(req, rules, async (form) => {
          seen = { form, bytes: form.files.map((f) => store.objects.get(f.upload)!.toString()) };
          if (failInUse) throw new Error('the service failed');
          return { ok: true };
        });
      } catch (error) {
        if (!(error instanceof DomainException)) return reply.status(500).send({ code: 'INTERNAL' });
        return reply.status(ERROR_STATUS[error.code]).send({ code: error.code, details: error.details });
      }
    };
    app.post('/', route(RULES));
    app.post('/required', route({ ...RULES, fileRequired: true }));
  });
  afterEach(() => app.close());

  async function post(build: (form: FormData) => void, url = '/') {
    const form = new FormData();
    build(form);
    const request = new Request('http://localhost/', { method: 'POST', body: form });
    const res = await app.inject({
      method: 'POST', url, payload: Buffer.from(await request.arrayBuffer()),
      headers: { 'content-type': request.headers.get('content-type')! },
    });
    return { status: res.statusCode, body: res.json() };
  }

  const file = (text: string) => new Blob([text], { type: 'text/plain' });

  it('streams every file into the store, collects fields (repeated ones as lists), and removes the files afterwards', async () => {
    const res = await post((form) => {
      form.append('title', 'Handbook');
      form.append('websites', 'https://a.example/');
      form.append('websites', 'https://b.example/');
      form.append('files', file('first file'), 'one.txt');
      form.append('file', file('second file'), 'two.md');
    });
    expect(res).toEqual({ status: 200, body: { ok: true } });
    expect(seen?.form.fields).toEqual({ title: 'Handbook', websites: ['https://a.example/', 'https://b.example/'] });
    expect(seen?.form.files).toEqual([
      { upload: 'doc-1', field: 'files', filename: 'one.txt', content_type: 'text/plain' },
      { upload: 'doc-2', field: 'file', filename: 'two.md', content_type: 'text/plain' },
    ]);
    expect(seen?.bytes).toEqual(['first file', 'second file']);
    expect(store.objects.size).toBe(0);
  });

  it('removes the stored files when the route fails', async () => {
    failInUse = true;
    const res = await post((form) => form.append('files', file('kept only while used'), 'a.txt'));
    expect(res.status).toBe(500);
    expect(store.written).toEqual(['doc-1']);
    expect(store.objects.size).toBe(0);
  });

  it('answers 413 for a file over the limit and keeps none of the request\'s files', async () => {
    const res = await post((form) => {
      form.append('files', file('small'), 'small.txt');
      form.append('files', file('x'.repeat(MAX_BYTES + 1)), 'large.txt');
    });
    expect(res).toEqual({ status: 413, body: { code: 'PAYLOAD_TOO_LARGE', details: { limit_bytes: MAX_BYTES } } });
    expect(seen).toBeUndefined();
    expect(store.written).toHaveLength(2);
    expect(store.objects.size).toBe(0);
  });

  it('answers 422 naming the field for too many files, a file in a text field\'s place and a reserved field', async () => {
    const tooMany = await post((form) => {
      for (const name of ['a', 'b', 'c']) form.append('files', file(name), `${name}.txt`);
    });
    expect(tooMany).toMatchObject({ status: 422, body: { details: { fields: { files: ['at most 2 file(s) per request'] } } } });
    expect(store.objects.size).toBe(0);

    const asText = await post((form) => form.append('files', 'doc-99'));
    expect(asText).toMatchObject({ status: 422, body: { details: { fields: { files: [expect.stringMatching(/not text/)] } } } });
    const reserved = await post((form) => form.append('upload', 'someone-elses-upload'));
    expect(reserved).toMatchObject({ status: 422, body: { details: { fields: { upload: ['should not exist'] } } } });
    const elsewhere = await post((form) => form.append('attachment', file('x'), 'x.txt'));
    expect(elsewhere).toMatchObject({ status: 422, body: { details: { fields: { attachment: [expect.any(String)] } } } });
    expect(store.written).toHaveLength(2);
    expect(seen).toBeUndefined();
  });

  it('requires a file when the form says so, and a multipart request', async () => {
    const res = await post((form) => form.append('title', 'no file'), '/required');
    expect(res).toMatchObject({ status: 422, body: { details: { fields: { files: ['a document part named "files" is required'] } } } });
    const json = await app.inject({ method: 'POST', url: '/required', payload: { title: 'not a form' } });
    expect(json.statusCode).toBe(422);
    expect(json.json().details).toEqual({ fields: { files: ['a document part named "files" is required'] } });
  });
});
