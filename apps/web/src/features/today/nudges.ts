/** Nudge templates the app can word; a key it does not know yet reads as a plain "time to talk". */
export const nudgeKeys = ['check_in', 'share_win', 'ask_opinion'] as const;
export type NudgeKey = (typeof nudgeKeys)[number] | 'other';

export function nudgeKey(templateKey: string): NudgeKey {
  return (nudgeKeys as readonly string[]).includes(templateKey) ? (templateKey as NudgeKey) : 'other';
}
