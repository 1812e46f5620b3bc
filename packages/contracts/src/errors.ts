import { z } from 'zod';

/** Every error the API answers with. The server maps each to one HTTP status. */
export const errorCodes = [
  'validation_failed',
  'unauthenticated',
  'invalid_credentials',
  'forbidden',
  'csrf_failed',
  'not_found',
  'conflict',
  'rate_limited',
  'signup_closed',
  'invitation_invalid',
  'internal',
  /** 503 with Retry-After: the database cannot be reached now; the same request may succeed later. */
  'database_unavailable',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/**
 * Why a field was refused, for the web app to say in the person's language:
 * `required`, Zod's issue codes (`invalid_type`, `invalid_format`, `too_small`, `too_big`,
 * `invalid_value`, …) or a domain code (`already_registered`, `already_member`, `last_owner`,
 * `shares_sum`, `min_above_max`, `tiers_set`). `params` carries numbers such as `minimum` or `sum`.
 */
export const fieldIssue = z.object({
  field: z.string(),
  message: z.string(),
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type FieldIssue = z.infer<typeof fieldIssue>;

export const errorBody = z.object({
  error: z.object({
    code: z.enum(errorCodes),
    message: z.string(),
    fields: z.array(fieldIssue).optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBody>;
