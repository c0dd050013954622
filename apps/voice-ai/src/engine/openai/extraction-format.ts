import type { ExtractionFieldDto } from '@parley/contracts';
import type { ResponseFormatJSONSchema } from 'openai/resources/shared';

const JSON_TYPES: Record<ExtractionFieldDto['type'], string> = { string: 'string', number: 'number', boolean: 'boolean', date: 'string' };

/** Structured output asking for each extraction field, null where the conversation did not say it. */
export function extractionFormat(fields: readonly ExtractionFieldDto[]): ResponseFormatJSONSchema {
  const properties = Object.fromEntries(
    fields.map((field) => {
      const hint = field.type === 'date' ? 'A date as YYYY-MM-DD, or a time as ISO 8601 with offset.' : '';
      const description = [field.description, hint, 'null when the conversation did not say it.'].filter(Boolean).join(' ');
      return [field.name, { type: [JSON_TYPES[field.type], 'null'], description }];
    }),
  );
  return {
    type: 'json_schema',
    json_schema: {
      name: 'call_extraction',
      description: 'Facts the conversation established.',
      strict: true,
      schema: { type: 'object', additionalProperties: false, required: fields.map((field) => field.name), properties },
    },
  };
}

/**
 * The model's values of the named fields (null when it gave none). Typing them is the shared wrap-up's
 * job (fillExtractionFields), which also falls back to memory and transcript where the model said null.
 */
export function parseExtraction(fields: readonly ExtractionFieldDto[], content: string): Record<string, unknown> {
  let parsed: Record<string, unknown> = {};
  try {
    const value: unknown = JSON.parse(content);
    if (value && typeof value === 'object' && !Array.isArray(value)) parsed = value as Record<string, unknown>;
  } catch {
    parsed = {};
  }
  return Object.fromEntries(fields.map((field) => [field.name, parsed[field.name] ?? null]));
}
