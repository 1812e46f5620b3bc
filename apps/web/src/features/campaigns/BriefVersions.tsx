import type { BriefDetail, BriefVersion } from '@evergreen/contracts';
import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../shared/i18n/format.ts';
import { platformNames } from '../roster/handles.ts';
import { BriefDiffView } from './BriefDiff.tsx';
import { useDeliverableTypeLabel } from './BriefForm.tsx';

export function VersionContent({ version: v }: { version: BriefVersion }) {
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

export function VersionEntry({ brief: b, version: v }: { brief: BriefDetail; version: BriefVersion }) {
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
        {v.decisionNote ? (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid={`brief-decision-note-${v.version}`}>
            <Text span inherit fw={600}>
              {t('briefs.declineReason')}:
            </Text>{' '}
            {v.decisionNote}
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

/** A change the creator was asked to accept: what changed against the accepted version, and the answers. */
export function ChangeRequest({
  brief: b,
  pending,
  canWrite,
  onAccept,
  onDecline,
}: {
  brief: BriefDetail;
  pending: BriefVersion;
  canWrite: boolean;
  onAccept: () => void;
  onDecline: () => void;
}) {
  const { t } = useTranslation();
  return (
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
                onClick={onAccept}
                data-testid="brief-cr-accept"
              >
                {t('briefs.actions.acceptChange')}
              </Button>
              <Button
                variant="default"
                color="red"
                leftSection={<IconX size={16} aria-hidden />}
                onClick={onDecline}
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
  );
}

/** Every acceptance of the brief: which version, by whom, when and from where. */
export function Acceptances({ brief: b }: { brief: BriefDetail }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  if (!b.acceptances.length) return null;
  return (
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
  );
}
