import 'reflect-metadata';
import { ValidationException } from '@parley/platform';
import type { UploadForm } from '../../http/multipart-upload.reader';
import { documentsRequestFromForm, documentsRequestFromJson } from '../document-upload.form';

const form = (fields: UploadForm['fields'], files: UploadForm['files'] = []): UploadForm => ({ fields, files });

async function fieldsOfError(promise: Promise<unknown>): Promise<Record<string, string[]>> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationException);
  return (error as ValidationException).details?.['fields'] as Record<string, string[]>;
}

describe('the knowledge upload form', () => {
  it('accepts websites repeated, as a JSON array or one per line, all in one list', async () => {
    const request = await documentsRequestFromForm(form({
      websites: ['https://a.example/', '["https://b.example/docs", "http://127.0.0.1:8080/"]', 'https://c.example/\r\n\n  https://d.example/x  \n'],
    }));
    expect(request.websites).toEqual([
      'https://a.example/', 'https://b.example/docs', 'http://127.0.0.1:8080/', 'https://c.example/', 'https://d.example/x',
    ]);
  });

  it('names the stored files and treats empty inputs as not given', async () => {
    const request = await documentsRequestFromForm(form(
      { title: 'Handbook', category: '', language: 'en', faq_text: 'Q: Hours? A: Nine to five.' },
      [
        { upload: 'knowledge-document-1', field: 'files', filename: 'handbook.pdf', content_type: 'application/pdf' },
        { upload: 'knowledge-document-2', field: 'file', filename: 'notes.txt', content_type: undefined },
      ],
    ));
    expect(request).toMatchObject({ title: 'Handbook', language: 'en', faq_text: 'Q: Hours? A: Nine to five.' });
    expect(request.category).toBeUndefined();
    expect(request.files).toEqual([
      { upload: 'knowledge-document-1', filename: 'handbook.pdf', content_type: 'application/pdf' },
      { upload: 'knowledge-document-2', filename: 'notes.txt' },
    ]);
  });

  it('names each bad field', async () => {
    const fields = await fieldsOfError(documentsRequestFromForm(form({
      websites: 'ftp://files.example/\nnot a url', language: 'xx', knowledge_base: 'Has Spaces', title: ['one', 'two'], colour: 'blue',
    })));
    expect(Object.keys(fields)).toEqual(expect.arrayContaining(['websites', 'language', 'knowledge_base', 'title', 'colour']));
  });

  it('takes JSON without files, and never lets the client name a stored upload', async () => {
    const request = await documentsRequestFromJson({ websites: ['https://a.example/'], faq_text: 'Q: x? A: y.', knowledge_base: 'sales' });
    expect(request).toMatchObject({ websites: ['https://a.example/'], knowledge_base: 'sales' });
    const fields = await fieldsOfError(documentsRequestFromJson({ files: [{ upload: 'knowledge-document-of-someone', filename: 'a.pdf' }] }));
    expect(fields).toHaveProperty('files');
    await expect(documentsRequestFromJson('websites=https://a.example/')).rejects.toBeInstanceOf(ValidationException);
    await expect(documentsRequestFromJson([{ faq_text: 'x' }])).rejects.toBeInstanceOf(ValidationException);
  });
});
