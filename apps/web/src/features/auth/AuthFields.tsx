import {
  Paper,
  PasswordInput,
  type PasswordInputProps,
  Stack,
  Text,
  TextInput,
  type TextInputProps,
  Title,
} from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

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
  children,
}: {
  onSubmit: (event?: FormEvent<HTMLFormElement>) => void;
  label: string;
  children: ReactNode;
}) {
  return (
    <Paper withBorder p="lg" radius="md">
      <form onSubmit={onSubmit} noValidate aria-label={label}>
        <Stack gap="md">{children}</Stack>
      </form>
    </Paper>
  );
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
