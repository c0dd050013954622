/** Lead fields a CSV column can fill; `first_name` + `last_name` are joined into `name`. */
export const IMPORTABLE_LEAD_FIELDS = [
  'name', 'first_name', 'last_name', 'email', 'phone', 'company', 'title', 'industry', 'company_size',
  'annual_revenue', 'budget', 'website', 'country', 'source', 'status', 'tags', 'notes', 'custom_fields',
] as const;
export type ImportableLeadField = (typeof IMPORTABLE_LEAD_FIELDS)[number];

/**
 * Columns of our own export that an import cannot set (ids, derived and system values): they are
 * skipped, so an exported file imports back cleanly instead of filling custom_fields with them.
 */
const SYSTEM_COLUMNS = [
  'id', 'priority', 'score', 'score_breakdown', 'campaign_id', 'assigned_to', 'last_contacted_at', 'created_at',
  'updated_at',
] as const;

/** Header spellings seen in CRM and spreadsheet exports, compared after `headerKey`. */
const ALIASES: Record<ImportableLeadField, string[]> = {
  name: ['name', 'fullname', 'leadname', 'contactname', 'contact'],
  first_name: ['firstname', 'first', 'givenname', 'fname'],
  last_name: ['lastname', 'last', 'surname', 'familyname', 'lname'],
  email: ['email', 'emailaddress', 'mail', 'workemail'],
  phone: ['phone', 'phonenumber', 'telephone', 'tel', 'mobile', 'mobilephone', 'mobilenumber', 'cell', 'cellphone'],
  company: ['company', 'companyname', 'organization', 'organisation', 'account', 'accountname'],
  title: ['title', 'jobtitle', 'position'],
  industry: ['industry', 'sector'],
  company_size: ['companysize', 'employees', 'numberofemployees', 'headcount'],
  annual_revenue: ['annualrevenue', 'revenue'],
  budget: ['budget'],
  website: ['website', 'url', 'web', 'homepage', 'site'],
  country: ['country', 'countrycode'],
  source: ['source', 'leadsource'],
  status: ['status', 'leadstatus'],
  tags: ['tags', 'tag', 'labels'],
  notes: ['notes', 'note', 'comments', 'comment'],
  custom_fields: ['customfields'],
};

const ALIAS_INDEX = new Map<string, ImportableLeadField>(
  (Object.entries(ALIASES) as Array<[ImportableLeadField, string[]]>).flatMap(([field, keys]) =>
    keys.map((key) => [key, field] as const)),
);
const SYSTEM_INDEX = new Set<string>(SYSTEM_COLUMNS.map((column) => headerKey(column)));

/** "E-mail", "e_mail " and "EMAIL" all compare as "email". */
export function headerKey(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** What one CSV column becomes. */
export type CsvColumn =
  | { kind: 'field'; field: ImportableLeadField; header: string }
  | { kind: 'custom'; key: string; header: string }
  | { kind: 'skip'; header: string };

export type HeaderMapping =
  | { ok: true; columns: CsvColumn[] }
  | { ok: false; message: string; details: Record<string, unknown> };

function explicitTarget(header: string, mapping: Record<string, string>): string | undefined {
  if (header in mapping) return mapping[header];
  const key = headerKey(header);
  const match = Object.keys(mapping).find((candidate) => headerKey(candidate) === key);
  return match === undefined ? undefined : mapping[match];
}

/**
 * Maps a CSV header to lead fields: the caller's `mapping` first, then our field names and common
 * aliases (case, spaces and punctuation ignored). The first column naming a field wins; later
 * columns for the same field and unknown columns go into custom_fields under their header.
 */
export function mapLeadCsvHeader(header: string[], mapping: Record<string, string> = {}): HeaderMapping {
  const badTargets = Object.entries(mapping)
    .filter(([, target]) => !(IMPORTABLE_LEAD_FIELDS as readonly string[]).includes(target))
    .map(([column, target]) => ({ column, target }));
  if (badTargets.length > 0) {
    return {
      ok: false,
      message: `mapping names unknown lead fields: ${badTargets.map((b) => b.target).join(', ')}`,
      details: { field: 'mapping', invalid: badTargets, allowed: IMPORTABLE_LEAD_FIELDS },
    };
  }

  const taken = new Set<ImportableLeadField>();
  const columns = header.map((raw): CsvColumn => {
    const text = raw.trim();
    const target = (explicitTarget(text, mapping) as ImportableLeadField | undefined) ?? ALIAS_INDEX.get(headerKey(text));
    if (target && !taken.has(target)) {
      taken.add(target);
      return { kind: 'field', field: target, header: text };
    }
    if (!target && SYSTEM_INDEX.has(headerKey(text))) return { kind: 'skip', header: text };
    if (text === '') return { kind: 'skip', header: text };
    return { kind: 'custom', key: text, header: text };
  });

  const hasName = taken.has('name') || taken.has('first_name') || taken.has('last_name');
  if (!hasName && !taken.has('email') && !taken.has('phone')) {
    return {
      ok: false,
      message: 'the CSV header needs a name column (name, or first and last name) or an email or phone column',
      details: { field: 'header', header: header.map((h) => h.trim()) },
    };
  }
  return { ok: true, columns };
}
