import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neutralise, readCsv, unneutralise, writeCsv } from './csv-text.ts';
import { AppError } from './errors.ts';

const failure = (text: string) => {
  try {
    readCsv(text);
  } catch (e) {
    if (e instanceof AppError) return { message: e.message, fields: e.fields };
    throw e;
  }
  throw new Error('expected readCsv to fail');
};

describe('readCsv', () => {
  it('reads quotes, doubled quotes, CRLF, a line break inside quotes, Cyrillic, and drops the BOM', () => {
    const text =
      '\uFEFFdisplay_name,notes\r\n"Анна ""Glow"" Петрова","one, two"\r\nBen,"line 1\r\nline 2"\r\nЁлка,\r\n';
    expect(readCsv(text)).toEqual({
      delimiter: ',',
      header: ['display_name', 'notes'],
      records: [
        { row: 2, cells: ['Анна "Glow" Петрова', 'one, two'] },
        { row: 3, cells: ['Ben', 'line 1\r\nline 2'] },
        { row: 4, cells: ['Ёлка', ''] },
      ],
    });
  });

  it('numbers rows as a spreadsheet does: blank lines are skipped but counted, a multi-line cell is one row', () => {
    const text = 'display_name,notes\nA,"x\ny\nz"\n\n,\nB,\n';
    expect(readCsv(text).records).toEqual([
      { row: 2, cells: ['A', 'x\ny\nz'] },
      { row: 5, cells: ['B', ''] },
    ]);
  });

  it('reads files saved with semicolons (Russian and German Excel) or tabs', () => {
    expect(readCsv('display_name;markets\r\nАнна;"RU;US"\r\n')).toMatchObject({
      delimiter: ';',
      records: [{ row: 2, cells: ['Анна', 'RU;US'] }],
    });
    expect(readCsv('display_name\tmarkets\nBen\tUS,GB\n')).toMatchObject({
      delimiter: '\t',
      records: [{ row: 2, cells: ['Ben', 'US,GB'] }],
    });
  });

  it('names the row of a quote that is never closed or a stray quote', () => {
    expect(failure('display_name,notes\nA,ok\nB,"open\nC,x\n')).toEqual({
      message: 'Row 3: a quoted cell is never closed (a " is missing)',
      fields: [
        {
          field: 'rows.3',
          message: 'Row 3: a quoted cell is never closed (a " is missing)',
          code: 'malformed_csv',
          params: { row: 3 },
        },
      ],
    });
    expect(failure('display_name,notes\nA,5" screen\n').message).toBe(
      'Row 2: a " inside a cell must be doubled ("") and the cell quoted',
    );
  });

  it('refuses a file that is not UTF-8, or empty', () => {
    // What a Windows-1251 file becomes when read as UTF-8.
    const cp1251 = Buffer.from([
      0x64, 0x69, 0x73, 0x70, 0x6c, 0x61, 0x79, 0x5f, 0x6e, 0x61, 0x6d, 0x65, 0x0a, 0xc0, 0xed, 0xed, 0xe0,
    ]);
    expect(failure(cp1251.toString('utf8')).message).toBe(
      'The file is not UTF-8 text (first unreadable character near line 2); save it as "CSV UTF-8"',
    );
    expect(failure(' \r\n').fields?.[0]?.code).toBe('empty');
  });
});

describe('formula neutralisation', () => {
  it('puts an apostrophe before =, +, -, @, tab and carriage return, and takes exactly one away', () => {
    const cases: [string, string][] = [
      ['=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'],
      ['+7 999 123', "'+7 999 123"],
      ['-5', "'-5"],
      ['@anna', "'@anna"],
      ['\tindent', "'\tindent"],
      ['\rx', "'\rx"],
      // Already starting with an apostrophe before a trigger: one more, so the import gives it back.
      ["'=1+1", "''=1+1"],
      ["'hello", "'hello"],
      ['plain', 'plain'],
      ['a=b', 'a=b'],
      ['', ''],
    ];
    for (const [raw, written] of cases) {
      expect(neutralise(raw), raw).toBe(written);
      expect(unneutralise(written), written).toBe(raw);
    }
  });

  it('never leaves a trigger first, and always round-trips (property)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const n = neutralise(s);
        expect(/^[=+\-@\t\r]/.test(n)).toBe(false);
        expect(unneutralise(n)).toBe(s);
      }),
    );
  });
});

describe('writeCsv', () => {
  it('writes a BOM, CRLF line ends, quotes only where needed, and neutralised cells', () => {
    expect(
      writeCsv(
        ['display_name', 'notes'],
        [
          ['Анна', 'said "hi", left'],
          ['Ben', '=1+1'],
          ['Chloe', 'two\nlines'],
        ],
      ),
    ).toBe('\uFEFFdisplay_name,notes\r\nАнна,"said ""hi"", left"\r\nBen,\'=1+1\r\nChloe,"two\nlines"\r\n');
  });

  it('reads back what it wrote, cell for cell (property)', () => {
    const cell = fc.string({
      unit: fc.constantFrom('a', 'Я', ',', ';', '"', '\n', '\r', ' ', '=', "'", '@', '-', '\t'),
    });
    const rows = fc.array(
      fc.tuple(fc.string({ minLength: 1, unit: fc.constantFrom('x', 'Ж') }), cell, cell),
      {
        minLength: 1,
        maxLength: 5,
      },
    );
    fc.assert(
      fc.property(rows, (rs) => {
        const written = writeCsv(['display_name', 'a', 'b'], rs);
        // Outside quoted cells, the only line breaks are the CRLF between rows (what Excel needs).
        const unquoted = written.replace(/"(?:[^"]|"")*"/g, '').replace(/\r\n/g, '');
        expect(unquoted).not.toMatch(/[\r\n]/);
        const back = readCsv(written);
        expect(back.records.map((r) => r.cells.map(unneutralise))).toEqual(rs);
        expect(back.records.map((r) => r.row)).toEqual(rs.map((_, i) => i + 2));
      }),
    );
  });
});
