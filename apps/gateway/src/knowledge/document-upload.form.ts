import { CreateDocumentsDto, CreateDocumentsRequest, MAX_FILES_PER_REQUEST } from '@parley/contracts';
import { validateDto, ValidationException } from '@parley/platform';
import type { UploadForm, UploadFormRules } from '../http/multipart-upload.reader';

/** `POST /knowledge/documents` as a form: document files in "files" (or "file") beside the text fields. */
export const DOCUMENT_UPLOAD_FORM: UploadFormRules = {
  kind: 'knowledge-document',
  fileFields: ['files', 'file'],
  fileDescription: 'a document file (PDF, DOCX, TXT, Markdown or HTML)',
  fileRequired: false,
  maxFiles: MAX_FILES_PER_REQUEST,
  // faq_text may hold 1,000,000 characters, up to 4 bytes each in UTF-8.
  maxFieldBytes: 4_000_000,
  // Room for every website as its own field, so that too many is named by validation.
  maxFields: 100,
};

/** The validated request naming the stored files; `websites` may repeat, or be a JSON array or one URL per line. */
export function documentsRequestFromForm(form: UploadForm): Promise<CreateDocumentsRequest> {
  const { websites, ...fields } = form.fields;
  const values: Record<string, unknown> = {};
  // An HTML form sends its empty inputs as "": that is "not given", not an invalid value.
  for (const [name, value] of Object.entries(fields)) if (value !== '') values[name] = value;
  if (websites !== undefined) values['websites'] = [websites].flat().flatMap(urlsOf);
  if (form.files.length > 0) {
    values['files'] = form.files.map(({ upload, filename, content_type }) => ({
      upload, filename, ...(content_type ? { content_type } : {}),
    }));
  }
  return validateDto(CreateDocumentsRequest, values);
}

/** The same request as JSON: no files, and `files` (the store names) is not the client's to set. */
export async function documentsRequestFromJson(body: unknown): Promise<CreateDocumentsRequest> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ValidationException('the body must be a JSON object or a multipart/form-data form');
  }
  return validateDto(CreateDocumentsDto, body);
}

/** One form value of `websites`: a JSON array of URLs, or URLs one per line (blank lines ignored). */
function urlsOf(value: string): unknown[] {
  const text = value.trim();
  if (text.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) return parsed;
    } catch {
      // not JSON: validation names the text as a bad URL
    }
    return [text];
  }
  return text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line.length > 0);
}
