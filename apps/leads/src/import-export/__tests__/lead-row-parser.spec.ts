import { LeadRowParser, dedupeKeys, type ImportedLead, type ParsedRow } from '../lead-row-parser';
import { mapLeadCsvHeader } from '../lead-csv-header';

function parserFor(header: string[], mapping?: Record<string, string>): LeadRowParser {
  const built = LeadRowParser.forHeader(header, { mapping, defaultRegion: 'US' });
  if (!built.ok) throw new Error(built.message);
  return built.parser;
}

function leadOf(row: ParsedRow): ImportedLead {
  if (row.kind !== 'lead') throw new Error(`expected a lead, got ${JSON.stringify(row)}`);
  return row.lead;
}

describe('mapLeadCsvHeader', () => {
  it('matches our field names and common aliases, ignoring case, spaces and punctuation', () => {
    const mapped = mapLeadCsvHeader(['Full Name', 'E-mail', 'Phone Number', 'Company Name', 'Job Title', 'LEAD SOURCE', 'Favourite colour']);
    expect(mapped).toEqual({
      ok: true,
      columns: [
        { kind: 'field', field: 'name', header: 'Full Name' },
        { kind: 'field', field: 'email', header: 'E-mail' },
        { kind: 'field', field: 'phone', header: 'Phone Number' },
        { kind: 'field', field: 'company', header: 'Company Name' },
        { kind: 'field', field: 'title', header: 'Job Title' },
        { kind: 'field', field: 'source', header: 'LEAD SOURCE' },
        { kind: 'custom', key: 'Favourite colour', header: 'Favourite colour' },
      ],
    });
  });

  it('lets an explicit mapping override aliases, matched exactly or loosely', () => {
    const mapped = mapLeadCsvHeader(['Contact', 'Mail Addr', 'Org'], { 'mail addr': 'email', Org: 'company', Contact: 'notes' });
    expect(mapped.ok && mapped.columns.map((c) => (c.kind === 'field' ? c.field : c.kind))).toEqual(['notes', 'email', 'company']);
  });

  it('refuses a mapping onto an unknown lead field', () => {
    const mapped = mapLeadCsvHeader(['Name'], { Name: 'fullname' });
    expect(mapped).toMatchObject({ ok: false, details: { field: 'mapping', invalid: [{ column: 'Name', target: 'fullname' }] } });
  });

  it('refuses a header with no name, email or phone column', () => {
    const mapped = mapLeadCsvHeader(['company', 'industry']);
    expect(mapped).toMatchObject({ ok: false, details: { field: 'header', header: ['company', 'industry'] } });
  });

  it('accepts first and last name columns as the name', () => {
    expect(mapLeadCsvHeader(['First Name', 'Surname']).ok).toBe(true);
  });

  it('skips system columns of our own export and sends a second column for the same field to custom fields', () => {
    const mapped = mapLeadCsvHeader(['id', 'name', 'score', 'created_at', 'email', 'Email Address']);
    expect(mapped.ok && mapped.columns.map((c) => c.kind)).toEqual(['skip', 'field', 'skip', 'skip', 'field', 'custom']);
  });
});

describe('LeadRowParser', () => {
  const header = ['Name', 'Email', 'Phone', 'Company', 'Employees', 'Revenue', 'Budget', 'Website', 'Status', 'Tags', 'Region'];
  const parser = parserFor(header);

  it('turns a row into a lead: E.164 phone, numbers, URL, status, tags, custom fields', () => {
    const lead = leadOf(parser.parse(
      ['Ann Lee', 'Ann@Example.com', '(415) 555-2671', 'Acme', '1,200', '$2,500,000', '25000.50', 'acme.com', 'Closed Won', 'vip; trade-show | vip', 'West'],
      2,
    ));
    expect(lead).toEqual({
      name: 'Ann Lee', fallback_name: null, email: 'Ann@Example.com', phone: '+14155552671', company: 'Acme', title: null,
      industry: null, company_size: 1200, annual_revenue: 2_500_000, budget: 25000.5, website: 'https://acme.com',
      country: null, source: null, status: 'closed_won', tags: ['vip', 'trade-show'], notes: null,
      custom_fields: { Region: 'West' },
    });
  });

  it('leaves absent values null so a merge never blanks a stored field', () => {
    const lead = leadOf(parser.parse(['Bo', '', '', '', '', '', '', '', '', '', ''], 3));
    expect(lead).toMatchObject({ name: 'Bo', email: null, phone: null, status: null, tags: [], custom_fields: {} });
  });

  it('reports every invalid field of a row with its line', () => {
    const row = parser.parse(['', 'not-an-email', '12', '', 'many', '-5', 'lots', 'http://', 'maybe', '', ''], 7);
    expect(row.kind).toBe('invalid');
    const errors = row.kind === 'invalid' ? row.errors : [];
    expect(errors.map((e) => [e.line, e.field])).toEqual([
      [7, 'email'], [7, 'phone'], [7, 'company_size'], [7, 'annual_revenue'], [7, 'budget'], [7, 'website'], [7, 'status'],
    ]);
    expect(errors[0].message).toBe('email must be an email (got "not-an-email")');
  });

  it('requires a name unless an email or phone can name the lead', () => {
    const onlyName = parserFor(['name', 'company']);
    expect(onlyName.parse(['', 'Acme'], 4)).toEqual({
      kind: 'invalid', errors: [{ line: 4, field: 'name', message: 'name is required (or an email or phone to name the lead by)' }],
    });
    expect(leadOf(parser.parse(['', 'jo.doe@x.io', '', '', '', '', '', '', '', '', ''], 5))).toMatchObject({ name: null, fallback_name: 'jo.doe' });
    expect(leadOf(parser.parse(['', '', '+44 20 7946 0958', '', '', '', '', '', '', '', ''], 6))).toMatchObject({
      name: null, fallback_name: '+442079460958', phone: '+442079460958',
    });
  });

  it('joins first and last name', () => {
    const split = parserFor(['First Name', 'Last Name', 'email']);
    expect(leadOf(split.parse(['Ada', 'Lovelace', ''], 2)).name).toBe('Ada Lovelace');
    expect(leadOf(split.parse(['', 'Lovelace', ''], 3)).name).toBe('Lovelace');
  });

  it('enforces the API length limits', () => {
    const row = parser.parse(['x'.repeat(201), '', '', '', '', '', '', '', '', '', ''], 2);
    expect(row).toEqual({ kind: 'invalid', errors: [{ line: 2, field: 'name', message: 'name must be at most 200 characters' }] });
  });

  it('treats a row of empty cells as no row', () => {
    expect(parser.parse(['', ' ', '', '', '', '', '', '', '', '', ''], 9)).toEqual({ kind: 'blank' });
  });

  it('reads a custom_fields column as a JSON object and merges named custom columns over it', () => {
    const withJson = parserFor(['name', 'custom_fields', 'Region']);
    expect(leadOf(withJson.parse(['A', '{"tier":"gold","Region":"old"}', 'East'], 2)).custom_fields).toEqual({ tier: 'gold', Region: 'East' });
    expect(withJson.parse(['A', '[1]', ''], 3)).toEqual({
      kind: 'invalid', errors: [{ line: 3, field: 'custom_fields', message: 'custom_fields must be a JSON object' }],
    });
  });

  it('dedupes by lower-cased email and by E.164 phone', () => {
    const a = leadOf(parser.parse(['A', 'Ann@Example.COM', '415 555 2671', '', '', '', '', '', '', '', ''], 2));
    const b = leadOf(parser.parse(['B', '', '+1 (415) 555-2671', '', '', '', '', '', '', '', ''], 3));
    expect(dedupeKeys(a)).toEqual({ email: 'ann@example.com', phone: '+14155552671' });
    expect(dedupeKeys(b)).toEqual({ email: null, phone: '+14155552671' });
  });
});
