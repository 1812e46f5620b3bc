import type { BriefDetail, BriefVersion } from '@evergreen/contracts';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import {
  IconAlertTriangle,
  IconArrowLeft,
  IconCheck,
  IconGitPullRequest,
  IconPencil,
  IconSend,
  IconSignature,
  IconX,
} from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, isApiError } from '../../shared/api/client.ts';
import { useApiErrorHandler } from '../../shared/api/useApiErrorHandler.ts';
import { useFormatters } from '../../shared/i18n/format.ts';
import { PageLoader, QueryError } from '../../shared/ui/QueryStates.tsx';
import { platformNames } from '../roster/handles.ts';
import { useCurrentWorkspace } from '../workspaces/api.ts';
import { useAcceptBrief, useBrief, useEditBrief, useRespondChange } from './api.ts';
import { BriefDiffView } from './BriefDiff.tsx';
import { BriefForm, useDeliverableTypeLabel } from './BriefForm.tsx';
import { valuesToEditBrief, versionToValues } from './briefForm.ts';
import { BriefStatusBadge } from './CampaignBadges.tsx';
import { SendBriefDialog } from './SendBriefDialog.tsx';

export function BriefPage() {
  const { t } = useTranslation();
  const { campaignId = '', briefId = '' } = useParams();
  const { workspaceId } = useCurrentWorkspace();
  const brief = useBrief(workspaceId, campaignId, briefId);
  const back = (
    <Anchor
      component={Link}
      to={`/w/${workspaceId}/campaigns/${campaignId}`}
      size="sm"
      data-testid="brief-back"
    >
      <Group gap={4} component="span">
        <IconArrowLeft size={14} aria-hidden />
        {brief.data ? t('briefs.backTo', { name: brief.data.campaignName }) : t('briefs.back')}
      </Group>
    </Anchor>
  );
  if (brief.isPending) return <PageLoader />;
  if (brief.isError) {
    return (
      <Stack gap="md" align="flex-start">
        {back}
        {isApiError(brief.error, 'not_found') ? (
          <Alert color="gray" variant="light" title={t('briefs.notFoundTitle')}>
            {t('briefs.notFoundText')}
          </Alert>
        ) : (
          <QueryError error={brief.error} onRetry={() => void brief.refetch()} />
        )}
      </Stack>
    );
  }
  return <BriefView brief={brief.data} back={back} />;
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
  const editable = b.status === 'draft' || b.status === 'sent' || b.status === 'accepted';
  const changeMode = b.status === 'accepted';
  const acceptedAt = b.acceptances.find((a) => a.version === b.acceptedVersion);

  return (
    <Stack gap="lg" data-testid="brief-page">
      {back}
      <SendBriefDialog workspaceId={workspaceId} brief={b} opened={dialog === 'send'} onClose={close} />
      <Group justify="space-between" align="flex-start" gap="md">
        <Stack gap={6} style={{ minWidth: 0, flex: 1 }}>
          <Group gap="sm" wrap="wrap">
            <Title order={1} size="h2" style={{ wordBreak: 'break-word' }} data-testid="brief-title-view">
              {b.title}
            </Title>
            <BriefStatusBadge status={b.status} size="lg" data-testid="brief-status" data-status={b.status} />
          </Group>
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
        </Stack>
        {canWrite ? (
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
        ) : null}
      </Group>

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

      {pending ? (
        <Paper
          withBorder
          radius="md"
          p="md"
          data-testid="brief-change-request"
          style={{ borderColor: 'var(--mantine-color-orange-5)' }}
        >
          <Stack gap="sm">
            <Group justify="space-between" align="flex-start">
              <Stack gap={2}>
                <Text fw={700}>{t('briefs.pending.title', { version: pending.version })}</Text>
                <Text size="sm" c="dimmed">
                  {t('briefs.pending.text', { name: b.creatorName, version: b.acceptedVersion ?? '' })}
                </Text>
              </Stack>
              {canWrite ? (
                <Group gap="xs">
                  <Button
                    color="teal"
                    leftSection={<IconCheck size={16} aria-hidden />}
                    onClick={() => setDialog('cr-accept')}
                    data-testid="brief-cr-accept"
                  >
                    {t('briefs.actions.acceptChange')}
                  </Button>
                  <Button
                    variant="default"
                    color="red"
                    leftSection={<IconX size={16} aria-hidden />}
                    onClick={() => setDialog('cr-decline')}
                    data-testid="brief-cr-decline"
                  >
                    {t('briefs.actions.declineChange')}
                  </Button>
                </Group>
              ) : null}
            </Group>
            {pending.changeNote ? (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                <Text span inherit fw={600}>
                  {t('briefs.fields.changeNote')}:
                </Text>{' '}
                {pending.changeNote}
              </Text>
            ) : null}
            {pending.diff ? <BriefDiffView diff={pending.diff} testId="brief-pending-diff" /> : null}
          </Stack>
        </Paper>
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

      {b.acceptances.length ? (
        <Stack gap="xs" data-testid="brief-acceptances">
          <Title order={2} size="h4">
            {t('briefs.acceptances')}
          </Title>
          {b.acceptances.map((a) => (
            <Text key={`${a.version}:${a.at}`} size="sm">
              {t('briefs.acceptanceLine', {
                version: a.version,
                name: a.acceptedName,
                date: fmt.dateTime(a.at),
                ip: a.ip ?? '—',
              })}
              {a.onBehalf ? (
                <Text span inherit c="dimmed">
                  {' '}
                  {t('briefs.onBehalfBy', { user: a.byUserName ?? '—' })}
                </Text>
              ) : (
                <Text span inherit c="dimmed" data-testid="brief-acceptance-by-creator">
                  {' '}
                  {t('briefs.byCreator')}
                </Text>
              )}
            </Text>
          ))}
        </Stack>
      ) : null}

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

function VersionContent({ version: v }: { version: BriefVersion }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const typeLabel = useDeliverableTypeLabel();
  return (
    <Paper withBorder radius="md" p="md" data-testid="brief-current">
      <Stack gap="sm">
        <Text fw={700} size="lg">
          {v.title}
        </Text>
        <Text size="sm">
          <Text span inherit c="dimmed">
            {t('briefs.fields.dueOn')}:
          </Text>{' '}
          {v.dueOn ? fmt.day(v.dueOn, 'long') : t('briefs.noDueDate')}
        </Text>
        {v.body ? (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="brief-body-view">
            {v.body}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            {t('briefs.noBody')}
          </Text>
        )}
        {v.deliverables.length ? (
          <Table withTableBorder verticalSpacing={4} data-testid="brief-deliverables">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('briefs.fields.type')}</Table.Th>
                <Table.Th>{t('briefs.fields.platform')}</Table.Th>
                <Table.Th ta="right">{t('briefs.fields.quantity')}</Table.Th>
                <Table.Th>{t('briefs.fields.deliverableDue')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {v.deliverables.map((d, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: deliverables are positional
                <Table.Tr key={i}>
                  <Table.Td>{typeLabel(d.type)}</Table.Td>
                  <Table.Td>
                    {d.platform
                      ? d.platform === 'other'
                        ? t('briefs.form.otherPlatform')
                        : platformNames[d.platform]
                      : '—'}
                  </Table.Td>
                  <Table.Td ta="right">{fmt.number(d.quantity)}</Table.Td>
                  <Table.Td>{d.dueOn ? fmt.day(d.dueOn) : '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <Text size="sm" c="dimmed">
            {t('briefs.form.noDeliverables')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

function VersionEntry({ brief: b, version: v }: { brief: BriefDetail; version: BriefVersion }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const accepted = b.acceptances.some((a) => a.version === v.version);
  const inForce = (b.acceptedVersion ?? b.currentVersion) === v.version;
  const changeColor = { pending: 'orange', accepted: 'teal', declined: 'red' } as const;
  return (
    <Paper withBorder radius="md" p="sm" data-testid={`brief-version-${v.version}`}>
      <Stack gap="xs">
        <Group justify="space-between" gap="xs">
          <Group gap="xs">
            <Text fw={700}>{t('briefs.versionLabel', { version: v.version })}</Text>
            <Badge variant="light" color={v.kind === 'change_request' ? 'grape' : 'gray'} tt="none" size="sm">
              {t(`briefs.kind.${v.kind}`)}
            </Badge>
            {v.changeStatus && v.changeStatus !== 'accepted' ? (
              <Badge variant="outline" color={changeColor[v.changeStatus]} tt="none" size="sm">
                {t(`briefs.changeStatus.${v.changeStatus}`)}
              </Badge>
            ) : null}
            {accepted ? (
              <Badge variant="filled" color="teal" tt="none" size="sm">
                {t('briefs.acceptedBadge')}
              </Badge>
            ) : null}
            {inForce ? (
              <Badge variant="dot" color="teal" tt="none" size="sm">
                {t('briefs.inForceBadge')}
              </Badge>
            ) : null}
          </Group>
          <Text size="xs" c="dimmed">
            {v.createdByName ?? '—'}, {fmt.dateTime(v.createdAt)}
          </Text>
        </Group>
        {v.changeNote ? (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            <Text span inherit fw={600}>
              {t('briefs.fields.changeNote')}:
            </Text>{' '}
            {v.changeNote}
          </Text>
        ) : null}
        {v.diff && v.baseVersion !== null ? (
          <>
            <Text size="xs" c="dimmed">
              {t('briefs.diff.against', { version: v.baseVersion })}
            </Text>
            <BriefDiffView diff={v.diff} testId={`brief-diff-${v.version}`} />
          </>
        ) : (
          <Text size="sm" c="dimmed" data-testid={`brief-diff-${v.version}`}>
            {t('briefs.diff.first')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

function EditBrief({
  brief: b,
  base,
  changeMode,
  onClose,
}: {
  brief: BriefDetail;
  base: BriefVersion;
  changeMode: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { workspaceId } = useCurrentWorkspace();
  const edit = useEditBrief(workspaceId, b.campaignId, b.id);
  const handleError = useApiErrorHandler();
  const initial = versionToValues(base);
  return (
    <BriefForm
      mode={changeMode ? 'change' : 'edit'}
      creatorName={b.creatorName}
      initialValues={initial}
      submitting={edit.isPending}
      onCancel={onClose}
      onSubmit={(values, form) => {
        const input = valuesToEditBrief(values, initial, changeMode);
        if (!input) {
          notifications.show({ color: 'yellow', message: t('briefs.form.noChange') });
          return;
        }
        edit.mutate(input, {
          onSuccess: () => {
            notifications.show({
              color: 'teal',
              message: changeMode ? t('briefs.changeRequested', { name: b.creatorName }) : t('briefs.edited'),
            });
            onClose();
          },
          onError: (error) => {
            if (error instanceof ApiError && error.fields.some((f) => f.code === 'no_change')) {
              notifications.show({ color: 'yellow', message: t('briefs.form.noChange') });
            } else if (isApiError(error, 'conflict')) {
              notifications.show({
                color: 'red',
                title: t('errors.conflict'),
                message: t('briefs.conflict'),
              });
            } else handleError(error, form);
          },
        });
      }}
    />
  );
}

function AcceptForm({
  brief: b,
  change,
  onClose,
}: {
  brief: BriefDetail;
  change: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { workspaceId } = useCurrentWorkspace();
  const accept = useAcceptBrief(workspaceId, b.campaignId, b.id);
  const respond = useRespondChange(workspaceId, b.campaignId, b.id);
  const handleError = useApiErrorHandler();
  const form = useForm({
    initialValues: { name: '' },
    validate: {
      name: (v: string) =>
        v.trim().length < 2
          ? t('briefs.acceptForm.nameRequired')
          : v.trim().length > 200
            ? t('validation.maxLength', { max: 200 })
            : null,
    },
  });
  const onError = (error: unknown) => {
    if (isApiError(error, 'conflict')) {
      notifications.show({ color: 'red', title: t('errors.conflict'), message: t('briefs.conflict') });
      onClose();
    } else handleError(error, form);
  };
  const submit = form.onSubmit(({ name }) => {
    const done = () => {
      notifications.show({ color: 'teal', message: t('briefs.acceptedDone', { version: b.currentVersion }) });
      onClose();
    };
    if (change) {
      respond.mutate(
        { version: b.currentVersion, decision: 'accept', name: name.trim() },
        { onSuccess: done, onError },
      );
    } else accept.mutate({ version: b.currentVersion, name: name.trim() }, { onSuccess: done, onError });
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">
          {change
            ? t('briefs.acceptForm.changeText', { name: b.creatorName, version: b.currentVersion })
            : t('briefs.acceptForm.text', { name: b.creatorName, version: b.currentVersion })}
        </Text>
        <Alert color="blue" variant="light">
          {t('briefs.acceptForm.records')}
        </Alert>
        <TextInput
          label={t('briefs.acceptForm.name')}
          description={t('briefs.acceptForm.nameHint', { name: b.creatorName })}
          placeholder={b.creatorName}
          required
          data-autofocus
          data-testid="brief-accept-name"
          {...form.getInputProps('name')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            type="submit"
            color="teal"
            leftSection={<IconSignature size={16} aria-hidden />}
            loading={accept.isPending || respond.isPending}
            data-testid="brief-accept-submit"
          >
            {t('briefs.acceptForm.submit', { version: b.currentVersion })}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function DeclineForm({ brief: b, onClose }: { brief: BriefDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { workspaceId } = useCurrentWorkspace();
  const respond = useRespondChange(workspaceId, b.campaignId, b.id);
  const handleError = useApiErrorHandler();
  const form = useForm({ initialValues: { note: '' } });
  const submit = form.onSubmit(({ note }) =>
    respond.mutate(
      { version: b.currentVersion, decision: 'decline', ...(note.trim() ? { note: note.trim() } : {}) },
      {
        onSuccess: () => {
          notifications.show({
            color: 'teal',
            message: t('briefs.declinedDone', { version: b.acceptedVersion ?? '' }),
          });
          onClose();
        },
        onError: (error) => handleError(error, form),
      },
    ),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">
          {t('briefs.declineForm.text', { name: b.creatorName, version: b.acceptedVersion ?? '' })}
        </Text>
        <Textarea
          label={t('briefs.declineForm.note')}
          autosize
          minRows={2}
          data-testid="brief-cr-decline-note"
          {...form.getInputProps('note')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color="red" loading={respond.isPending} data-testid="brief-cr-decline-submit">
            {t('briefs.actions.declineChange')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
