import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { detectDelimiter } from './csv-stream.ts';
import { decodeStream, decodeText, detectEncoding } from './encoding.ts';

const TEXT = 'Номер;Сумма\r\nA-1;4\u00A0990,00\r\n';

async function* chunks(b: Buffer, size: number) {
  for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
}
async function streamed(b: Buffer, size: number) {
  let enc = '';
  let out = '';
  for await (const t of decodeStream(chunks(b, size), (d) => {
    enc = d.encoding;
  }))
    out += t;
  return { enc, out };
}

describe('encodings', () => {
  it('reads UTF-8 with and without a BOM, UTF-16 LE/BE with and without one, and Windows-1251', () => {
    const cases: [string, Buffer, string, boolean][] = [
      ['utf-8', Buffer.from(TEXT, 'utf8'), 'utf-8', false],
      ['utf-8 BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]), 'utf-8', true],
      ['utf-16le BOM', iconv.encode(TEXT, 'utf-16le', { addBOM: true }), 'utf-16le', true],
      ['utf-16le', iconv.encode(TEXT, 'utf-16le'), 'utf-16le', false],
      [
        'utf-16be BOM',
        Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(TEXT, 'utf-16be')]),
        'utf-16be',
        true,
      ],
      ['utf-16be', iconv.encode(TEXT, 'utf-16be'), 'utf-16be', false],
      ['windows-1251', iconv.encode(TEXT, 'win1251'), 'windows-1251', false],
    ];
    for (const [name, bytes, encoding, bom] of cases) {
      const d = decodeText(bytes);
      expect(d, name).toMatchObject({ encoding, bom });
      expect(d.text, name).toBe(TEXT);
    }
    // The Windows-1251 bytes are what Russian Excel writes: "Н" is 0xCD, the no-break space 0xA0.
    expect([...iconv.encode('Н\u00A0', 'win1251')]).toEqual([0xcd, 0xa0]);
  });

  it('streams every encoding in small chunks (a character split across chunks included)', async () => {
    const long = `${'Заказ;Сумма\r\n'}${Array.from({ length: 20_000 }, (_, i) => `З-${i};${i},50`).join('\r\n')}`;
    for (const [enc, bytes] of [
      ['utf-8', Buffer.from(long)],
      ['utf-16le', iconv.encode(long, 'utf-16le', { addBOM: true })],
      ['windows-1251', iconv.encode(long, 'win1251')],
    ] as const) {
      for (const size of [7, 4096]) {
        const r = await streamed(bytes, size);
        expect(r.enc).toBe(enc);
        expect(r.out).toBe(long);
      }
    }
  });

  it('refuses bytes that are no text it knows (Windows-1252 accents, binary)', () => {
    expect(() => decodeText(iconv.encode('Café;Crème brûlée\n', 'win1252'))).toThrow(
      /UTF-8, UTF-16 or Windows-1251/,
    );
    expect(() =>
      decodeText(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0xff, 0x90])),
    ).toThrow();
    // A UTF-8 head cut inside a character is still UTF-8 while more is coming.
    expect(detectEncoding(Buffer.from('Дата').subarray(0, 3))).toEqual({ encoding: 'utf-8', bom: false });
  });

  it('takes the separator the header has most of, outside quotes', () => {
    expect(detectDelimiter('a,b,c\n1;2')).toBe(',');
    expect(detectDelimiter('Заказ;Сумма, руб.;Дата\r\n')).toBe(';');
    expect(detectDelimiter('"a,b";c;d\n')).toBe(';');
    expect(detectDelimiter('Video title\tViews\tLikes\n')).toBe('\t');
    expect(detectDelimiter('single\n')).toBe(',');
  });
});
