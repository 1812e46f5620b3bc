/**
 * Exact arithmetic for the report figures: ratios of integers and decimal strings rounded half
 * to even, never through floating point (docs/performance.md, "Rounding").
 */

/** A rational number n / d with d > 0. */
export interface Ratio {
  n: bigint;
  d: bigint;
}

const abs = (x: bigint) => (x < 0n ? -x : x);

/** n ÷ d rounded half to even to an integer; d must not be 0. */
export function divHalfEven(n: bigint, d: bigint): bigint {
  if (d === 0n) throw new RangeError('division by zero');
  if (d < 0n) return divHalfEven(-n, -d);
  const q = n / d; // truncates toward zero
  const r = n - q * d;
  if (r === 0n) return q;
  const twice = abs(r) * 2n;
  const away = n < 0n ? q - 1n : q + 1n;
  if (twice > d) return away;
  if (twice < d) return q;
  return q % 2n === 0n ? q : away;
}

/** The ratio as a decimal string with exactly `places` decimals, half to even: (2, 3, 4) → "0.6667". */
export function formatRatio(r: Ratio, places: number): string {
  const scaled = divHalfEven(r.n * 10n ** BigInt(places), r.d);
  const neg = scaled < 0n;
  const digits = abs(scaled)
    .toString()
    .padStart(places + 1, '0');
  const body = places ? `${digits.slice(0, -places)}.${digits.slice(-places)}` : digits;
  return neg ? `-${body}` : body;
}

const big = (x: number | bigint): bigint => (typeof x === 'bigint' ? x : BigInt(x));

/** n ÷ d as a decimal string, or null when d is 0. */
export const ratioString = (n: number | bigint, d: number | bigint, places: number): string | null =>
  big(d) === 0n ? null : formatRatio({ n: big(n), d: big(d) }, places);

/** n ÷ d rounded half to even to an integer, or null when d is 0. */
export const ratioInt = (n: number | bigint, d: number | bigint): number | null =>
  big(d) === 0n ? null : Number(divHalfEven(big(n), big(d)));

/**
 * A decimal text ("0.0410", "-12.5", "1.5e-7", as Postgres numeric or a JavaScript number
 * prints it) as an exact ratio.
 */
export function parseDecimal(text: string | number): Ratio {
  const s = String(text).trim();
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s);
  if (!m || (!m[2] && !m[3])) throw new RangeError(`not a decimal: ${s}`);
  const [, sign = '', whole = '', frac = '', exp = '0'] = m;
  let n = BigInt(`${whole}${frac}` || '0');
  let d = 10n ** BigInt(frac.length);
  const e = Number(exp);
  if (e > 0) n *= 10n ** BigInt(e);
  else if (e < 0) d *= 10n ** BigInt(-e);
  return { n: sign === '-' ? -n : n, d };
}

/** A decimal text rounded half to even to `places` decimals; null stays null. */
export const roundDecimal = (text: string | number | null | undefined, places: number): string | null =>
  text == null ? null : formatRatio(parseDecimal(text), places);

/** a ÷ b − 1 of two decimal texts (the lift of a mean over a baseline); null when b is 0 or missing. */
export function liftOver(a: string | null, b: string | null, places: number): string | null {
  if (a == null || b == null) return null;
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  if (y.n === 0n) return null;
  // (xn/xd) / (yn/yd) − 1 = (xn·yd − yn·xd) / (xd·yn)
  let n = x.n * y.d - y.n * x.d;
  let d = x.d * y.n;
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  return formatRatio({ n, d }, places);
}

/** Seconds (a decimal text or number) as days, rounded half to even: (129600, 2) → "1.50". */
export function secondsToDays(seconds: string | number | null | undefined, places = 2): string | null {
  if (seconds == null) return null;
  const r = parseDecimal(seconds);
  return formatRatio({ n: r.n, d: r.d * 86400n }, places);
}
