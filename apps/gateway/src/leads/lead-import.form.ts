import { ImportLeadsRequest } from '@parley/contracts';
import { validateDto } from '@parley/platform';
import type { UploadForm, UploadFormRules } from '../http/multipart-upload.reader';

/** `POST /leads/import`: one CSV in "file"; the store name ("upload") is the gateway's to set. */
export const LEAD_IMPORT_FORM: UploadFormRules = {
  kind: 'lead-import',
  fileFields: ['file'],
  fileDescription: 'a CSV file',
  fileRequired: true,
  maxFiles: 1,
  reservedFields: ['upload'],
};

/** The validated ImportLeadsRequest naming the stored CSV. */
export function importLeadsRequest(form: UploadForm): Promise<ImportLeadsRequest> {
  return validateDto(ImportLeadsRequest, { ...formValues(form.fields), upload: form.files[0]?.upload });
}

/** Form fields are strings: `mapping` is JSON and `all_or_nothing` a boolean; anything else is left for validation to name. */
function formValues(fields: UploadForm['fields']): Record<string, unknown> {
  const values: Record<string, unknown> = { ...fields };
  if (typeof values['mapping'] === 'string') values['mapping'] = jsonObjectOr(values['mapping']);
  if (values['all_or_nothing'] === 'true') values['all_or_nothing'] = true;
  else if (values['all_or_nothing'] === 'false') values['all_or_nothing'] = false;
  return values;
}

/** The parsed object, or the text itself so that validation reports "mapping must be an object". */
function jsonObjectOr(text: string): unknown {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : text;
  } catch {
    return text;
  }
}
