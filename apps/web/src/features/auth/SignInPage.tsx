import { Anchor, Button, Code, Group, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../shared/api/client.ts';
import { useApiErrorHandler } from '../../shared/api/useApiErrorHandler.ts';
import { validators } from '../../shared/validation.ts';
import { AccountEmailInput, AuthForm, AuthHeading, AuthNotice, CurrentPasswordInput } from './AuthFields.tsx';
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
        <AuthNotice
          variant="outline"
          color="gray"
          icon={IconInfoCircle}
          title={demo ? t('auth.signIn.onlyDemoTitle') : t('auth.signIn.noUsersTitle')}
          testId="signin-no-users"
        >
          <Text size="sm">{demo ? t('auth.signIn.onlyDemoText') : t('auth.signIn.noUsersText')}</Text>
          <Anchor component={Link} to="/signup" size="sm" data-testid="signin-first-account">
            {t('auth.signIn.createFirstAccount')}
          </Anchor>
        </AuthNotice>
      ) : null}

      {demo ? (
        <AuthNotice
          color="teal"
          icon={IconInfoCircle}
          title={t('auth.signIn.demoTitle')}
          testId="signin-demo"
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
        </AuthNotice>
      ) : null}

      <AuthForm onSubmit={submit} label={t('auth.signIn.title')}>
        <AccountEmailInput testId="signin-email" {...form.getInputProps('email')} />
        <CurrentPasswordInput
          label={t('auth.fields.password')}
          testId="signin-password"
          {...form.getInputProps('password')}
        />
        <Anchor component={Link} to="/forgot-password" size="sm" data-testid="signin-forgot">
          {t('auth.signIn.forgot')}
        </Anchor>
        {invalidCredentials ? (
          <AuthNotice color="red" role="alert" testId="signin-error">
            {t('errors.invalid_credentials')}
          </AuthNotice>
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
