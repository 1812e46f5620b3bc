/**
 * The named optional fields of `from`, each one left out as null: a request's optional fields
 * copied into a row's nullable columns.
 */
export function orNull<T, K extends keyof T>(
  from: T,
  keys: readonly K[],
): { [P in K]-?: NonNullable<T[P]> | null } {
  const out = {} as { [P in K]-?: NonNullable<T[P]> | null };
  for (const k of keys) out[k] = from[k] ?? null;
  return out;
}
