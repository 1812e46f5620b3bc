import { StringDecoder } from 'node:string_decoder';
import iconv from 'iconv-lite';
import { AppError } from './errors.ts';

/**
 * The text encodings of the files people export (docs/csv.md, "The file"): UTF-8 with or
 * without a byte order mark, UTF-16 little or big endian (Excel's "Unicode text", BOM or not),
 * and Windows-1251 (Russian Excel's "CSV (comma delimited)"), detected from the first bytes and
 * converted with iconv-lite. Anything else is refused rather than read as garbage.
 */

export const textEncodings = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1251'] as const;
export type TextEncoding = (typeof textEncodings)[number];

export interface Detected {
  encoding: TextEncoding;
  /** Whether the bytes start with a byte order mark (skipped when decoding). */
  bom: boolean;
}

/** How many bytes are looked at to decide. */
export const SNIFF_BYTES = 64 * 1024;

const notText = () =>
  new AppError(
    'validation_failed',
    'The file is not text in an encoding Evergreen reads (UTF-8, UTF-16 or Windows-1251); save it as "CSV UTF-8"',
    [{ field: 'csv', message: 'is not UTF-8, UTF-16 or Windows-1251 text', code: 'not_utf8' }],
  );

/** Whether `b` is valid UTF-8, allowing a sequence cut off at the very end (a sniffed head). */
function isUtf8(b: Buffer, complete: boolean): boolean {
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    const len = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (!len) return false;
    if (i + len > n) return !complete;
    for (let k = 1; k < len; k++) if ((b[i + k]! & 0xc0) !== 0x80) return false;
    if (c === 0xe0 && b[i + 1]! < 0xa0) return false; // overlong
    if (c === 0xed && b[i + 1]! > 0x9f) return false; // surrogates
    if (c === 0xf0 && b[i + 1]! < 0x90) return false;
    if (c === 0xf4 && b[i + 1]! > 0x8f) return false;
    i += len;
  }
  return true;
}

/**
 * Bytes 0x80–0xFF that Russian text in Windows-1251 uses: the letters А–я (0xC0–0xFF), Ё/ё,
 * №, no-break space, « », dashes and quotes. A file whose high bytes are mostly these is
 * Windows-1251; one with others (Windows-1252 accents, binary) is refused.
 */
function looksCp1251(b: Buffer): boolean {
  let high = 0;
  let cyr = 0;
  // Cyrillic words are all high bytes; a Latin accent (Windows-1252 "Café") sits between ASCII letters.
  let besideLatin = 0;
  const latin = (x: number | undefined) =>
    x !== undefined && ((x >= 0x41 && x <= 0x5a) || (x >= 0x61 && x <= 0x7a));
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if (c === 0) return false;
    if (c < 0x80) continue;
    high++;
    if (latin(b[i - 1]) || latin(b[i + 1])) besideLatin++;
    if (c >= 0xc0 || c === 0xa8 || c === 0xb8 || c === 0xb9 || c === 0xa0 || c === 0xab || c === 0xbb) cyr++;
    else if (c === 0x96 || c === 0x97 || c === 0x93 || c === 0x94 || c === 0x84 || c === 0x85) cyr++;
  }
  return high > 0 && cyr / high >= 0.8 && besideLatin / high < 0.2;
}

/** Decides the encoding from the first bytes of a file (`complete`: they are the whole file). */
export function detectEncoding(head: Buffer, complete = false): Detected {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)
    return { encoding: 'utf-8', bom: true };
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: true };
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: true };
  // UTF-16 without a mark: ASCII characters (the header, digits, separators) have a zero byte.
  const pairs = Math.min(head.length >> 1, 4096);
  if (pairs >= 2) {
    let evenZero = 0;
    let oddZero = 0;
    // Control characters other than tab and line breaks mean binary, not text.
    let control = 0;
    const ctl = (x: number) => x < 0x20 && x !== 9 && x !== 10 && x !== 13;
    for (let i = 0; i < pairs; i++) {
      const a = head[2 * i]!;
      const b = head[2 * i + 1]!;
      if (a === 0) evenZero++;
      if (b === 0) oddZero++;
      if ((b === 0 && ctl(a)) || (a === 0 && ctl(b))) control++;
    }
    if (!control && oddZero >= pairs * 0.3 && evenZero < pairs * 0.05)
      return { encoding: 'utf-16le', bom: false };
    if (!control && evenZero >= pairs * 0.3 && oddZero < pairs * 0.05)
      return { encoding: 'utf-16be', bom: false };
  }
  if (isUtf8(head, complete)) return { encoding: 'utf-8', bom: false };
  if (looksCp1251(head)) return { encoding: 'windows-1251', bom: false };
  throw notText();
}

/** A whole file's bytes as text, and the encoding they were in. */
export function decodeText(bytes: Buffer): { text: string } & Detected {
  const d = detectEncoding(bytes.subarray(0, SNIFF_BYTES), bytes.length <= SNIFF_BYTES);
  const body = d.bom ? bytes.subarray(d.encoding === 'utf-8' ? 3 : 2) : bytes;
  if (d.encoding === 'utf-8') {
    const text = body.toString('utf8');
    if (text.includes('\uFFFD') && !isUtf8(body, true)) throw notText();
    return { text, ...d };
  }
  return { text: iconv.decode(body, d.encoding), ...d };
}

/**
 * A stream of bytes (or already decoded strings) as a stream of text: the first 64 KB decide
 * the encoding, then every chunk is converted as it comes (no copy of the file is kept).
 * `onDetect` hears the encoding once it is known. Bytes that are not valid UTF-8 later in a
 * UTF-8 file come out as U+FFFD (the CSV reader refuses them naming the row).
 */
export async function* decodeStream(
  source: AsyncIterable<Buffer | string>,
  onDetect?: (d: Detected) => void,
): AsyncGenerator<string> {
  let pending: Buffer[] = [];
  let size = 0;
  let write: ((b: Buffer) => string) | null = null;
  let end: (() => string) | null = null;
  const start = (complete: boolean) => {
    const head = Buffer.concat(pending);
    const d = detectEncoding(head.subarray(0, SNIFF_BYTES), complete);
    onDetect?.(d);
    if (d.encoding === 'utf-8') {
      const dec = new StringDecoder('utf8');
      write = (b) => dec.write(b);
      end = () => dec.end();
    } else {
      const dec = iconv.getDecoder(d.encoding, { stripBOM: false });
      write = (b) => dec.write(b);
      end = () => dec.end() ?? '';
    }
    pending = [];
    size = 0;
    const skip = d.bom ? (d.encoding === 'utf-8' ? 3 : 2) : 0;
    return write(head.subarray(skip));
  };
  for await (const chunk of source) {
    if (typeof chunk === 'string') {
      // Already text (a string body): nothing to detect.
      if (!write) {
        if (pending.length) yield start(false);
        else {
          onDetect?.({ encoding: 'utf-8', bom: chunk.startsWith('\uFEFF') });
          write = (b) => b.toString('utf8');
          end = () => '';
        }
      }
      yield chunk;
      continue;
    }
    if (write) {
      const t = (write as (b: Buffer) => string)(chunk);
      if (t) yield t;
      continue;
    }
    pending.push(chunk);
    size += chunk.length;
    if (size >= SNIFF_BYTES) {
      const t = start(false);
      if (t) yield t;
    }
  }
  if (!write) {
    if (!pending.length) return;
    const t = start(true);
    if (t) yield t;
  }
  const rest = (end as unknown as () => string)();
  if (rest) yield rest;
}
