import type { Creator } from '@evergreen/contracts';
import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDoorEnter, IconSend } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useApiErrorHandler } from '../../shared/api/useApiErrorHandler.ts';
import { useFormatters } from '../../shared/i18n/format.ts';
import { MutationConfirmButton } from '../../shared/ui/MutationConfirmButton.tsx';
import { useCurrentWorkspace } from '../workspaces/api.ts';
import { useInvitePortal, usePortalAccess, useRevokePortal } from './api.ts';
import { SectionCard } from './SectionCard.tsx';

/** Invite a creator to the creator portal (emailed link), send a new link, or revoke access. */
export function PortalAccessSection({ creator }: { creator: Creator }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const { workspaceId, canWrite } = useCurrentWorkspace();
  const access = usePortalAccess(workspaceId, creator.id);
  const invite = useInvitePortal(workspaceId, creator.id);
  const revoke = useRevokePortal(workspaceId, creator.id);
  const handleError = useApiErrorHandler();
  const a = access.data;
  const active = a?.status === 'active';
  return (
    <SectionCard
      icon={<IconDoorEnter size={18} aria-hidden />}
      title={t('portal.access.title')}
      intro={t('portal.access.intro')}
      testId="portal-access"
    >
      {a ? (
        <Text size="sm" data-testid="portal-access-status">
          {a.status === 'none'
            ? t('portal.access.none')
            : a.status === 'revoked'
              ? t('portal.access.revoked', { date: f.dateTime(a.revokedAt) })
              : `${t('portal.access.active', { date: f.dateTime(a.invitedAt) })} ${
                  a.lastSignInAt
                    ? t('portal.access.lastSignIn', { date: f.dateTime(a.lastSignInAt) })
                    : t('portal.access.never')
                }`}
        </Text>
      ) : null}
      {!creator.email ? (
        <Text size="sm" c="dimmed">
          {t('portal.access.needsEmail')}
        </Text>
      ) : null}
      {canWrite && creator.email ? (
        <Group gap="xs">
          <Button
            size="xs"
            variant="light"
            leftSection={<IconSend size={14} aria-hidden />}
            loading={invite.isPending}
            onClick={() =>
              invite.mutate(undefined, {
                onSuccess: (r) =>
                  notifications.show({
                    color: 'teal',
                    message: t('portal.access.invited', { email: r.email }),
                  }),
                onError: (error) => handleError(error),
              })
            }
            data-testid="portal-invite"
          >
            {active ? t('portal.access.resend') : t('portal.access.invite')}
          </Button>
          {active ? (
            <MutationConfirmButton
              mutation={revoke}
              variables={undefined}
              done={() => t('portal.access.revokedDone')}
              title={t('portal.access.revokeTitle')}
              message={t('portal.access.revokeText', { name: creator.displayName })}
              confirmLabel={t('portal.access.revoke')}
              testId="portal-revoke"
            >
              {t('portal.access.revoke')}
            </MutationConfirmButton>
          ) : null}
        </Group>
      ) : null}
    </SectionCard>
  );
}
