import { Readable } from 'node:stream';
import { CopyJsonLinesToArray, copyTextLine, decodeCopyTextField, pgTextArrayLiteral } from '../copy-text-format';

describe('COPY text format', () => {
  it('escapes backslash, tab and line breaks and writes NULL as \\N', () => {
    expect(copyTextLine(['a\tb', 'c\\d\ne\r', null, 3, true])).toBe('a\\tb\tc\\\\d\\ne\\r\t\\N\t3\ttrue\n');
  });

  it('writes text[] literals with quotes and backslashes escaped', () => {
    expect(pgTextArrayLiteral([])).toBe('{}');
    expect(pgTextArrayLiteral(['a', 'b "c"', 'd\\e', 'x,y'])).toBe('{"a","b \\"c\\"","d\\\\e","x,y"}');
  });

  it('decodes what COPY TO writes', () => {
    expect(decodeCopyTextField('{"a": "x\\\\ny"}\\t')).toBe('{"a": "x\\ny"}\t');
  });

  it('turns JSON lines split across chunks (even inside a UTF-8 character) into one JSON array', async () => {
    const text = Buffer.from('{"n": "Zoë \\\\\\\\"}\n{"n": 2}\n');
    const split = text.indexOf(Buffer.from('ë')) + 1;
    const array = new CopyJsonLinesToArray();
    const out: string[] = [];
    for await (const chunk of Readable.from([text.subarray(0, split), text.subarray(split, 20), text.subarray(20)]).pipe(array)) {
      out.push(String(chunk));
    }
    expect(JSON.parse(out.join(''))).toEqual([{ n: 'Zoë \\' }, { n: 2 }]);
    expect(array.rows).toBe(2);
  });

  it('writes an empty array for no rows', async () => {
    const out: string[] = [];
    for await (const chunk of Readable.from([]).pipe(new CopyJsonLinesToArray())) out.push(String(chunk));
    expect(JSON.parse(out.join(''))).toEqual([]);
  });
});
