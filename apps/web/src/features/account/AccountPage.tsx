import { Alert, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconLogout } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useApiErrorHandler } from '../../shared/api/useApiErrorHandler.ts';
import { useFormatters } from '../../shared/i18n/format.ts';
import { DataTable, useHeadings } from '../../shared/layout/ListPage.tsx';
import { ConfirmButton } from '../../shared/ui/ConfirmButton.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { PageLoader, QueryError } from '../../shared/ui/QueryStates.tsx';
import { validators } from '../../shared/validation.ts';
import {
  AuthForm,
  ConfirmPasswordInput,
  CurrentPasswordInput,
  NewPasswordInput,
  newPasswordRules,
} from '../auth/AuthFields.tsx';
import {
  useAccountSessions,
  useChangePassword,
  useEndSession,
  useMe,
  useSignOutEverywhere,
} from '../auth/api.ts';
import { deviceName } from './device.ts';

/** The signed-in person's own account: their password and where they are signed in. */
export function AccountPage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <>
      <PageHeader
        title={t('account.title')}
        description={t('account.description', { email: me.data?.user.email ?? '' })}
      />
      <Stack gap={40}>
        <PasswordSection />
        <SessionsSection />
      </Stack>
    </>
  );
}

function PasswordSection() {
  const { t } = useTranslation();
  const change = useChangePassword();
  const handleError = useApiErrorHandler();
  const v = validators(t);
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', confirm: '' },
    validate: { currentPassword: v.required, ...newPasswordRules(t, v.required, 'newPassword') },
  });
  const submit = form.onSubmit((values) =>
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: (r) => {
          form.reset();
          notifications.show({
            color: 'teal',
            title: t('account.password.changed'),
            message: t('account.password.othersEnded', { count: r.otherSessionsEnded }),
          });
        },
        onError: (error) => handleError(error, form),
      },
    ),
  );
  return (
    <Stack gap="sm" component="section" aria-labelledby="account-password">
      <Title order={2} size="h3" id="account-password">
        {t('account.password.title')}
      </Title>
      <AuthForm onSubmit={submit} label={t('account.password.title')} maw={520}>
        <CurrentPasswordInput
          label={t('account.password.current')}
          testId="account-current-password"
          {...form.getInputProps('currentPassword')}
        />
        <NewPasswordInput testId="account-new-password" {...form.getInputProps('newPassword')} />
        <ConfirmPasswordInput testId="account-confirm-password" {...form.getInputProps('confirm')} />
        <Text size="xs" c="dimmed">
          {t('account.password.note')}
        </Text>
        <Group>
          <Button type="submit" loading={change.isPending} data-testid="account-change-password">
            {t('account.password.submit')}
          </Button>
        </Group>
      </AuthForm>
    </Stack>
  );
}

function SessionsSection() {
  const { t } = useTranslation();
  const heading = useHeadings('account.sessions');
  const fmt = useFormatters();
  const navigate = useNavigate();
  const sessions = useAccountSessions();
  const end = useEndSession();
  const everywhere = useSignOutEverywhere();
  const handleError = useApiErrorHandler();
  const others = (sessions.data ?? []).filter((s) => !s.current).length;
  return (
    <Stack gap="sm" component="section" aria-labelledby="account-sessions">
      <Title order={2} size="h3" id="account-sessions">
        {t('account.sessions.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('account.sessions.description')}
      </Text>
      {sessions.isPending ? (
        <PageLoader />
      ) : sessions.isError ? (
        <QueryError error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : (
        <DataTable
          minWidth={560}
          testId="account-sessions"
          columns={heading('device', 'ip', 'signedIn', 'lastSeen')}
          actions
        >
          {sessions.data.map((s) => {
            const d = deviceName(s.userAgent);
            const name =
              d.browser && d.os
                ? t('account.sessions.browserOn', { browser: d.browser, os: d.os })
                : (d.browser ?? d.os ?? s.userAgent ?? t('account.sessions.unknownDevice'));
            return (
              <Table.Tr key={s.id} data-testid={s.current ? 'account-session-current' : 'account-session'}>
                <Table.Td>
                  <Group gap={6} wrap="wrap">
                    <Text size="sm" title={s.userAgent ?? undefined}>
                      {name}
                    </Text>
                    {s.current ? (
                      <Badge size="sm" variant="light" color="teal">
                        {t('account.sessions.current')}
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{s.ip ?? '—'}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{fmt.dateTime(s.createdAt)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{s.lastSeenAt ? fmt.dateTime(s.lastSeenAt) : '—'}</Text>
                </Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>
                  {s.current ? null : (
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      loading={end.isPending && end.variables === s.id}
                      onClick={() => end.mutate(s.id, { onError: (e) => handleError(e) })}
                      aria-label={t('account.sessions.endAria', { device: name })}
                      data-testid="account-session-end"
                    >
                      {t('account.sessions.end')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </DataTable>
      )}
      <Group gap="sm">
        <Button
          variant="default"
          disabled={others === 0}
          loading={everywhere.isPending && everywhere.variables === true}
          onClick={() => everywhere.mutate(true, { onError: (e) => handleError(e) })}
          data-testid="account-end-others"
        >
          {t('account.sessions.endOthers')}
        </Button>
        <ConfirmButton
          color="red"
          variant="light"
          leftSection={<IconLogout size={16} aria-hidden />}
          title={t('account.sessions.everywhereTitle')}
          message={t('account.sessions.everywhereText')}
          onConfirm={() =>
            everywhere
              .mutateAsync(false)
              .then(() => navigate('/signin', { replace: true }))
              .catch((e: unknown) => handleError(e))
          }
          testId="account-end-everywhere"
        >
          {t('account.sessions.everywhere')}
        </ConfirmButton>
      </Group>
      {everywhere.isSuccess && everywhere.variables === true ? (
        <Alert color="teal" variant="light" role="status" data-testid="account-others-ended">
          {t('account.password.othersEnded', { count: everywhere.data.sessionsEnded })}
        </Alert>
      ) : null}
    </Stack>
  );
}
