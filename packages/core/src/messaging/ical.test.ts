import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { type CheckInDue, checkInEvents } from './calendar-feed.ts';
import { escapeText, foldLine, icsCalendar, icsTimestamp } from './ical.ts';

describe('escapeText', () => {
  it('escapes backslash, semicolon, comma and newlines (RFC 5545 3.3.11)', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });
});

describe('foldLine', () => {
  it('leaves a line of 75 octets alone and folds the 76th onto a line starting with a space', () => {
    const a75 = 'A'.repeat(75);
    expect(foldLine(a75)).toBe(a75);
    expect(foldLine(`${a75}B`)).toBe(`${a75}\r\n B`);
    // 75 + 74 + 1: continuation lines hold 74 octets after their leading space.
    expect(foldLine(`${a75}${'B'.repeat(74)}C`)).toBe(`${a75}\r\n ${'B'.repeat(74)}\r\n C`);
  });

  it('never splits a UTF-8 character', () => {
    // "SUMMARY:" is 8 octets; each Cyrillic letter is 2: 33 letters make 74 octets, the 34th would make 76.
    const line = `SUMMARY:${'Ж'.repeat(34)}`;
    const folded = foldLine(line);
    expect(folded).toBe(`SUMMARY:${'Ж'.repeat(33)}\r\n Ж`);
    for (const physical of folded.split('\r\n')) expect(Buffer.byteLength(physical)).toBeLessThanOrEqual(75);
  });
});

describe('icsCalendar', () => {
  it('writes all-day events with CRLF line endings, escaped and folded', () => {
    const text = icsCalendar({
      name: 'Check-ins, Northwind',
      now: new Date('2026-03-10T09:05:07.123Z'),
      events: [
        {
          uid: 'checkin-1-20260310@evergreen.test',
          date: '2026-03-10',
          summary: 'Check in with Anna; Bakes, Inc. (overdue)',
          description: 'Tier 1\nLast touchpoint: none yet',
          url: 'http://evergreen.test/w/ws/creators/1',
        },
        {
          uid: 'checkin-2-20260331@evergreen.test',
          date: '2026-03-31',
          summary: `Check in with ${'Very Long Name '.repeat(5).trim()}`,
        },
      ],
    });
    expect(text).toBe(
      [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//Evergreen//Check-ins//EN',
        'CALSCALE:GREGORIAN',
        'METHOD:PUBLISH',
        'X-WR-CALNAME:Check-ins\\, Northwind',
        'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
        'X-PUBLISHED-TTL:PT1H',
        'BEGIN:VEVENT',
        'UID:checkin-1-20260310@evergreen.test',
        'DTSTAMP:20260310T090507Z',
        'DTSTART;VALUE=DATE:20260310',
        'DTEND;VALUE=DATE:20260311',
        'SUMMARY:Check in with Anna\\; Bakes\\, Inc. (overdue)',
        'DESCRIPTION:Tier 1\\nLast touchpoint: none yet',
        'URL:http://evergreen.test/w/ws/creators/1',
        'TRANSP:TRANSPARENT',
        'END:VEVENT',
        'BEGIN:VEVENT',
        'UID:checkin-2-20260331@evergreen.test',
        'DTSTAMP:20260310T090507Z',
        'DTSTART;VALUE=DATE:20260331',
        'DTEND;VALUE=DATE:20260401',
        'SUMMARY:Check in with Very Long Name Very Long Name Very Long Name Very Lon',
        ' g Name Very Long Name',
        'TRANSP:TRANSPARENT',
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n'),
    );
  });

  it('ends a month and a year on the right next day', () => {
    const text = icsCalendar({
      name: 'x',
      now: new Date('2026-12-31T00:00:00Z'),
      events: [{ uid: 'u', date: '2026-12-31', summary: 's' }],
    });
    expect(text).toContain('\r\nDTEND;VALUE=DATE:20270101\r\n');
    expect(icsTimestamp(new Date('2026-01-02T03:04:05Z'))).toBe('20260102T030405Z');
  });

  it('parses with ical.js, a real iCalendar parser, back to the same values', () => {
    const summary = 'Связаться: Анна, «Пекарня»; и друзья \\ ещё очень-очень длинное название';
    const text = icsCalendar({
      name: 'Evergreen',
      now: new Date('2026-03-10T09:00:00Z'),
      events: [{ uid: 'u1@x', date: '2026-03-10', summary, description: 'one\ntwo, three' }],
    });
    const cal = new ICAL.Component(ICAL.parse(text));
    const [vevent] = cal.getAllSubcomponents('vevent');
    const ev = new ICAL.Event(vevent);
    expect(ev.uid).toBe('u1@x');
    expect(ev.summary).toBe(summary);
    expect(ev.description).toBe('one\ntwo, three');
    expect(ev.startDate.toString()).toBe('2026-03-10');
    expect(ev.startDate.isDate).toBe(true);
    expect(ev.endDate.toString()).toBe('2026-03-11');
  });
});

describe('checkInEvents', () => {
  const link = { host: 'evergreen.test', creatorUrl: (id: string) => `http://evergreen.test/c/${id}` };
  const base: CheckInDue = {
    creatorId: 'c1',
    creatorName: 'Anna',
    tier: 1,
    cadenceDays: 30,
    lastTouchpointOn: '2026-02-01',
    dueOn: '2026-03-03',
    snoozedUntil: null,
  };

  it('puts overdue check-ins on today, marked, keeping the due date in the UID', () => {
    expect(checkInEvents([base], '2026-03-10', 'en', link)).toEqual([
      {
        uid: 'checkin-c1-20260303@evergreen.test',
        date: '2026-03-10',
        summary: 'Check in with Anna (overdue)',
        description: 'Tier 1 · every 30 days\nLast touchpoint: 2026-02-01\nDue: 2026-03-03',
        url: 'http://evergreen.test/c/c1',
      },
    ]);
  });

  it('keeps future ones on their day, moves snoozed ones to the end of the snooze, sorts by day', () => {
    const events = checkInEvents(
      [
        { ...base, creatorId: 'c2', creatorName: 'Boris', dueOn: '2026-03-20', lastTouchpointOn: null },
        { ...base, creatorId: 'c3', creatorName: 'Vera', dueOn: '2026-03-01', snoozedUntil: '2026-03-15' },
        { ...base, creatorId: 'c4', creatorName: 'Gleb', dueOn: '2026-03-10' },
      ],
      '2026-03-10',
      'ru',
      link,
    );
    expect(events.map((e) => [e.date, e.summary, e.uid])).toEqual([
      ['2026-03-10', 'Связаться: Gleb', 'checkin-c4-20260310@evergreen.test'],
      ['2026-03-15', 'Связаться: Vera', 'checkin-c3-20260301@evergreen.test'],
      ['2026-03-20', 'Связаться: Boris', 'checkin-c2-20260320@evergreen.test'],
    ]);
    expect(events[1]!.description).toBe(
      'Уровень 1 · раз в 30 дн.\nПоследний контакт: 2026-02-01\nСрок: 2026-03-01\nОтложено до 2026-03-15',
    );
    expect(events[2]!.description).toContain('Последний контакт: ещё не было');
  });
});
