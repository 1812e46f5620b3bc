import { Anchor, Button, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../shared/api/client.ts';
import { useApiErrorHandler } from '../../shared/api/useApiErrorHandler.ts';
import { validators } from '../../shared/validation.ts';
import {
  AuthForm,
  AuthHeading,
  AuthNotice,
  ConfirmPasswordInput,
  NewPasswordInput,
  newPasswordRules,
} from './AuthFields.tsx';
import { useResetPassword } from './api.ts';

/** The page the emailed "forgot password" link opens: a new password, then signed in. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const reset = useResetPassword();
  const handleError = useApiErrorHandler();
  const v = validators(t);
  const form = useForm({
    initialValues: { password: '', confirm: '' },
    validate: newPasswordRules(t, v.required, 'password'),
  });
  const linkInvalid =
    reset.error instanceof ApiError && reset.error.fields.some((f) => f.code === 'link_invalid');
  const submit = form.onSubmit((values) =>
    reset.mutate(
      { token, password: values.password },
      {
        onSuccess: () => navigate('/', { replace: true }),
        onError: (error) => {
          if (!(error instanceof ApiError && error.fields.some((f) => f.code === 'link_invalid')))
            handleError(error, form);
        },
      },
    ),
  );

  return (
    <Stack gap="lg">
      <AuthHeading title={t('auth.reset.title')} subtitle={t('auth.reset.subtitle')} />
      {linkInvalid ? (
        <AuthNotice color="red" role="alert" title={t('auth.reset.invalidTitle')} testId="reset-invalid">
          <Stack gap={6}>
            <Text size="sm">{t('auth.reset.invalidText')}</Text>
            <Anchor component={Link} to="/forgot-password" size="sm">
              {t('auth.reset.askAgain')}
            </Anchor>
          </Stack>
        </AuthNotice>
      ) : null}
      <AuthForm onSubmit={submit} label={t('auth.reset.title')}>
        <NewPasswordInput testId="reset-password" {...form.getInputProps('password')} />
        <ConfirmPasswordInput testId="reset-confirm" {...form.getInputProps('confirm')} />
        <Button type="submit" fullWidth loading={reset.isPending} data-testid="reset-submit">
          {t('auth.reset.submit')}
        </Button>
      </AuthForm>
    </Stack>
  );
}
