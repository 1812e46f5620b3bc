import { invalid } from './errors.ts';

/**
 * Files people upload (invoices, screenshots of a post's numbers): stored in database rows
 * (docs/decisions/0020-files-in-rows.md), checked by their first bytes, never by their name.
 */

export type SniffedType = 'application/pdf' | 'image/png' | 'image/jpeg' | 'image/webp';

const startsWith = (data: Buffer, bytes: number[], at = 0) =>
  data.length >= at + bytes.length && bytes.every((b, i) => data[at + i] === b);

/** The file's type by its magic bytes, or null when it is none of the types we take. */
export function sniffType(data: Buffer): SniffedType | null {
  if (startsWith(data, [0x25, 0x50, 0x44, 0x46])) return 'application/pdf'; // %PDF
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(data, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  // RIFF....WEBP
  if (startsWith(data, [0x52, 0x49, 0x46, 0x46]) && startsWith(data, [0x57, 0x45, 0x42, 0x50], 8))
    return 'image/webp';
  return null;
}

const typeNames: Record<SniffedType, string> = {
  'application/pdf': 'a PDF',
  'image/png': 'a PNG image',
  'image/jpeg': 'a JPEG image',
  'image/webp': 'a WebP image',
};

/**
 * Decodes an uploaded file and checks it: not empty, at most `maxBytes`, and its bytes are of
 * the type it claims (one of `allowed`). Every refusal is a 400 naming `field`.
 */
export function checkUpload(
  dataBase64: string,
  contentType: string,
  opts: { allowed: readonly SniffedType[]; maxBytes: number; field?: string },
): Buffer {
  const field = opts.field ?? 'dataBase64';
  const data = Buffer.from(dataBase64, 'base64');
  if (data.length === 0) throw invalid(field, 'must not be empty', 'too_small');
  if (data.length > opts.maxBytes)
    throw invalid(field, `must be at most ${opts.maxBytes / (1024 * 1024)} MB once decoded`, 'too_big');
  const sniffed = sniffType(data);
  if (!sniffed || !opts.allowed.includes(sniffed))
    throw invalid(
      field,
      `is not ${opts.allowed
        .map((t) => typeNames[t])
        .join(', ')
        .replace(/, ([^,]*)$/, ' or $1')} file`,
      'wrong_type',
    );
  if (sniffed !== contentType)
    throw invalid(field, `is ${typeNames[sniffed]}, not ${contentType}`, 'type_mismatch');
  return data;
}

/** A file name without folders or control characters, at most 255 characters (`fallback` if nothing is left). */
export function cleanFilename(name: string, fallback = 'invoice'): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = [...base]
    .filter((c) => {
      const code = c.charCodeAt(0);
      return code >= 0x20 && code !== 0x7f;
    })
    .join('')
    .trim()
    .slice(0, 255);
  return clean && clean !== '.' && clean !== '..' ? clean : fallback;
}

/**
 * `Content-Disposition: attachment` per RFC 6266: an ASCII-only quoted `filename` (anything else
 * becomes `_`, quotes and backslashes included) and the exact name as `filename*` (RFC 5987).
 */
export function attachmentDisposition(filename: string): string {
  const name = cleanFilename(filename);
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
