import { Transform, type TransformCallback } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

/**
 * Postgres COPY text format (https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.2):
 * one row per line, columns separated by tabs, NULL as \N, and backslash, newline, carriage
 * return and tab backslash-escaped inside values.
 */
export type CopyValue = string | number | boolean | null;

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function copyTextField(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value !== 'string') return String(value);
  return value.replace(/[\\\n\r\t]/g, (c) => ESCAPES[c]);
}

export function copyTextLine(values: CopyValue[]): string {
  return `${values.map(copyTextField).join('\t')}\n`;
}

/** A text[] literal (`{"a","b \"c\""}`); the COPY escaping of the result is copyTextField's job. */
export function pgTextArrayLiteral(items: string[]): string {
  return `{${items.map((item) => `"${item.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

const UNESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

/** Reverses COPY text escaping of one single-column line (what `COPY (SELECT x::text) TO STDOUT` writes). */
export function decodeCopyTextField(line: string): string {
  return line.replace(/\\(.)/g, (_, c: string) => UNESCAPES[c] ?? c);
}

/**
 * Turns the output of `COPY (SELECT <json>::text ...) TO STDOUT` (one JSON document per line) into
 * one JSON array, chunk by chunk: lines may be split across chunks, and nothing is buffered beyond
 * one partial line.
 */
export class CopyJsonLinesToArray extends Transform {
  private readonly utf8 = new StringDecoder('utf8');
  private partial = '';
  private first = true;
  rows = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    // The decoder keeps a multi-byte character split across chunks for the next one.
    const text = this.partial + this.utf8.write(chunk);
    const lines = text.split('\n');
    this.partial = lines.pop() ?? '';
    const out = lines.map((line) => this.element(line)).join('');
    done(null, out === '' ? undefined : out);
  }

  override _flush(done: TransformCallback): void {
    const rest = this.partial + this.utf8.end();
    const tail = rest === '' ? '' : this.element(rest);
    done(null, this.first ? '[]\n' : `${tail}\n]\n`);
  }

  private element(line: string): string {
    const prefix = this.first ? '[\n' : ',\n';
    this.first = false;
    this.rows += 1;
    return prefix + decodeCopyTextField(line);
  }
}
