import { Anchor, Button, Code, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconInfoCircle, IconMailCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApiErrorHandler } from '../../shared/api/useApiErrorHandler.ts';
import { validators } from '../../shared/validation.ts';
import { AccountEmailInput, AuthForm, AuthHeading, AuthNotice } from './AuthFields.tsx';
import { useAuthConfig, useRequestPasswordReset } from './api.ts';

/**
 * "Forgot password": asks for a link by email. The answer is the same whether or not the address
 * has an account, so the page says what happens if it does.
 */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const config = useAuthConfig();
  const request = useRequestPasswordReset();
  const handleError = useApiErrorHandler();
  const v = validators(t);
  const form = useForm({ initialValues: { email: '' }, validate: { email: v.email } });
  const submit = form.onSubmit((values) =>
    request.mutate(values.email.trim(), { onError: (error) => handleError(error, form) }),
  );

  return (
    <Stack gap="lg">
      <AuthHeading title={t('auth.forgot.title')} subtitle={t('auth.forgot.subtitle')} />
      {config.data && !config.data.emailConfigured ? (
        <AuthNotice
          color="orange"
          icon={IconInfoCircle}
          title={t('auth.forgot.noEmailTitle')}
          testId="forgot-no-email"
        >
          <Stack gap={6}>
            <Text size="sm">{t('auth.forgot.noEmailText')}</Text>
            <Code block>evergreen user password --email you@example.com</Code>
          </Stack>
        </AuthNotice>
      ) : request.isSuccess ? (
        <AuthNotice
          color="teal"
          icon={IconMailCheck}
          title={t('auth.forgot.sentTitle')}
          role="status"
          testId="forgot-sent"
        >
          {t('auth.forgot.sentText', { email: form.values.email.trim(), minutes: 60 })}
        </AuthNotice>
      ) : (
        <AuthForm onSubmit={submit} label={t('auth.forgot.title')}>
          <AccountEmailInput testId="forgot-email" {...form.getInputProps('email')} />
          <Button type="submit" fullWidth loading={request.isPending} data-testid="forgot-submit">
            {t('auth.forgot.submit')}
          </Button>
        </AuthForm>
      )}
      <Text size="sm" ta="center">
        <Anchor component={Link} to="/signin" data-testid="forgot-back">
          {t('auth.forgot.back')}
        </Anchor>
      </Text>
    </Stack>
  );
}
