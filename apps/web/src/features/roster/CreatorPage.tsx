import type { Creator } from '@evergreen/contracts';
import { utcToday } from '@evergreen/rules';
import { Anchor, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconClockPause, IconMessageCircle, IconStairs } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { useFormatters } from '../../shared/i18n/format.ts';
import { BackLink, EntityHeader, EntityQuery } from '../../shared/layout/EntityPage.tsx';
import { useCurrentWorkspace } from '../workspaces/api.ts';
import { useCreator } from './api.ts';
import { CheckInSummary } from './CheckInSummary.tsx';
import { HandleLinks, StatusBadge, TierBadge } from './CreatorBadges.tsx';
import { CreatorGlance } from './CreatorGlance.tsx';
import { CreatorTabs, isTab, type Tab } from './CreatorTabs.tsx';
import { SnoozeForm } from './SnoozeForm.tsx';
import { SendMessageSlot } from './slots.tsx';
import { TierChangeModal } from './TierChangeModal.tsx';
import { TouchpointForm } from './TouchpointForm.tsx';

type Dialog = 'tier' | 'log' | 'snooze' | null;

export function CreatorPage() {
  const { t } = useTranslation();
  const { creatorId = '' } = useParams();
  const { workspaceId } = useCurrentWorkspace();
  const creator = useCreator(workspaceId, creatorId);
  const back = (
    <BackLink to={`/w/${workspaceId}/roster`} testId="creator-back">
      {t('creatorPage.back')}
    </BackLink>
  );
  return (
    <EntityQuery
      query={creator}
      back={back}
      notFound={{
        title: t('creatorPage.notFoundTitle'),
        text: t('creatorPage.notFoundText'),
        testId: 'creator-not-found',
      }}
    >
      {(data) => <CreatorView creator={data} back={back} />}
    </EntityQuery>
  );
}

function CreatorView({ creator: c, back }: { creator: Creator; back: ReactNode }) {
  const { t } = useTranslation();
  const _fmt = useFormatters();
  const { workspaceId, canWrite } = useCurrentWorkspace();
  const [searchParams, setSearchParams] = useSearchParams();
  const tabParam = searchParams.get('tab');
  const tab: Tab = isTab(tabParam) ? tabParam : 'profile';
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const today = utcToday();
  const onRhythm = c.checkIn.nextCheckInOn !== null;

  const setTab = (value: string | null) => {
    const next = new URLSearchParams(searchParams);
    if (!value || value === 'profile') next.delete('tab');
    else next.set('tab', value);
    setSearchParams(next, { replace: true });
  };

  return (
    <Stack gap="lg" data-testid="creator-page">
      {back}
      <EntityHeader
        title={c.displayName}
        titleTestId="creator-name"
        badges={
          <>
            <TierBadge tier={c.tier} size="lg" data-testid="creator-tier" />
            <StatusBadge status={c.status} size="lg" data-testid="creator-status" />
          </>
        }
        meta={
          <>
            <Group gap="lg" wrap="wrap" style={{ rowGap: 4 }}>
              <Text size="sm" c="dimmed" data-testid="creator-owner">
                {t('creatorPage.owner')}:{' '}
                <Text span inherit c={c.ownerName ? 'var(--mantine-color-text)' : undefined} fw={500}>
                  {c.ownerName ?? t('creator.noOwner')}
                </Text>
              </Text>
              {c.email ? (
                <Anchor href={`mailto:${c.email}`} size="sm" data-testid="creator-email">
                  {c.email}
                </Anchor>
              ) : null}
            </Group>
            {c.handles.length > 0 ? <HandleLinks handles={c.handles} testId="creator-handles" /> : null}
          </>
        }
        actions={
          canWrite ? (
            <Group gap="xs">
              <SendMessageSlot
                workspaceId={workspaceId}
                creatorId={c.id}
                creatorName={c.displayName}
                canWrite={canWrite}
                testId="creator-send-message"
              />
              <Button
                variant="light"
                leftSection={<IconMessageCircle size={16} aria-hidden />}
                onClick={() => setDialog('log')}
                data-testid="creator-log-touchpoint"
              >
                {t('today.log')}
              </Button>
              {onRhythm ? (
                <Button
                  variant="default"
                  leftSection={<IconClockPause size={16} aria-hidden />}
                  onClick={() => setDialog('snooze')}
                  data-testid="creator-snooze"
                >
                  {t('today.snooze')}
                </Button>
              ) : null}
              <Button
                variant="default"
                leftSection={<IconStairs size={16} aria-hidden />}
                onClick={() => setDialog('tier')}
                data-testid="creator-tier-change"
              >
                {t('tierChange.button')}
              </Button>
            </Group>
          ) : null
        }
      />

      <CreatorGlance creator={c} />
      <CheckInSummary creator={c} today={today} />

      <CreatorTabs creator={c} tab={tab} onTab={setTab} />

      <TierChangeModal creator={c} opened={dialog === 'tier'} onClose={close} />
      <Modal
        opened={dialog === 'log'}
        onClose={close}
        title={t('touchpoint.title', { name: c.displayName })}
        size="lg"
      >
        {dialog === 'log' ? (
          <TouchpointForm
            workspaceId={workspaceId}
            creatorId={c.id}
            creatorName={c.displayName}
            defaultChannel={c.preferredChannel}
            onDone={close}
            onCancel={close}
          />
        ) : null}
      </Modal>
      <Modal opened={dialog === 'snooze'} onClose={close} title={t('snooze.title', { name: c.displayName })}>
        {dialog === 'snooze' ? (
          <SnoozeForm
            workspaceId={workspaceId}
            creatorId={c.id}
            creatorName={c.displayName}
            onDone={close}
            onCancel={close}
          />
        ) : null}
      </Modal>
    </Stack>
  );
}
