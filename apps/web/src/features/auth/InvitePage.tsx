import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconMailOpened } from '@tabler/icons-react';
import { Trans, useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../shared/api/client.ts';
import { useApiErrorHandler } from '../../shared/api/useApiErrorHandler.ts';
import { PageLoader, QueryError } from '../../shared/ui/QueryStates.tsx';
import { RoleBadge } from '../../shared/ui/RoleBadge.tsx';
import { AuthHeading } from './AuthFields.tsx';
import { useAcceptInvitation, useInvitationPreview, useLogout, useMe } from './api.ts';

export function InvitePage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const me = useMe();
  const preview = useInvitationPreview(token);
  const accept = useAcceptInvitation();
  const logout = useLogout();
  const handleError = useApiErrorHandler();

  if (preview.isPending || me.isPending) return <PageLoader />;
  if (preview.isError) {
    const invalid =
      preview.error instanceof ApiError &&
      (preview.error.code === 'invitation_invalid' || preview.error.code === 'not_found');
    if (!invalid) return <QueryError error={preview.error} onRetry={() => void preview.refetch()} />;
    return (
      <Stack gap="md" data-testid="invite-invalid">
        <Title order={1} size="h2">
          {t('invite.invalidTitle')}
        </Title>
        <Text c="dimmed">{t('invite.invalidText')}</Text>
        <Group>
          <Button component={Link} to="/" variant="light">
            {t('notFound.home')}
          </Button>
        </Group>
      </Stack>
    );
  }

  const invitation = preview.data;
  const user = me.data?.user ?? null;
  const next = `/invite/${encodeURIComponent(token)}`;
  const emailParam = encodeURIComponent(invitation.email);
  const wrongAccount = user !== null && user.email.toLowerCase() !== invitation.email.toLowerCase();

  const doAccept = () =>
    accept.mutate(token, {
      onSuccess: (joined) => navigate(`/w/${joined.id}`, { replace: true }),
      onError: (error) => handleError(error),
    });

  return (
    <Stack gap="lg">
      <AuthHeading title={t('invite.title')} subtitle={t('invite.subtitle')} />
      <Paper withBorder p="lg" radius="md" data-testid="invite-preview">
        <Stack gap="sm">
          <Group gap="sm" wrap="nowrap">
            <IconMailOpened size={28} stroke={1.5} aria-hidden />
            <Text size="lg" fw={600} data-testid="invite-workspace">
              {invitation.workspaceName}
            </Text>
          </Group>
          <Group gap="xs">
            <Text size="sm" c="dimmed">
              {t('invite.role')}
            </Text>
            <RoleBadge role={invitation.role} />
          </Group>
          {invitation.invitedBy ? (
            <Text size="sm">
              <Trans
                i18nKey="invite.invitedBy"
                values={{ name: invitation.invitedBy }}
                components={{ b: <strong /> }}
              />
            </Text>
          ) : null}
          <Text size="sm">
            <Trans
              i18nKey="invite.forEmail"
              values={{ email: invitation.email }}
              components={{ b: <strong /> }}
            />
          </Text>
        </Stack>
      </Paper>

      {user ? (
        wrongAccount ? (
          <Alert
            color="orange"
            icon={<IconAlertTriangle size={18} aria-hidden />}
            data-testid="invite-wrong-account"
          >
            <Stack gap="sm" align="flex-start">
              <Text size="sm">
                {t('invite.wrongAccount', { invited: invitation.email, current: user.email })}
              </Text>
              <Button
                size="xs"
                variant="light"
                color="orange"
                loading={logout.isPending}
                onClick={() => logout.mutate()}
                data-testid="invite-signout"
              >
                {t('invite.signOutAndSwitch')}
              </Button>
            </Stack>
          </Alert>
        ) : (
          <Button size="md" onClick={doAccept} loading={accept.isPending} data-testid="invite-accept">
            {t('invite.accept')}
          </Button>
        )
      ) : invitation.hasAccount ? (
        <Stack gap="xs">
          <Button
            component={Link}
            to={`/signin?email=${emailParam}&next=${encodeURIComponent(next)}`}
            size="md"
            data-testid="invite-signin"
          >
            {t('invite.signInToAccept')}
          </Button>
        </Stack>
      ) : (
        <Stack gap="xs">
          <Button
            component={Link}
            to={`/signup?invitation=${encodeURIComponent(token)}&email=${emailParam}`}
            size="md"
            data-testid="invite-signup"
          >
            {t('invite.createAccount')}
          </Button>
          <Button
            component={Link}
            to={`/signin?email=${emailParam}&next=${encodeURIComponent(next)}`}
            variant="subtle"
            data-testid="invite-signin"
          >
            {t('invite.haveAccount')}
          </Button>
        </Stack>
      )}
    </Stack>
  );
}
