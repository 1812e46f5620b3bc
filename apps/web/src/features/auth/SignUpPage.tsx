import { Alert, Anchor, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useApiErrorHandler } from '../../shared/api/useApiErrorHandler.ts';
import { currentLanguage } from '../../shared/i18n/i18n.ts';
import { bindField } from '../../shared/ui/FormFields.tsx';
import { FullPageLoader, QueryError } from '../../shared/ui/QueryStates.tsx';
import { validators } from '../../shared/validation.ts';
import { AuthForm, AuthHeading, NewPasswordInput } from './AuthFields.tsx';
import { safeNext, useAcceptInvitation, useAuthConfig, useMe, useSignup } from './api.ts';

export function SignUpPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const me = useMe();
  const config = useAuthConfig();
  const signup = useSignup();
  const accept = useAcceptInvitation();
  const handleError = useApiErrorHandler();
  const v = validators(t);

  const invitationToken = params.get('invitation');
  const invitedEmail = params.get('email');
  const next = safeNext(params.get('next'));

  const form = useForm({
    initialValues: { name: '', email: invitedEmail ?? '', password: '' },
    validate: { name: v.required, email: v.email, password: v.newPassword },
  });

  if (me.data && !signup.isPending && !signup.isSuccess) return <Navigate to={next ?? '/'} replace />;
  if (config.isPending) return <FullPageLoader />;
  if (config.isError) return <QueryError error={config.error} onRetry={() => void config.refetch()} />;

  const signinHref = `/signin${params.toString() ? `?${params.toString()}` : ''}`;

  if (!config.data.signupOpen && !invitationToken) {
    return (
      <Stack gap="lg" data-testid="signup-closed">
        <Title order={1} size="h2">
          {t('auth.signUp.closedTitle')}
        </Title>
        <Alert icon={<IconLock size={18} aria-hidden />} color="gray">
          {t('auth.signUp.closedText')}
        </Alert>
        <Text size="sm">
          {t('auth.signUp.haveAccount')}{' '}
          <Anchor component={Link} to={signinHref}>
            {t('auth.signUp.signInLink')}
          </Anchor>
        </Text>
      </Stack>
    );
  }

  const submit = form.onSubmit((values) => {
    signup.mutate(
      {
        name: values.name.trim(),
        email: values.email.trim(),
        password: values.password,
        locale: currentLanguage(),
        ...(invitationToken ? { invitationToken } : {}),
      },
      {
        onSuccess: async (created) => {
          if (!invitationToken) {
            navigate(next ?? '/', { replace: true });
            return;
          }
          try {
            const joined = await accept.mutateAsync(invitationToken);
            navigate(`/w/${joined.id}`, { replace: true });
          } catch (error) {
            // The server may already have joined the new account to the workspace at sign-up.
            if (created.workspaces.length === 0) handleError(error);
            navigate('/', { replace: true });
          }
        },
        onError: (error) => handleError(error, form),
      },
    );
  });

  return (
    <Stack gap="lg">
      <AuthHeading
        title={config.data.hasUsers ? t('auth.signUp.title') : t('auth.signUp.firstTitle')}
        subtitle={
          invitationToken
            ? t('auth.signUp.invitedSubtitle')
            : config.data.hasUsers
              ? t('auth.signUp.subtitle')
              : t('auth.signUp.firstSubtitle')
        }
      />
      <AuthForm onSubmit={submit} label={t('auth.signUp.title')}>
        <TextInput
          label={t('auth.fields.name')}
          autoComplete="name"
          required
          {...bindField(form, 'name', 'signup-name')}
        />
        <TextInput
          label={t('auth.fields.email')}
          type="email"
          autoComplete="email"
          required
          readOnly={Boolean(invitationToken && invitedEmail)}
          description={invitationToken && invitedEmail ? t('auth.signUp.emailFromInvitation') : undefined}
          {...bindField(form, 'email', 'signup-email')}
        />
        <NewPasswordInput
          label={t('auth.fields.password')}
          testId="signup-password"
          {...form.getInputProps('password')}
        />
        <Button
          type="submit"
          fullWidth
          loading={signup.isPending || accept.isPending}
          data-testid="signup-submit"
        >
          {invitationToken ? t('auth.signUp.submitAndJoin') : t('auth.signUp.submit')}
        </Button>
      </AuthForm>
      {config.data.hasUsers ? (
        <Text size="sm" ta="center">
          {t('auth.signUp.haveAccount')}{' '}
          <Anchor component={Link} to={signinHref} data-testid="signup-signin-link">
            {t('auth.signUp.signInLink')}
          </Anchor>
        </Text>
      ) : null}
    </Stack>
  );
}
