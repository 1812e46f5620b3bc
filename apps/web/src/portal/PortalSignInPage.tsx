import { Alert, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconMailCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router';
import { AuthHeading } from '../features/auth/AuthFields.tsx';
import { ApiError } from '../shared/api/client.ts';
import { useApiErrorHandler } from '../shared/api/useApiErrorHandler.ts';
import { validators } from '../shared/validation.ts';
import { usePortalMe, usePortalSignIn, useRequestLink } from './api.ts';

/** Ask for a sign-in link by email (the portal has no passwords). */
export function PortalSignInPage() {
  const { t } = useTranslation();
  const me = usePortalMe();
  const request = useRequestLink();
  const handleError = useApiErrorHandler();
  const v = validators(t);
  const form = useForm({ initialValues: { email: '' }, validate: { email: v.email } });

  if (me.data) return <Navigate to="/portal/briefs" replace />;

  return (
    <Stack gap="lg">
      <AuthHeading title={t('portal.signIn.title')} subtitle={t('portal.signIn.intro')} />
      {request.isSuccess ? (
        <Alert color="teal" icon={<IconMailCheck size={18} aria-hidden />} data-testid="portal-link-sent">
          {t('portal.signIn.sent')}
        </Alert>
      ) : null}
      <form
        noValidate
        onSubmit={form.onSubmit((values) =>
          request.mutate(values.email.trim(), { onError: (error) => handleError(error, form) }),
        )}
      >
        <Stack gap="sm">
          <TextInput
            label={t('auth.fields.email')}
            type="email"
            autoComplete="email"
            required
            data-testid="portal-email"
            {...form.getInputProps('email')}
          />
          <Button type="submit" loading={request.isPending} data-testid="portal-request-link">
            {t('portal.signIn.send')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}

/**
 * Where an emailed link lands. Signing in spends the link, so it happens on a click, not on
 * opening the page: a mail scanner that opens links does not use it up.
 */
export function PortalLinkPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const signIn = usePortalSignIn();
  const invalid = signIn.error instanceof ApiError && signIn.error.status === 401;
  return (
    <Stack gap="lg">
      <Title order={1} size="h2">
        {t('portal.link.title')}
      </Title>
      {invalid ? (
        <Alert color="red" data-testid="portal-link-invalid">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t('portal.link.invalid')}</Text>
            <Button size="xs" variant="light" onClick={() => navigate('/portal/sign-in')}>
              {t('portal.link.newLink')}
            </Button>
          </Stack>
        </Alert>
      ) : (
        <>
          <Text size="sm">{t('portal.link.intro')}</Text>
          <Button
            loading={signIn.isPending}
            onClick={() =>
              signIn.mutate(token, {
                // A link emailed with a brief or an agreement opens that one (a portal path only).
                onSuccess: (me) =>
                  navigate(me.next?.startsWith('/portal/') ? me.next : '/portal/briefs', { replace: true }),
              })
            }
            data-testid="portal-continue"
          >
            {t('portal.link.continue')}
          </Button>
        </>
      )}
    </Stack>
  );
}
