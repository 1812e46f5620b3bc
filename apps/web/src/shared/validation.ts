import type { TFunction } from 'i18next';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Client-side checks with translated messages; the server checks again and has the last word. */
export function validators(t: TFunction) {
  return {
    required: (value: unknown) =>
      (typeof value === 'string' ? value.trim() : value) ? null : t('validation.required'),
    email: (value: string) =>
      !value.trim() ? t('validation.required') : EMAIL.test(value.trim()) ? null : t('validation.email'),
    newPassword: (value: string) =>
      value.length >= 10
        ? null
        : value.length === 0
          ? t('validation.required')
          : t('validation.passwordLength'),
    maxLength: (max: number) => (value: string) =>
      value.trim().length > max ? t('validation.maxLength', { max }) : null,
    /** Text that must be given and stay within `max` characters (both counted trimmed). */
    requiredText: (max: number) => (value: string) =>
      !value.trim()
        ? t('validation.required')
        : value.trim().length > max
          ? t('validation.maxLength', { max })
          : null,
  };
}
