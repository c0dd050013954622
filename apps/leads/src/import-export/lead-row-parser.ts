import { isEmail, isURL } from 'class-validator';
import { LEAD_STATUSES, type ImportRowError, type LeadStatus } from '@parley/contracts';
import { normalizePhone } from '../lead/phone-number';
import { mapLeadCsvHeader, type CsvColumn, type ImportableLeadField } from './lead-csv-header';

/** One valid CSV row, ready to stage. Absent values are null so a merge never blanks a stored field. */
export interface ImportedLead {
  /** The name the file gives (a name column, or first + last name). */
  name: string | null;
  /** Used only when the file gives no name: the email's local part, else the phone number. */
  fallback_name: string | null;
  email: string | null;
  /** E.164. */
  phone: string | null;
  company: string | null;
  title: string | null;
  industry: string | null;
  company_size: number | null;
  annual_revenue: number | null;
  budget: number | null;
  website: string | null;
  country: string | null;
  source: string | null;
  status: LeadStatus | null;
  tags: string[];
  notes: string | null;
  custom_fields: Record<string, unknown>;
}

export type ParsedRow =
  | { kind: 'lead'; lead: ImportedLead }
  | { kind: 'invalid'; errors: ImportRowError[] }
  /** Every cell empty (a spreadsheet's trailing `,,,` line): not a row. */
  | { kind: 'blank' };

export interface LeadRowParserOptions {
  mapping?: Record<string, string>;
  /** Region for national phone numbers (LEADS_CONFIG.DEFAULT_PHONE_REGION). */
  defaultRegion: string;
}

export type ParserForHeader =
  | { ok: true; parser: LeadRowParser }
  | { ok: false; message: string; details: Record<string, unknown> };

/** Same limits as LeadFieldsDto, so an imported lead could have been created through the API. */
const MAX_LENGTH: Partial<Record<ImportableLeadField, number>> = {
  name: 200, first_name: 100, last_name: 100, email: 254, company: 200, title: 120, industry: 80, website: 300,
  country: 60, source: 60, notes: 5000,
};
const MAX_TAGS = 50;
const MAX_TAG_LENGTH = 60;
const MAX_COMPANY_SIZE = 10_000_000;

/** Keys that merge rows: the same email (any case) or the same E.164 phone is the same lead. */
export function dedupeKeys(lead: Pick<ImportedLead, 'email' | 'phone'>): { email: string | null; phone: string | null } {
  return { email: lead.email ? lead.email.toLowerCase() : null, phone: lead.phone };
}

/** "1,200", "$ 25 000" and "25000.50" are numbers; thousands separators and currency signs are dropped. */
function parseAmount(text: string): number | null {
  const cleaned = text.replace(/[\s,_$€£¥]/g, '');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(cleaned)) return null;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : null;
}

/**
 * Turns CSV records into validated leads. Pure: no I/O, one instance per file (built from its header).
 * A row without a name is still a lead when it has an email or phone: it is named after the
 * email's local part (else the phone), and that derived name never overwrites a stored one.
 */
export class LeadRowParser {
  private constructor(
    readonly columns: CsvColumn[],
    private readonly defaultRegion: string,
  ) {}

  static forHeader(header: string[], options: LeadRowParserOptions): ParserForHeader {
    const mapped = mapLeadCsvHeader(header, options.mapping);
    if (!mapped.ok) return mapped;
    return { ok: true, parser: new LeadRowParser(mapped.columns, options.defaultRegion) };
  }

  /** `line` is the file line the record starts on (header = 1), used in every error. */
  parse(record: string[], line: number): ParsedRow {
    if (record.every((cell) => cell.trim() === '')) return { kind: 'blank' };
    const errors: ImportRowError[] = [];
    const fail = (field: string, message: string) => errors.push({ line, field, message });
    const values = new Map<ImportableLeadField, string>();
    const custom: Record<string, unknown> = {};

    this.columns.forEach((column, index) => {
      const cell = (record[index] ?? '').trim();
      if (cell === '' || column.kind === 'skip') return;
      if (column.kind === 'custom') custom[column.key] = cell;
      else values.set(column.field, cell);
    });
    for (const [field, text] of values) {
      const max = MAX_LENGTH[field];
      if (max !== undefined && text.length > max) fail(field, `${field} must be at most ${max} characters`);
    }
    const text = (field: ImportableLeadField) => values.get(field) ?? null;

    let email = text('email');
    if (email !== null && !isEmail(email)) {
      fail('email', `email must be an email (got "${email}")`);
      email = null;
    }

    let phone: string | null = null;
    const rawPhone = text('phone');
    if (rawPhone !== null) {
      const normalized = normalizePhone(rawPhone, this.defaultRegion);
      if (normalized.ok) phone = normalized.e164;
      else fail('phone', normalized.reason);
    }

    const joined = [text('first_name'), text('last_name')].filter((part) => part !== null).join(' ');
    const name = text('name') ?? (joined === '' ? null : joined);
    const fallbackName = name === null ? (email?.split('@')[0] ?? phone) : null;
    if (name === null && fallbackName === null && rawPhone === null && text('email') === null) {
      fail('name', 'name is required (or an email or phone to name the lead by)');
    }

    const companySize = this.number(text('company_size'), 'company_size', fail);
    if (companySize !== null && (!Number.isInteger(companySize) || companySize < 1 || companySize > MAX_COMPANY_SIZE)) {
      fail('company_size', `company_size must be a whole number from 1 to ${MAX_COMPANY_SIZE}`);
    }
    const annualRevenue = this.number(text('annual_revenue'), 'annual_revenue', fail);
    if (annualRevenue !== null && annualRevenue < 0) fail('annual_revenue', 'annual_revenue must not be negative');
    const budget = this.number(text('budget'), 'budget', fail);
    if (budget !== null && budget < 0) fail('budget', 'budget must not be negative');

    let website = text('website');
    if (website !== null) {
      // Spreadsheets hold "acme.com"; the API wants a URL with a protocol.
      if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(website)) website = `https://${website}`;
      if (!isURL(website, { require_protocol: true })) fail('website', `website must be a URL (got "${text('website')}")`);
    }

    let status: LeadStatus | null = null;
    const rawStatus = text('status');
    if (rawStatus !== null) {
      const candidate = rawStatus.toLowerCase().replace(/[\s-]+/g, '_');
      if ((LEAD_STATUSES as readonly string[]).includes(candidate)) status = candidate as LeadStatus;
      else fail('status', `status must be one of ${LEAD_STATUSES.join(', ')} (got "${rawStatus}")`);
    }

    const tags = this.tags(text('tags'), fail);
    const customFields = { ...this.customFieldsColumn(text('custom_fields'), fail), ...custom };

    if (errors.length > 0) return { kind: 'invalid', errors };
    return {
      kind: 'lead',
      lead: {
        name,
        fallback_name: fallbackName,
        email,
        phone,
        company: text('company'),
        title: text('title'),
        industry: text('industry'),
        company_size: companySize,
        annual_revenue: annualRevenue,
        budget,
        website,
        country: text('country'),
        source: text('source'),
        status,
        tags,
        notes: text('notes'),
        custom_fields: customFields,
      },
    };
  }

  private number(value: string | null, field: string, fail: (field: string, message: string) => void): number | null {
    if (value === null) return null;
    const parsed = parseAmount(value);
    if (parsed === null) fail(field, `${field} must be a number (got "${value}")`);
    return parsed;
  }

  /** Tags are separated by ";" or "|" (commas would clash with the CSV itself). */
  private tags(value: string | null, fail: (field: string, message: string) => void): string[] {
    if (value === null) return [];
    const tags = [...new Set(value.split(/[;|]/).map((tag) => tag.trim()).filter((tag) => tag !== ''))];
    if (tags.length > MAX_TAGS) fail('tags', `at most ${MAX_TAGS} tags`);
    const long = tags.find((tag) => tag.length > MAX_TAG_LENGTH);
    if (long !== undefined) fail('tags', `each tag must be at most ${MAX_TAG_LENGTH} characters`);
    return tags;
  }

  /** A `custom_fields` column (as our export writes it) holds a JSON object. */
  private customFieldsColumn(value: string | null, fail: (field: string, message: string) => void): Record<string, unknown> {
    if (value === null) return {};
    try {
      const parsed: unknown = JSON.parse(value);
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      // falls through to the row error below
    }
    fail('custom_fields', 'custom_fields must be a JSON object');
    return {};
  }
}
