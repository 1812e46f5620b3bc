import { describe, expect, it } from 'vitest';
import { addMonths, monthDue, monthlySummaryEmail } from './monthly.ts';

const measures = (m: Partial<Record<string, number | string | null>>) =>
  ({
    posts: 0,
    costMinor: 0,
    reach: 0,
    engagementRate: null,
    day1Rate: null,
    day7Rate: null,
    orders: 0,
    revenueMinor: 0,
    customersAcquired: 0,
    repeatCustomers: 0,
    cpaMinor: null,
    roas: null,
    roi: null,
    repeatRate: null,
    costPer1000ReachMinor: null,
    missingRates: 0,
    ...m,
  }) as never;

describe('monthly summaries: which month, and what it says', () => {
  it('counts months across years', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-03', -3)).toBe('2025-12');
  });

  it('is due from the 1st to the 7th of the workspace’s month, for the month before', () => {
    // 31 Dec 23:30 UTC is already 1 January in Moscow (UTC+3), still December in New York.
    const at = new Date('2026-12-31T23:30:00Z');
    expect(monthDue(at, 'Europe/Moscow')).toBe('2026-12');
    expect(monthDue(at, 'America/New_York')).toBeNull();
    expect(monthDue(new Date('2027-01-07T12:00:00Z'), 'UTC')).toBe('2026-12');
    expect(monthDue(new Date('2027-01-08T00:00:00Z'), 'UTC')).toBeNull();
  });

  it('compares with the creator’s own previous three months, in English', () => {
    const mail = monthlySummaryEmail({
      lang: 'en',
      workspaceName: 'Northwind',
      greetingName: 'Maya',
      note: null,
      facts: {
        month: '2026-11',
        currency: 'USD',
        posts: [{ title: 'Reel', platform: 'instagram', url: null, posted_at: '2026-11-03', eng: '0.05' }],
        // November: 2 posts, 5.0%, 3 orders, $120.00; Aug–Oct together: 3 posts, 4.0%, 6 orders, $300.00.
        now: measures({
          posts: 2,
          engagementRate: '0.05',
          orders: 3,
          revenueMinor: 12000,
          customersAcquired: 2,
        }),
        before: measures({
          posts: 3,
          engagementRate: '0.04',
          orders: 6,
          revenueMinor: 30000,
          customersAcquired: 3,
        }),
      },
      portalUrl: 'https://e.test/portal/sign-in/abc',
    });
    expect(mail.subject).toBe('Your results for November 2026 with Northwind');
    expect(mail.text).toContain('Hi Maya,');
    expect(mail.text).toContain('Posts: 2 (your average over the previous 3 months: 1)');
    expect(mail.text).toContain('Engagement: 5.0% (your average over the previous 3 months: 4.0%)');
    expect(mail.text).toContain(
      'Orders with your codes and links: 3 (your average over the previous 3 months: 2)',
    );
    expect(mail.text).toContain(
      'Revenue from those orders: 120.00 USD (your average over the previous 3 months: 100.00 USD)',
    );
    expect(mail.text).toContain('• Reel, instagram — 5.0%');
    expect(mail.text).toContain('https://e.test/portal/sign-in/abc');
    expect(mail.html).toContain('<a href="https://e.test/portal/sign-in/abc">Open the portal</a>');
  });

  it('says there is nothing to compare with yet, and escapes the personal line in HTML', () => {
    const mail = monthlySummaryEmail({
      lang: 'en',
      workspaceName: 'Northwind',
      greetingName: 'Maya',
      note: '<b>Great month</b>',
      facts: { month: '2026-11', currency: 'USD', posts: [], now: measures({}), before: null },
      portalUrl: null,
    });
    expect(mail.text).toContain('Posts: 0\n');
    expect(mail.text).toContain('There is nothing earlier of yours to compare with yet.');
    expect(mail.text).toContain('No posts were published this month.');
    expect(mail.text).toContain('Ask Northwind for access to the creator portal');
    expect(mail.html).toContain('&lt;b&gt;Great month&lt;/b&gt;');
  });
});
