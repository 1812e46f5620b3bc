import { describe, expect, it } from 'vitest';
import { attachmentDisposition, cleanFilename } from './invoices.ts';

describe('invoice file names', () => {
  it('drops folders and control characters, never leaving an empty name', () => {
    expect(cleanFilename('../../etc/passwd')).toBe('passwd');
    expect(cleanFilename('C:\\Users\\me\\inv.pdf')).toBe('inv.pdf');
    expect(cleanFilename('a\r\nb.pdf')).toBe('ab.pdf');
    expect(cleanFilename('..')).toBe('invoice');
    expect(cleanFilename('   ')).toBe('invoice');
  });

  it('answers an RFC 6266 attachment: ASCII fallback and the exact UTF-8 name', () => {
    expect(attachmentDisposition('Счёт "1".pdf')).toBe(
      `attachment; filename="____ _1_.pdf"; filename*=UTF-8''%D0%A1%D1%87%D1%91%D1%82%20%221%22.pdf`,
    );
    expect(attachmentDisposition("it's (1) 100%.pdf")).toBe(
      `attachment; filename="it's (1) 100_.pdf"; filename*=UTF-8''it%27s%20%281%29%20100%25.pdf`,
    );
  });
});
