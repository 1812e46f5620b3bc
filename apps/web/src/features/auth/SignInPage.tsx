import { Alert, Anchor, Button, Code, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../shared/api/client.ts';
import { useApiErrorHandler } from '../../shared/api/useApiErrorHandler.ts';
import { validators } from '../../shared/validation.ts';
import { AccountEmailInput, AuthForm, AuthHeading } from './AuthFields.tsx';
import { safeNext, useAuthConfig, useLogin, useMe } from './api.ts';

export function SignInPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const me = useMe();
  const config = useAuthConfig();
  const login = useLogin();
  const handleError = useApiErrorHandler();
  const v = validators(t);
  const next = safeNext(params.get('next'));

  const form = useForm({
    initialValues: { email: params.get('email') ?? '', password: '' },
    validate: { email: v.email, password: v.required },
  });

  if (me.data && !login.isPending) return <Navigate to={next ?? '/'} replace />;

  const submit = form.onSubmit((values) => {
    login.mutate(
      { email: values.email.trim(), password: values.password },
      {
        onSuccess: () => navigate(next ?? '/', { replace: true }),
        onError: (error) => {
          if (!(error instanceof ApiError && error.code === 'invalid_credentials')) handleError(error, form);
        },
      },
    );
  });

  const invalidCredentials = login.error instanceof ApiError && login.error.code === 'invalid_credentials';
  const demo = config.data?.demo ?? null;
  const signupHref = `/signup${params.toString() ? `?${params.toString()}` : ''}`;

  return (
    <Stack gap="lg">
      <AuthHeading title={t('auth.signIn.title')} subtitle={t('auth.signIn.subtitle')} />

      {/* hasUsers counts accounts of people, not the demo's: with the demo loaded, say just that. */}
      {config.data && !config.data.hasUsers ? (
        <Alert
          variant="outline"
          color="gray"
          icon={<IconInfoCircle size={18} aria-hidden />}
          title={demo ? t('auth.signIn.onlyDemoTitle') : t('auth.signIn.noUsersTitle')}
          data-testid="signin-no-users"
        >
          <Text size="sm">{demo ? t('auth.signIn.onlyDemoText') : t('auth.signIn.noUsersText')}</Text>
          <Anchor component={Link} to="/signup" size="sm" data-testid="signin-first-account">
            {t('auth.signIn.createFirstAccount')}
          </Anchor>
        </Alert>
      ) : null}

      {demo ? (
        <Alert
          variant="light"
          color="teal"
          icon={<IconInfoCircle size={18} aria-hidden />}
          title={t('auth.signIn.demoTitle')}
          data-testid="signin-demo"
        >
          <Stack gap={6}>
            <Text size="sm">{t('auth.signIn.demoText')}</Text>
            <Text size="sm">
              {t('auth.fields.email')}: <Code data-testid="signin-demo-email">{demo.email}</Code>
            </Text>
            <Text size="sm">
              {t('auth.fields.password')}: <Code data-testid="signin-demo-password">{demo.password}</Code>
            </Text>
            <Group>
              <Button
                size="xs"
                onClick={() => form.setValues({ email: demo.email, password: demo.password })}
                data-testid="signin-use-demo"
              >
                {t('auth.signIn.useDemo')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      ) : null}

      <AuthForm onSubmit={submit} label={t('auth.signIn.title')}>
        <AccountEmailInput testId="signin-email" {...form.getInputProps('email')} />
        <PasswordInput
          label={t('auth.fields.password')}
          autoComplete="current-password"
          required
          data-testid="signin-password"
          {...form.getInputProps('password')}
        />
        <Anchor component={Link} to="/forgot-password" size="sm" data-testid="signin-forgot">
          {t('auth.signIn.forgot')}
        </Anchor>
        {invalidCredentials ? (
          <Alert color="red" variant="light" role="alert" data-testid="signin-error">
            {t('errors.invalid_credentials')}
          </Alert>
        ) : null}
        <Button type="submit" fullWidth loading={login.isPending} data-testid="signin-submit">
          {t('auth.signIn.submit')}
        </Button>
      </AuthForm>

      {config.data?.signupOpen ? (
        <Text size="sm" ta="center">
          {t('auth.signIn.noAccount')}{' '}
          <Anchor component={Link} to={signupHref} data-testid="signin-signup-link">
            {t('auth.signIn.signUpLink')}
          </Anchor>
        </Text>
      ) : null}
    </Stack>
  );
}
