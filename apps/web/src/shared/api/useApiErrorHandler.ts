import { notifications } from '@mantine/notifications';
import type { ReactNode } from 'react';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from './client.ts';

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

function hasPath(values: unknown, path: string): boolean {
  if (!path) return false;
  let current: unknown = values;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object' || !(part in current)) return false;
    current = (current as Record<string, unknown>)[part];
  }
  return true;
}

/**
 * Shows an API error where it belongs: field errors on the matching form fields, anything else
 * as a notification titled with the translated error code.
 */
export function useApiErrorHandler() {
  const { t } = useTranslation();

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
          if (hasPath(values, path)) fieldErrors[path] = fieldErrors[path] ?? issue.message;
          else unmatched.push(issue.field ? `${issue.field}: ${issue.message}` : issue.message);
        }
        form.setErrors(fieldErrors);
        if (unmatched.length === 0) return;
      } else {
        for (const issue of error.fields) unmatched.push(`${issue.field}: ${issue.message}`);
      }
      notifications.show({
        color: 'red',
        title: t(`errors.${error.code}`),
        message: unmatched.length > 0 ? unmatched.join('\n') : t(`errorHints.${error.code}`),
        style: { whiteSpace: 'pre-line' },
      });
    },
    [t],
  );
}

export function useErrorText() {
  const { t } = useTranslation();
  return useCallback(
    (error: unknown): string => (error instanceof ApiError ? t(`errors.${error.code}`) : t('errors.unknown')),
    [t],
  );
}
