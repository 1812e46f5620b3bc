import fc from 'fast-check';

/**
 * For property tests (imported by tests only): an instant written the way Shopify's CSV writes it,
 * `2026-04-05 21:06:21 +0400`, at any whole second from 1971 to 2200 and any offset in quarter hours
 * from -12:00 to +14:00; `instant` is the same moment as an ISO string in UTC.
 */
export const shopifyInstant = fc
  .tuple(
    fc.integer({ min: Date.UTC(1971, 0, 1) / 1000, max: Date.UTC(2200, 0, 1) / 1000 }),
    fc.integer({ min: -12 * 4, max: 14 * 4 }),
  )
  .map(([sec, q]) => {
    const off = q * 15;
    const local = new Date(sec * 1000 + off * 60_000).toISOString();
    const sign = off < 0 ? '-' : '+';
    const hh = String(Math.floor(Math.abs(off) / 60)).padStart(2, '0');
    const mm = String(Math.abs(off) % 60).padStart(2, '0');
    const text = `${local.slice(0, 10)} ${local.slice(11, 19)} ${sign}${hh}${mm}`;
    return { text, instant: new Date(sec * 1000).toISOString() };
  });
