import { CsvError, parse, type Options } from 'csv-parse';
import type { Readable } from 'node:stream';
import type { ImportRowError } from '@parley/contracts';
import { ValidationException } from '@parley/platform';
import { copyTextLine, pgTextArrayLiteral } from './copy-text-format';
import { ImportRowGrouper } from './import-row-grouper';
import type { ImportedLeadScorer } from './imported-lead-scorer';
import { dedupeKeys, LeadRowParser, type ImportedLead } from './lead-row-parser';

export interface LeadCsvReaderOptions {
  mapping?: Record<string, string>;
  defaultRegion: string;
  maxRows: number;
  maxErrors: number;
  scorer: ImportedLeadScorer;
}

/** What reading the file found; final once `stagingChunks` is exhausted. */
export interface LeadCsvSummary {
  totalRows: number;
  validRows: number;
  failed: number;
  errors: ImportRowError[];
  errorsTruncated: boolean;
  /** Groups of rows of the file that are one lead (they are collapsed in staging). */
  mergedGroups: number;
}

/** Columns of the staging table, in the order `stagingChunks` writes them. */
export const STAGING_COLUMNS = [
  'line', 'grp', 'name', 'fallback_name', 'email', 'phone', 'company', 'title', 'industry', 'company_size',
  'annual_revenue', 'budget', 'website', 'country', 'source', 'status', 'tags', 'notes', 'custom_fields', 'score',
] as const;

interface ParsedRecord {
  record: string[];
  /** The file line the record starts on. */
  line: number;
}

const CHUNK_CHARS = 1 << 20;
const LINE_BREAKS = /\r\n|\n|\r/g;
const LEADING_BLANK_LINES = /^(?:[ \t]*(?:\r\n|\n|\r))*/;

function lineBreaks(text: string): number {
  return text.match(LINE_BREAKS)?.length ?? 0;
}

/** The line a record starts on, given the breaks consumed before its raw text (which begins with any skipped blank lines). */
function startLine(consumed: number, raw: string): number {
  return consumed + lineBreaks(LEADING_BLANK_LINES.exec(raw)?.[0] ?? '') + 1;
}

export function stagingLine(line: number, group: number, lead: ImportedLead, score: number): string {
  return copyTextLine([
    line, group, lead.name, lead.fallback_name, lead.email, lead.phone, lead.company, lead.title, lead.industry,
    lead.company_size, lead.annual_revenue, lead.budget, lead.website, lead.country, lead.source, lead.status,
    pgTextArrayLiteral(lead.tags), lead.notes, JSON.stringify(lead.custom_fields), score,
  ]);
}

/**
 * Reads an uploaded CSV as a stream and turns it into COPY text for the staging table: the header
 * is mapped, every row validated, scored and grouped with earlier rows of the same lead. Bad rows
 * are counted and listed (up to `maxErrors`); a file that is not CSV, has no usable header or too
 * many rows throws a 422 and nothing of it is kept. Line numbers are real file lines, also when a
 * quoted field spans several.
 */
export class LeadCsvReader {
  readonly summary: LeadCsvSummary = {
    totalRows: 0, validRows: 0, failed: 0, errors: [], errorsTruncated: false, mergedGroups: 0,
  };

  constructor(
    private readonly source: Readable,
    private readonly options: LeadCsvReaderOptions,
  ) {}

  async *stagingChunks(): AsyncGenerator<string> {
    let consumed = 0;
    // With `raw`, csv-parse hands on_record { record, raw }; what it returns is what the parser yields.
    const options: Options<ParsedRecord, { record: string[]; raw: string }> = {
      bom: true, trim: true, skip_empty_lines: true, raw: true,
      // Counted as records are parsed, in order: a parse error then knows where the records before it ended.
      on_record: ({ record, raw }) => {
        const line = startLine(consumed, raw);
        consumed += lineBreaks(raw);
        return { record, line };
      },
    };
    const parser = parse(options as unknown as Options);
    this.source.on('error', (error) => parser.destroy(error));
    this.source.pipe(parser);

    const grouper = new ImportRowGrouper();
    let rows: LeadRowParser | null = null;
    let chunk = '';
    try {
      for await (const { record, line } of parser as AsyncIterable<ParsedRecord>) {
        if (!rows) {
          rows = this.rowParserFor(record);
          continue;
        }
        const parsed = rows.parse(record, line);
        if (parsed.kind === 'blank') continue;
        this.summary.totalRows += 1;
        if (this.summary.totalRows > this.options.maxRows) {
          throw new ValidationException(`the file has more than ${this.options.maxRows} rows`, { max_rows: this.options.maxRows });
        }
        if (parsed.kind === 'invalid') {
          this.fail(parsed.errors);
          continue;
        }
        const { group, keepPhone } = grouper.assign(line, dedupeKeys(parsed.lead));
        const lead = keepPhone ? parsed.lead : { ...parsed.lead, phone: null };
        this.summary.validRows += 1;
        chunk += stagingLine(line, group, lead, this.options.scorer.score(lead).overall_score);
        if (chunk.length >= CHUNK_CHARS) {
          yield chunk;
          chunk = '';
        }
      }
    } catch (error) {
      if (error instanceof CsvError) throw this.malformed(error, consumed);
      throw error;
    } finally {
      // Also when the consumer stops early: stop downloading the upload.
      this.source.unpipe(parser);
      this.source.destroy();
    }
    if (!rows) throw new ValidationException('the CSV file is empty: it needs a header line', { field: 'header' });
    this.summary.mergedGroups = grouper.mergedGroups;
    if (chunk !== '') yield chunk;
  }

  private rowParserFor(header: string[]): LeadRowParser {
    const built = LeadRowParser.forHeader(header, { mapping: this.options.mapping, defaultRegion: this.options.defaultRegion });
    if (!built.ok) throw new ValidationException(built.message, built.details);
    return built.parser;
  }

  private fail(errors: ImportRowError[]): void {
    this.summary.failed += 1;
    const room = this.options.maxErrors - this.summary.errors.length;
    if (errors.length > room) this.summary.errorsTruncated = true;
    this.summary.errors.push(...errors.slice(0, Math.max(room, 0)));
  }

  private malformed(error: CsvError, consumed: number): ValidationException {
    const raw = typeof error.raw === 'string' ? error.raw : null;
    const line = raw === null && typeof error.lines === 'number' ? error.lines : startLine(consumed, raw ?? '');
    const reason = error.message.replace(/ (at|on) line \d+.*$/s, '');
    return new ValidationException(`the CSV is malformed at line ${line}: ${reason}`, {
      line, reason: error.code, errors: [{ line, field: null, message: reason }],
    });
  }
}
