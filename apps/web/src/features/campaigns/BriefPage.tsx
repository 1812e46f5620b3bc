import type { BriefDetail } from '@evergreen/contracts';
import { Alert, Anchor, Button, Group, Modal, Stack, Text, Title } from '@mantine/core';
import {
  IconAlertTriangle,
  IconGitPullRequest,
  IconPencil,
  IconSend,
  IconSignature,
} from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useFormatters } from '../../shared/i18n/format.ts';
import { BackLink, EntityHeader, EntityQuery } from '../../shared/layout/EntityPage.tsx';
import { useCurrentWorkspace } from '../workspaces/api.ts';
import { useBrief } from './api.ts';
import { AcceptForm, DeclineForm, EditBrief } from './BriefDialogs.tsx';
import { Acceptances, ChangeRequest, VersionContent, VersionEntry } from './BriefVersions.tsx';
import { BriefStatusBadge } from './CampaignBadges.tsx';
import { SendBriefDialog } from './SendBriefDialog.tsx';

export function BriefPage() {
  const { t } = useTranslation();
  const { campaignId = '', briefId = '' } = useParams();
  const { workspaceId } = useCurrentWorkspace();
  const brief = useBrief(workspaceId, campaignId, briefId);
  const back = (
    <BackLink to={`/w/${workspaceId}/campaigns/${campaignId}`} testId="brief-back">
      {brief.data ? t('briefs.backTo', { name: brief.data.campaignName }) : t('briefs.back')}
    </BackLink>
  );
  return (
    <EntityQuery
      query={brief}
      back={back}
      notFound={{ title: t('briefs.notFoundTitle'), text: t('briefs.notFoundText') }}
    >
      {(data) => <BriefView brief={data} back={back} />}
    </EntityQuery>
  );
}

type Dialog = 'edit' | 'send' | 'accept' | 'cr-accept' | 'cr-decline' | null;

function BriefView({ brief: b, back }: { brief: BriefDetail; back: ReactNode }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const { workspaceId, canWrite } = useCurrentWorkspace();
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const inForce = b.acceptedVersion ?? b.currentVersion;
  const inForceVersion = b.versions.find((v) => v.version === inForce);
  const pending =
    b.pendingChangeVersion !== null
      ? b.versions.find((v) => v.version === b.pendingChangeVersion)
      : undefined;
  const urgent = b.warnings.find((w) => w.code === 'urgent');
  const editable =
    b.status === 'draft' || b.status === 'sent' || b.status === 'accepted' || b.status === 'declined';
  const changeMode = b.status === 'accepted';
  const acceptedAt = b.acceptances.find((a) => a.version === b.acceptedVersion);

  return (
    <Stack gap="lg" data-testid="brief-page">
      {back}
      <SendBriefDialog workspaceId={workspaceId} brief={b} opened={dialog === 'send'} onClose={close} />
      <EntityHeader
        title={b.title}
        titleTestId="brief-title-view"
        gap={6}
        badges={
          <BriefStatusBadge status={b.status} size="lg" data-testid="brief-status" data-status={b.status} />
        }
        meta={
          <>
            <Group gap="lg" wrap="wrap" style={{ rowGap: 4 }}>
              <Text size="sm" c="dimmed">
                {t('briefs.columns.creator')}:{' '}
                <Anchor component={Link} to={`/w/${workspaceId}/creators/${b.creatorId}`} inherit fw={500}>
                  {b.creatorName}
                </Anchor>
              </Text>
              <Text size="sm" c="dimmed">
                {t('briefs.columns.campaign')}:{' '}
                <Anchor component={Link} to={`/w/${workspaceId}/campaigns/${b.campaignId}`} inherit fw={500}>
                  {b.campaignName}
                </Anchor>
              </Text>
              <Text size="sm" c="dimmed" data-testid="brief-versions-summary">
                {b.acceptedVersion
                  ? t('briefs.summaryAccepted', { accepted: b.acceptedVersion, current: b.currentVersion })
                  : t('briefs.summaryCurrent', { current: b.currentVersion })}
              </Text>
            </Group>
            <Text size="sm" c="dimmed">
              {t(`briefs.statusHint.${b.status}`)}
            </Text>
          </>
        }
        actions={
          canWrite ? (
            <Group gap="xs">
              {b.status === 'draft' ? (
                <Button
                  leftSection={<IconSend size={16} aria-hidden />}
                  onClick={() => setDialog('send')}
                  data-testid="brief-send"
                >
                  {t('briefs.actions.send')}
                </Button>
              ) : null}
              {b.status === 'sent' ? (
                <Button
                  leftSection={<IconSignature size={16} aria-hidden />}
                  onClick={() => setDialog('accept')}
                  data-testid="brief-accept"
                >
                  {t('briefs.actions.accept')}
                </Button>
              ) : null}
              {editable ? (
                <Button
                  variant="default"
                  leftSection={
                    changeMode ? (
                      <IconGitPullRequest size={16} aria-hidden />
                    ) : (
                      <IconPencil size={16} aria-hidden />
                    )
                  }
                  onClick={() => setDialog('edit')}
                  data-testid="brief-edit"
                >
                  {changeMode ? t('briefs.actions.requestChange') : t('briefs.actions.edit')}
                </Button>
              ) : null}
            </Group>
          ) : null
        }
      />

      {urgent ? (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertTriangle size={18} aria-hidden />}
          title={t('briefs.urgentTitle')}
          data-testid="brief-urgent"
        >
          {t('briefs.urgentText', {
            date: fmt.day(urgent.dueOn),
            due: fmt.days(urgent.daysUntilDue),
            lead: fmt.days(urgent.leadTimeDays),
            name: b.creatorName,
          })}
        </Alert>
      ) : null}

      {b.decline ? (
        <Alert
          color="red"
          variant="light"
          title={t('briefs.declined.title', { name: b.creatorName, version: b.decline.version })}
          data-testid="brief-declined"
        >
          <Stack gap={4}>
            <Text
              size="sm"
              style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
              data-testid="brief-decline-reason"
            >
              {b.decline.reason}
            </Text>
            <Text size="xs" c="dimmed">
              {t('briefs.declined.when', { date: fmt.dateTime(b.decline.at) })}
            </Text>
          </Stack>
        </Alert>
      ) : null}

      {pending ? (
        <ChangeRequest
          brief={b}
          pending={pending}
          canWrite={canWrite}
          onAccept={() => setDialog('cr-accept')}
          onDecline={() => setDialog('cr-decline')}
        />
      ) : null}

      {inForceVersion ? (
        <Stack gap="xs">
          <Group gap="xs">
            <Title order={2} size="h4">
              {b.acceptedVersion
                ? t('briefs.inForceAccepted', { version: inForce })
                : t('briefs.inForceCurrent', { version: inForce })}
            </Title>
            {acceptedAt ? (
              <Text size="sm" c="dimmed">
                {t('briefs.acceptedBy', { name: acceptedAt.acceptedName, date: fmt.dateTime(acceptedAt.at) })}
              </Text>
            ) : null}
          </Group>
          <VersionContent version={inForceVersion} />
        </Stack>
      ) : null}

      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('briefs.history')}
        </Title>
        {[...b.versions]
          .sort((x, y) => y.version - x.version)
          .map((v) => (
            <VersionEntry key={v.version} brief={b} version={v} />
          ))}
      </Stack>

      <Acceptances brief={b} />

      <Modal
        opened={dialog === 'edit'}
        onClose={close}
        title={changeMode ? t('briefs.form.title.change') : t('briefs.form.title.edit')}
        size="xl"
      >
        {dialog === 'edit' && inForceVersion ? (
          <EditBrief brief={b} base={inForceVersion} changeMode={changeMode} onClose={close} />
        ) : null}
      </Modal>
      <Modal
        opened={dialog === 'accept' || dialog === 'cr-accept'}
        onClose={close}
        title={
          dialog === 'cr-accept'
            ? t('briefs.acceptForm.changeTitle', { version: b.currentVersion })
            : t('briefs.acceptForm.title', { version: b.currentVersion })
        }
      >
        {dialog === 'accept' || dialog === 'cr-accept' ? (
          <AcceptForm brief={b} change={dialog === 'cr-accept'} onClose={close} />
        ) : null}
      </Modal>
      <Modal opened={dialog === 'cr-decline'} onClose={close} title={t('briefs.declineForm.title')}>
        {dialog === 'cr-decline' ? <DeclineForm brief={b} onClose={close} /> : null}
      </Modal>
    </Stack>
  );
}
