import { ApiOperation } from '@nestjs/swagger';
import { DOCUMENT_STATUSES, KNOWLEDGE_LANGUAGE_CODES, MAX_FILES_PER_REQUEST } from '@parley/contracts';

// The route reads the request itself (a streamed form, or JSON), so its body is described here.
const FORM_SCHEMA = {
  type: 'object',
  properties: {
    files: {
      type: 'array',
      items: { type: 'string', format: 'binary' },
      maxItems: MAX_FILES_PER_REQUEST,
      description: 'PDF, DOCX, TXT, Markdown or HTML files (a single one may also be sent as "file"); UPLOAD_MAX_BYTES each',
    },
    websites: {
      type: 'array',
      items: { type: 'string', format: 'uri' },
      description: 'start pages to crawl: the field repeated, a JSON array, or one URL per line',
    },
    faq_text: { type: 'string', description: 'questions and answers ("Q: … A: …", or a question line ending in "?" followed by its answer)' },
    title: { type: 'string' },
    category: { type: 'string' },
    knowledge_base: { type: 'string', description: '1-60 lower-case letters, digits, "-" or "_"; default "default"' },
    language: { type: 'string', enum: KNOWLEDGE_LANGUAGE_CODES },
  },
} as const;

/** OpenAPI of `POST /knowledge/documents` and `POST /onboarding/knowledge`. */
export const ApiDocumentUpload = (summary: string) =>
  ApiOperation({
    summary,
    description:
      `Give at least one source: files, websites or faq_text. Answers 202 with the documents (status ${DOCUMENT_STATUSES.join(' → ')}); ` +
      'poll GET /knowledge/documents or listen for knowledge.document.ready / knowledge.document.failed. ' +
      '413 when a file is over the upload limit, 415 for a file type that cannot be ingested (nothing is stored then).',
    requestBody: {
      required: true,
      content: {
        'multipart/form-data': { schema: FORM_SCHEMA },
        'application/json': { schema: { $ref: '#/components/schemas/CreateDocumentsDto' } },
      },
    },
  });
