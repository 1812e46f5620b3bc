import {
  Alert,
  type AlertProps,
  Paper,
  PasswordInput,
  type PasswordInputProps,
  Stack,
  Text,
  TextInput,
  type TextInputProps,
  Title,
} from '@mantine/core';
import type { Icon } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { StackForm } from '../../shared/ui/FormActions.tsx';

/** The page's title and the sentence under it, on the sign-in, sign-up, password and invitation pages. */
export function AuthHeading({ title, subtitle }: { title: ReactNode; subtitle: ReactNode }) {
  return (
    <Stack gap={4}>
      <Title order={1} size="h2">
        {title}
      </Title>
      <Text c="dimmed" size="sm">
        {subtitle}
      </Text>
    </Stack>
  );
}

/** The boxed form of the sign-in, sign-up and password pages: named for screen readers, fields stacked. */
export function AuthForm({
  onSubmit,
  label,
  maw,
  children,
}: {
  onSubmit: (event?: FormEvent<HTMLFormElement>) => void;
  label: string;
  maw?: number;
  children: ReactNode;
}) {
  return (
    <Paper withBorder p="lg" radius="md" maw={maw}>
      <StackForm onSubmit={onSubmit} label={label}>
        {children}
      </StackForm>
    </Paper>
  );
}

/** A notice above or in an auth form: a light alert with an optional icon and title. */
export function AuthNotice({
  icon: NoticeIcon,
  testId,
  variant = 'light',
  ...props
}: Omit<AlertProps, 'icon'> & { icon?: Icon; testId: string; role?: string }) {
  return (
    <Alert
      variant={variant}
      icon={NoticeIcon ? <NoticeIcon size={18} aria-hidden /> : undefined}
      data-testid={testId}
      {...props}
    />
  );
}

/** The password the account has now, as a password manager fills it in. */
export function CurrentPasswordInput({ testId, ...props }: PasswordInputProps & { testId: string }) {
  return <PasswordInput autoComplete="current-password" required data-testid={testId} {...props} />;
}

/** The checks of a new password (at least 10 characters) and its confirmation (the same again). */
export function newPasswordRules<K extends string>(
  t: TFunction,
  required: (value: string) => string | null,
  key: K,
): { [P in K]: (value: string) => string | null } & {
  confirm: (value: string, values: Record<K, string>) => string | null;
} {
  const length = (value: string) => (value.length < 10 ? t('auth.signUp.passwordHint') : null);
  return {
    [key]: length,
    confirm: (value: string, values: Record<K, string>) =>
      required(value) ?? (value !== values[key] ? t('account.password.mismatch') : null),
  } as { [P in K]: typeof length } & { confirm: (value: string, values: Record<K, string>) => string | null };
}

/** The account's e-mail, as a password manager fills it in. */
export function AccountEmailInput({ testId, ...props }: TextInputProps & { testId: string }) {
  const { t } = useTranslation();
  return (
    <TextInput
      label={t('auth.fields.email')}
      type="email"
      autoComplete="username"
      required
      data-testid={testId}
      {...props}
    />
  );
}

/** A new password, with the rule it must meet under its label. */
export function NewPasswordInput({ testId, ...props }: PasswordInputProps & { testId: string }) {
  const { t } = useTranslation();
  return (
    <PasswordInput
      label={t('account.password.new')}
      description={t('auth.signUp.passwordHint')}
      autoComplete="new-password"
      required
      data-testid={testId}
      {...props}
    />
  );
}

/** The new password once more. */
export function ConfirmPasswordInput({ testId, ...props }: PasswordInputProps & { testId: string }) {
  const { t } = useTranslation();
  return (
    <PasswordInput
      label={t('account.password.confirm')}
      autoComplete="new-password"
      required
      data-testid={testId}
      {...props}
    />
  );
}
