import { Readable } from 'node:stream';
import { ErrorCode } from '@parley/contracts';
import { DncCsvReader, type DncCsvReaderOptions, type DncCsvRow } from '../dnc-csv-reader';

async function read(csv: string, options: Partial<DncCsvReaderOptions> = {}) {
  const reader = new DncCsvReader(Readable.from([Buffer.from(csv)]), {
    defaultRegion: 'US', batchSize: 100, maxRows: 100, maxErrors: 100, ...options,
  });
  const batches: DncCsvRow[][] = [];
  for await (const batch of reader.batches()) batches.push(batch);
  return { summary: reader.summary, batches, rows: batches.flat() };
}

describe('DncCsvReader', () => {
  it('reads phone_number and reason in any notation, ignoring other columns and blank rows', async () => {
    const { summary, rows } = await read('\ufeffName,Phone Number,Reason\r\nAnn,(212) 555-0123,asked us\r\n,,\r\nBob,+44 20 7946 0958,\r\n');
    expect(summary).toEqual({ totalRows: 2, failed: 0, errors: [], errorsTruncated: false });
    expect(rows).toEqual([
      { line: 2, phoneNumber: '+12125550123', reason: 'asked us' },
      { line: 4, phoneNumber: '+442079460958', reason: null },
    ]);
  });

  it('accepts a phone column and a file without reasons', async () => {
    const { rows } = await read('phone\n415-555-2671\n');
    expect(rows).toEqual([{ line: 2, phoneNumber: '+14155552671', reason: null }]);
  });

  it('reports bad rows with their real file line, also after quoted newlines and blank lines', async () => {
    const csv = 'phone_number,reason\n'
      + '2125550123,"said\nno"\n'
      + '\n'
      + '12,typo\n'
      + ',empty number\n'
      + `2125550124,${'x'.repeat(501)}\n`
      + '2125550125,too,many\n'
      + '2125550126\n';
    const { summary, rows } = await read(csv);
    expect(summary).toMatchObject({ totalRows: 6, failed: 4, errorsTruncated: false });
    expect(summary.errors).toEqual([
      { line: 5, message: 'phone_number must be a valid phone number (got "12")' },
      { line: 6, message: 'phone_number must not be empty' },
      { line: 7, message: 'reason must be at most 500 characters' },
      { line: 8, message: 'the row has 3 fields but the header 2 (quote values that contain commas)' },
    ]);
    expect(rows).toEqual([
      { line: 2, phoneNumber: '+12125550123', reason: 'said\nno' },
      { line: 9, phoneNumber: '+12125550126', reason: null },
    ]);
  });

  it('hands rows on in batches', async () => {
    const numbers = Array.from({ length: 5 }, (_, i) => `212555010${i}`);
    const { batches } = await read(`phone\n${numbers.join('\n')}\n`, { batchSize: 2 });
    expect(batches.map((batch) => batch.length)).toEqual([2, 2, 1]);
  });

  it('lists at most maxErrors errors but counts every failed row', async () => {
    const { summary } = await read('phone\nx\ny\nz\n', { maxErrors: 2 });
    expect(summary).toMatchObject({ failed: 3, errorsTruncated: true });
    expect(summary.errors.map((e) => e.line)).toEqual([2, 3]);
  });

  it.each([
    ['no header at all', '', /the CSV file is empty/],
    ['no phone column', 'name,reason\nAnn,x\n', /needs a phone_number \(or phone\) column/],
    ['too many rows', 'phone\n2125550100\n2125550101\n2125550102\n', /more than 2 rows/],
    ['an unclosed quote', 'phone\n2125550100\n\n"2125550101\n2125550102\n', /malformed at line 4/],
    ['a stray quote', 'phone\n2125550100\n21255"50101"\n', /malformed at line 3/],
  ])('rejects the whole file with a 422 for %s', async (_, csv, message) => {
    await expect(read(csv, { maxRows: 2 })).rejects.toMatchObject({ code: ErrorCode.ValidationFailed, message: expect.stringMatching(message) });
  });
});
