import { ImportDncRequest } from '@parley/contracts';
import { validateDto } from '@parley/platform';
import type { UploadForm, UploadFormRules } from '../http/multipart-upload.reader';

/** `POST /compliance/dnc/import`: one CSV in "file" and no other fields; the store name ("upload") is the gateway's to set. */
export const DNC_IMPORT_FORM: UploadFormRules = {
  kind: 'dnc-import',
  fileFields: ['file'],
  fileDescription: 'a CSV file',
  fileRequired: true,
  maxFiles: 1,
  reservedFields: ['upload'],
};

/** The validated ImportDncRequest naming the stored CSV; any other form field is refused as unknown. */
export function importDncRequest(form: UploadForm): Promise<ImportDncRequest> {
  return validateDto(ImportDncRequest, { ...form.fields, upload: form.files[0]?.upload });
}
