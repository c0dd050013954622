import { CsvError, parse, type Options } from 'csv-parse';
import type { Readable } from 'node:stream';
import { ValidationException } from '@parley/platform';
import { parsePhone } from '../phone/phone-number';

/** One listed number of the file. */
export interface DncCsvRow {
  line: number;
  phoneNumber: string;
  reason: string | null;
}

export interface DncCsvRowError {
  line: number;
  message: string;
}

/** What reading the file found; final once `batches` is exhausted. */
export interface DncCsvSummary {
  totalRows: number;
  failed: number;
  errors: DncCsvRowError[];
  errorsTruncated: boolean;
}

export interface DncCsvReaderOptions {
  defaultRegion: string;
  batchSize: number;
  maxRows: number;
  maxErrors: number;
}

/** Same limit as AddDncDto.reason, so an imported entry could have been added through the API. */
const MAX_REASON_LENGTH = 500;
const PHONE_HEADERS = ['phonenumber', 'phone'];
const REASON_HEADER = 'reason';
const LINE_BREAKS = /\r\n|\n|\r/g;
const LEADING_BLANK_LINES = /^(?:[ \t]*(?:\r\n|\n|\r))*/;

/** "Phone Number", "phone_number" and "PHONE-NUMBER" all compare as "phonenumber". */
function headerKey(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function lineBreaks(text: string): number {
  return text.match(LINE_BREAKS)?.length ?? 0;
}

/** The line a record starts on, given the breaks consumed before its raw text (which begins with any skipped blank lines). */
function startLine(consumed: number, raw: string): number {
  return consumed + lineBreaks(LEADING_BLANK_LINES.exec(raw)?.[0] ?? '') + 1;
}

interface ParsedRecord {
  record: string[];
  /** The file line the record starts on (a quoted field may span several). */
  line: number;
}

interface Columns {
  phone: number;
  reason: number | null;
  width: number;
}

/**
 * Reads a do-not-call CSV as a stream: a header with a `phone_number` (or `phone`) column and
 * an optional `reason`, any other columns ignored. Valid rows come out in batches with numbers in
 * E.164; bad rows are counted and listed by their real file line (up to `maxErrors`). A file that
 * is not CSV, has no phone column or too many rows throws a 422, so its import keeps nothing.
 */
export class DncCsvReader {
  readonly summary: DncCsvSummary = { totalRows: 0, failed: 0, errors: [], errorsTruncated: false };

  constructor(
    private readonly source: Readable,
    private readonly options: DncCsvReaderOptions,
  ) {}

  async *batches(): AsyncGenerator<DncCsvRow[]> {
    let consumed = 0;
    // With `raw`, on_record sees each record's text: counting its line breaks gives real line numbers.
    const parserOptions: Options<ParsedRecord, { record: string[]; raw: string }> = {
      bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, raw: true,
      on_record: ({ record, raw }) => {
        const line = startLine(consumed, raw);
        consumed += lineBreaks(raw);
        return { record, line };
      },
    };
    const parser = parse(parserOptions as unknown as Options);
    this.source.on('error', (error) => parser.destroy(error));
    this.source.pipe(parser);

    let columns: Columns | null = null;
    let batch: DncCsvRow[] = [];
    try {
      for await (const { record, line } of parser as AsyncIterable<ParsedRecord>) {
        if (!columns) {
          columns = columnsOf(record);
          continue;
        }
        if (record.every((cell) => cell === '')) continue;
        this.summary.totalRows += 1;
        if (this.summary.totalRows > this.options.maxRows) {
          throw new ValidationException(`the file has more than ${this.options.maxRows} rows`, { max_rows: this.options.maxRows });
        }
        const row = this.rowOf(record, line, columns);
        if (!row) continue;
        batch.push(row);
        if (batch.length >= this.options.batchSize) {
          yield batch;
          batch = [];
        }
      }
    } catch (error) {
      if (error instanceof CsvError) throw malformed(error, consumed);
      throw error;
    } finally {
      // Also when the consumer stops early: stop reading the upload.
      this.source.unpipe(parser);
      this.source.destroy();
    }
    if (!columns) throw new ValidationException('the CSV file is empty: it needs a header line with a phone_number column', { field: 'header' });
    if (batch.length > 0) yield batch;
  }

  private rowOf(record: string[], line: number, columns: Columns): DncCsvRow | null {
    if (record.length > columns.width) {
      return this.fail(line, `the row has ${record.length} fields but the header ${columns.width} (quote values that contain commas)`);
    }
    const parsed = parsePhone(record[columns.phone] ?? '', this.options.defaultRegion);
    if (!parsed.ok) return this.fail(line, parsed.reason);
    const reason = columns.reason === null ? '' : (record[columns.reason] ?? '');
    if (reason.length > MAX_REASON_LENGTH) return this.fail(line, `reason must be at most ${MAX_REASON_LENGTH} characters`);
    return { line, phoneNumber: parsed.e164, reason: reason === '' ? null : reason };
  }

  private fail(line: number, message: string): null {
    this.summary.failed += 1;
    if (this.summary.errors.length < this.options.maxErrors) this.summary.errors.push({ line, message });
    else this.summary.errorsTruncated = true;
    return null;
  }
}

function columnsOf(header: string[]): Columns {
  const keys = header.map(headerKey);
  const phone = PHONE_HEADERS.map((name) => keys.indexOf(name)).find((index) => index >= 0);
  if (phone === undefined) {
    throw new ValidationException('the CSV header needs a phone_number (or phone) column', {
      field: 'header', header: header.map((h) => h.trim()),
    });
  }
  const reason = keys.indexOf(REASON_HEADER);
  return { phone, reason: reason >= 0 ? reason : null, width: header.length };
}

function malformed(error: CsvError, consumed: number): ValidationException {
  const raw = typeof error.raw === 'string' ? error.raw : null;
  const line = raw === null && typeof error.lines === 'number' ? error.lines : startLine(consumed, raw ?? '');
  const reason = error.message.replace(/ (at|on) line \d+.*$/s, '');
  return new ValidationException(`the CSV is malformed at line ${line}: ${reason}`, {
    line, reason: error.code, errors: [{ line, message: reason }],
  });
}
