import { notifications } from '@mantine/notifications';
import type { ReactNode } from 'react';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from './client.ts';
import { fieldIssueLine, fieldIssueText } from './fieldErrors.ts';

/** The part of a Mantine form the error handler needs. */
export interface FormErrorTarget {
  getValues(): unknown;
  setErrors(errors: Record<string, ReactNode>): void;
}

/** API field paths may come as "tiers[0].name" or "tiers.0.name"; Mantine forms use the latter. */
export function normalizeFieldPath(field: string): string {
  return field
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^body\./, '')
    .replace(/^\./, '');
}

/** The form value at a dotted path, or `found: false` when the form has no such field. */
function valueAt(values: unknown, path: string): { found: boolean; value?: unknown } {
  if (!path) return { found: false };
  let current: unknown = values;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object' || !(part in current)) return { found: false };
    current = (current as Record<string, unknown>)[part];
  }
  return { found: true, value: current };
}

/**
 * Shows an API error where it belongs: field errors on the matching form fields, anything else
 * as a notification titled with the translated error code. Field errors are worded from their
 * codes in the interface language; the API's English messages are never shown.
 */
export function useApiErrorHandler() {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'en';

  return useCallback(
    (error: unknown, form?: FormErrorTarget, fieldAliases: Record<string, string> = {}) => {
      if (!(error instanceof ApiError)) {
        notifications.show({
          color: 'red',
          title: t('errors.unknown'),
          message: error instanceof Error ? error.message : String(error),
        });
        return;
      }
      const unmatched: string[] = [];
      if (form && error.fields.length > 0) {
        const values = form.getValues();
        const fieldErrors: Record<string, ReactNode> = {};
        for (const issue of error.fields) {
          const path = fieldAliases[issue.field] ?? normalizeFieldPath(issue.field);
          const { found, value } = valueAt(values, path);
          if (found) fieldErrors[path] = fieldErrors[path] ?? fieldIssueText(issue, t, lng, value);
          else unmatched.push(fieldIssueLine(issue, t, lng));
        }
        form.setErrors(fieldErrors);
        if (unmatched.length === 0) return;
      } else {
        for (const issue of error.fields) unmatched.push(fieldIssueLine(issue, t, lng));
      }
      notifications.show({
        color: 'red',
        title: t(`errors.${error.code}`),
        message: unmatched.length > 0 ? [...new Set(unmatched)].join('\n') : t(`errorHints.${error.code}`),
        style: { whiteSpace: 'pre-line' },
      });
    },
    [t, lng],
  );
}

export function useErrorText() {
  const { t } = useTranslation();
  return useCallback(
    (error: unknown): string => (error instanceof ApiError ? t(`errors.${error.code}`) : t('errors.unknown')),
    [t],
  );
}
