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
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const fieldIssue = z.object({ field: z.string(), message: z.string() });
export type FieldIssue = z.infer<typeof fieldIssue>;

export const errorBody = z.object({
  error: z.object({
    code: z.enum(errorCodes),
    message: z.string(),
    fields: z.array(fieldIssue).optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBody>;
