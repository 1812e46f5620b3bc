/**
 * A small iCalendar (RFC 5545) writer for all-day events: CRLF line endings, TEXT values escaped
 * (backslash, semicolon, comma, newline) and lines folded at 75 octets without splitting a
 * UTF-8 character. Pure: the caller passes the time stamp.
 */

export interface IcsEvent {
  uid: string;
  /** The day, YYYY-MM-DD (an all-day event). */
  date: string;
  summary: string;
  description?: string | null;
  url?: string | null;
}

export interface IcsCalendar {
  name: string;
  /** DTSTAMP of every event: when this copy of the feed was made. */
  now: Date;
  events: IcsEvent[];
}

/** Escapes a TEXT value (RFC 5545 §3.3.11). */
export const escapeText = (s: string): string =>
  s
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r?\n|\r/g, '\\n');

/** Folds a content line so no physical line exceeds 75 octets (§3.1): continuation lines start with a space. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (octets + n > 75) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += ch;
    octets += n;
  }
  out.push(current);
  return out.join('\r\n');
}

const compactDay = (day: string) => day.replaceAll('-', '');
const nextDay = (day: string) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};
/** 2026-03-10T09:05:00.123Z → 20260310T090500Z */
export const icsTimestamp = (d: Date): string => `${d.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;

export function icsCalendar(cal: IcsCalendar): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Evergreen//Check-ins//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(cal.name)}`,
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
    'X-PUBLISHED-TTL:PT1H',
  ];
  const stamp = icsTimestamp(cal.now);
  for (const e of cal.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${compactDay(e.date)}`,
      `DTEND;VALUE=DATE:${compactDay(nextDay(e.date))}`,
      `SUMMARY:${escapeText(e.summary)}`,
    );
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    if (e.url) lines.push(`URL:${e.url}`);
    lines.push('TRANSP:TRANSPARENT', 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
