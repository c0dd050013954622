import { Readable } from 'node:stream';
import { ErrorCode } from '@parley/contracts';
import { DEFAULT_SCORE_WEIGHTS } from '../../scoring/lead-scorer';
import { ImportedLeadScorer } from '../imported-lead-scorer';
import { LeadCsvReader, type LeadCsvReaderOptions } from '../lead-csv-reader';

const scorer = new ImportedLeadScorer(DEFAULT_SCORE_WEIGHTS, 'import', new Date('2025-01-01T00:00:00Z'));

async function read(csv: string, options: Partial<LeadCsvReaderOptions> = {}) {
  const reader = new LeadCsvReader(Readable.from([Buffer.from(csv)]), {
    defaultRegion: 'US', maxRows: 100, maxErrors: 100, scorer, ...options,
  });
  const chunks: string[] = [];
  for await (const chunk of reader.stagingChunks()) chunks.push(chunk);
  const lines = chunks.join('').split('\n').filter((l) => l !== '').map((l) => l.split('\t'));
  return { summary: reader.summary, lines };
}

describe('LeadCsvReader', () => {
  it('reports bad rows with their real file line, also after quoted newlines, blank lines and CRLF', async () => {
    const csv = '\ufeffname,email,notes\r\n'
      + 'Ann,ann@x.io,"two\r\nlines"\r\n'
      + '\r\n'
      + 'Bob,not-an-email,\r\n'
      + 'Cy,cy@x.io,"a\nb\nc"\r\n'
      + ',,\r\n'
      + 'Di,di@,\r\n';
    const { summary, lines } = await read(csv);
    expect(summary).toMatchObject({ totalRows: 4, validRows: 2, failed: 2, errorsTruncated: false, mergedGroups: 0 });
    expect(summary.errors).toEqual([
      { line: 5, field: 'email', message: 'email must be an email (got "not-an-email")' },
      { line: 10, field: 'email', message: 'email must be an email (got "di@")' },
    ]);
    // Staged rows keep their start line and escape the embedded newlines.
    expect(lines.map((l) => [l[0], l[2], l[17]])).toEqual([['2', 'Ann', 'two\\r\\nlines'], ['6', 'Cy', 'a\\nb\\nc']]);
  });

  it('groups rows of one lead and stages a score', async () => {
    const { summary, lines } = await read('name,email,phone\nA,a@x.io,\nB,A@X.IO,415-555-2671\nC,,(415) 555 2671\n');
    expect(summary.mergedGroups).toBe(1);
    expect(lines.map((l) => l[1])).toEqual(['2', '2', '2']);
    expect(Number(lines[0][19])).toBe(scorer.score({
      name: 'A', fallback_name: null, email: 'a@x.io', phone: null, company: null, title: null, industry: null,
      company_size: null, annual_revenue: null, budget: null, website: null, country: null, source: null, status: null,
      tags: [], notes: null, custom_fields: {},
    }).overall_score);
    expect(lines[0]).toHaveLength(20);
  });

  it('lists at most maxErrors errors but counts every failed row', async () => {
    const { summary } = await read('email\nx\ny\nz\n', { maxErrors: 2 });
    expect(summary).toMatchObject({ failed: 3, errorsTruncated: true });
    expect(summary.errors.map((e) => e.line)).toEqual([2, 3]);
  });

  it.each([
    ['an unclosed quote', 'name,email\nA,a@x.io\n\n"B,b@x.io\nC,c@x.io\n', 4],
    ['a row with too many columns', 'name,email\nA,a@x.io\n"B\nB",b@x.io,extra\n', 3],
    ['a stray quote', 'name,email\nA,a@x.io\nB"x",b@x.io\n', 3],
  ])('rejects malformed CSV (%s) with the line', async (_, csv, line) => {
    await expect(read(csv)).rejects.toMatchObject({ code: ErrorCode.ValidationFailed, details: { line } });
  });

  it('rejects a header without name, email or phone, an empty file and too many rows', async () => {
    await expect(read('company\nAcme\n')).rejects.toMatchObject({ code: ErrorCode.ValidationFailed, details: { field: 'header' } });
    await expect(read('')).rejects.toMatchObject({ code: ErrorCode.ValidationFailed, details: { field: 'header' } });
    await expect(read('email\na@x.io\nb@x.io\nc@x.io\n', { maxRows: 2 })).rejects.toMatchObject({
      code: ErrorCode.ValidationFailed, details: { max_rows: 2 },
    });
  });
});
