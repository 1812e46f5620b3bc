import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvStreamParser, CsvSyntaxError, parseCsvText } from './csv-stream.ts';

/** The text in pieces cut at the given points, through one parser. */
function inChunks(text: string, cuts: number[], sep = ','): string[][] {
  const p = new CsvStreamParser(sep);
  const out: string[][] = [];
  let at = 0;
  for (const c of [...cuts.map((x) => x % (text.length + 1))].sort((a, b) => a - b)) {
    p.push(text.slice(at, c), out);
    at = c;
  }
  p.push(text.slice(at), out);
  p.end(out);
  return out;
}

const reference = (text: string, delimiter = ',') =>
  parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false }) as string[][];

const cell = fc.stringMatching(/^[a-zé ,";\r\n]{0,6}$/);
const quoteIfNeeded = (s: string, always: boolean) =>
  always || /[",\r\n]/.test(s) || s === '' ? `"${s.replaceAll('"', '""')}"` : s;

describe('CsvStreamParser', () => {
  it('reads plain, quoted, empty and multi-line cells', () => {
    expect(parseCsvText('a,b\r\n"x, y","he said ""hi"""\n\n"line\nbreak",\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'he said "hi"'],
      [''],
      ['line\nbreak', ''],
    ]);
    expect(parseCsvText('a;b\rc;d', ';')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(parseCsvText('')).toEqual([]);
  });

  it('reads what csv-parse reads, however the text is cut into chunks', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.tuple(cell, fc.boolean()), { minLength: 1, maxLength: 4 }), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.array(fc.nat(200), { maxLength: 6 }),
        (rows, eol, trailing, cuts) => {
          const text =
            rows.map((r) => r.map(([c, q]) => quoteIfNeeded(c, q)).join(',')).join(eol) +
            (trailing ? eol : '');
          expect(inChunks(text, cuts)).toEqual(reference(text));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('names the record of a stray quote, a quote never closed and text after a closing quote', () => {
    const fault = (text: string) => {
      try {
        parseCsvText(text);
      } catch (e) {
        if (e instanceof CsvSyntaxError) return [e.fault, e.record];
        throw e;
      }
      return null;
    };
    expect(fault('a,b\nx,y"z\n')).toEqual(['stray_quote', 2]);
    expect(fault('a,b\nx,y\n"open,z\n')).toEqual(['unclosed_quote', 3]);
    expect(fault('a,b\n"closed"x,y\n')).toEqual(['text_after_quote', 2]);
    // csv-parse refuses the same three.
    for (const t of ['a,b\nx,y"z\n', 'a,b\nx,y\n"open,z\n', 'a,b\n"closed"x,y\n'])
      expect(() => reference(t)).toThrow();
  });
});
