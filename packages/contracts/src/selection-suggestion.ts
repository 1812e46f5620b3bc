import { z } from 'zod';
import { uuid } from './common.ts';

/**
 * A promotion / review / alumni suggestion (docs/selection.md), on its own so that Today's
 * schema (roster.ts) can carry it without roster.ts and selection.ts importing each other.
 */

export const suggestionKinds = ['promote', 'review', 'alumni'] as const;
export const selectionSuggestionKind = z.enum(suggestionKinds);
export type SelectionSuggestionKind = z.infer<typeof selectionSuggestionKind>;

/** A reason as a code and its values; the web app words it. */
export const selectionReason = z.object({
  code: z.string(),
  values: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type SelectionReason = z.infer<typeof selectionReason>;

export const selectionSuggestion = z.object({
  kind: selectionSuggestionKind,
  creatorId: uuid,
  creatorName: z.string(),
  tier: z.number().int().min(1).max(3),
  score: z.number().int().nullable(),
  reasons: z.array(selectionReason),
});
export type SelectionSuggestion = z.infer<typeof selectionSuggestion>;
