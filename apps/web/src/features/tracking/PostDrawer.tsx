import type { Deliverable, MetricSnapshot } from '@evergreen/contracts';
import {
  Anchor,
  Badge,
  Button,
  Drawer,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconEdit, IconExternalLink, IconPlus } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatters } from '../../shared/i18n/format.ts';
import { formatMoney } from '../../shared/money.ts';
import { PageLoader, QueryError } from '../../shared/ui/QueryStates.tsx';
import { useDeliverableTypeLabel } from '../campaigns/BriefForm.tsx';
import { screenshotUrl, usePost, usePostScreenshots } from './api.ts';
import { formatRate, postStatusColors } from './rules.ts';
import { SnapshotForm } from './SnapshotForm.tsx';

/** A post's facts and every snapshot, with "Add snapshot" by hand. */
export function PostDrawer({
  workspaceId,
  postId,
  creatorNames,
  canWrite,
  onClose,
  onEdit,
}: {
  workspaceId: string;
  postId: string | null;
  creatorNames: Map<string, string>;
  canWrite: boolean;
  onClose: () => void;
  onEdit: (post: Deliverable) => void;
}) {
  const { t } = useTranslation();
  const post = usePost(workspaceId, postId);
  return (
    <Drawer
      opened={postId !== null}
      onClose={onClose}
      position="right"
      size="xl"
      title={
        <Title order={2} size="h4">
          {(post.data && creatorNames.get(post.data.deliverable.creatorId)) ?? t('posts.post')}
        </Title>
      }
    >
      {postId === null ? null : post.isPending ? (
        <PageLoader />
      ) : post.isError ? (
        <QueryError error={post.error} onRetry={() => void post.refetch()} />
      ) : (
        <PostDetail
          workspaceId={workspaceId}
          post={post.data.deliverable}
          snapshots={post.data.snapshots}
          canWrite={canWrite}
          onEdit={onEdit}
        />
      )}
    </Drawer>
  );
}

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text size="sm" fw={500} data-testid={testId} component="div">
        {children}
      </Text>
    </Stack>
  );
}

function PostDetail({
  workspaceId,
  post: d,
  snapshots,
  canWrite,
  onEdit,
}: {
  workspaceId: string;
  post: Deliverable;
  snapshots: MetricSnapshot[];
  canWrite: boolean;
  onEdit: (post: Deliverable) => void;
}) {
  const { t } = useTranslation();
  const typeLabel = useDeliverableTypeLabel();
  const fmt = useFormatters();
  const [adding, setAdding] = useState(false);
  const n = (value: number | null) => (value === null ? '—' : fmt.number(value));
  return (
    <Stack gap="md" data-testid="post-detail">
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="xs">
            <Text fw={600}>{typeLabel(d.type)}</Text>
            <Badge variant="light" color={postStatusColors[d.status]} tt="none">
              {t(`posts.statuses.${d.status}`)}
            </Badge>
            {d.sponsored ? null : (
              <Badge variant="outline" color="gray" tt="none">
                {t('posts.filters.organic')}
              </Badge>
            )}
          </Group>
          {d.title ? <Text size="sm">{d.title}</Text> : null}
          <Group gap="md">
            <Anchor component={Link} to={`/w/${workspaceId}/creators/${d.creatorId}?tab=tracking`} size="sm">
              {t('posts.openCreator')}
            </Anchor>
            {d.url && /^https?:\/\//i.test(d.url) ? (
              <Anchor href={d.url} target="_blank" rel="noopener noreferrer" size="sm">
                {t('posts.openPost')} <IconExternalLink size={12} aria-hidden style={{ verticalAlign: -1 }} />
              </Anchor>
            ) : null}
          </Group>
        </Stack>
        {canWrite ? (
          <Button
            variant="default"
            size="xs"
            leftSection={<IconEdit size={14} aria-hidden />}
            onClick={() => onEdit(d)}
            data-testid="post-edit"
          >
            {t('posts.edit')}
          </Button>
        ) : null}
      </Group>
      <Paper withBorder radius="md" p="md">
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
          <Fact label={t('posts.columns.ordinal')} testId="post-detail-ordinal">
            {d.ordinal === null ? '—' : `#${d.ordinal}`}
          </Fact>
          <Fact label={t('posts.fields.dueOn')}>{d.dueOn ? fmt.day(d.dueOn) : '—'}</Fact>
          <Fact label={t('posts.fields.postedAt')}>{d.postedAt ? fmt.dateTime(d.postedAt) : '—'}</Fact>
          <Fact label={t('posts.fields.cost')}>
            {d.costMinor !== null && d.costCurrency ? formatMoney(d.costMinor, d.costCurrency, fmt.lng) : '—'}
          </Fact>
          <Fact label={t('posts.columns.rate')} testId="post-detail-rate">
            {formatRate(d.engagementRate, fmt.lng)}
          </Fact>
          <Fact label={t('posts.columns.day1')}>{formatRate(d.day1Rate, fmt.lng)}</Fact>
          <Fact label={t('posts.columns.day7')}>{formatRate(d.day7Rate, fmt.lng)}</Fact>
          <Fact label={t('posts.counts.reach')}>{n(d.latestReach ?? d.latestImpressions)}</Fact>
        </SimpleGrid>
      </Paper>
      <Group justify="space-between">
        <Title order={3} size="h5">
          {t('posts.snapshots.title')}
        </Title>
        {canWrite && !adding ? (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => setAdding(true)}
            data-testid="snapshot-add"
          >
            {t('posts.snapshots.add')}
          </Button>
        ) : null}
      </Group>
      {adding ? <SnapshotForm workspaceId={workspaceId} post={d} onDone={() => setAdding(false)} /> : null}
      {snapshots.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('posts.snapshots.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing={4} fz="sm" data-testid="snapshots-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('posts.snapshots.capturedAt')}</Table.Th>
                <Table.Th ta="right">{t('posts.counts.impressions')}</Table.Th>
                <Table.Th ta="right">{t('posts.counts.reach')}</Table.Th>
                <Table.Th ta="right">{t('posts.snapshots.engagements')}</Table.Th>
                <Table.Th ta="right">{t('posts.counts.clicks')}</Table.Th>
                <Table.Th ta="right">{t('posts.columns.rate')}</Table.Th>
                <Table.Th>{t('posts.snapshots.source')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {snapshots.map((s) => (
                <Table.Tr key={s.id} data-testid={`snapshot-${s.id}`}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {fmt.dateTime(s.capturedAt)}
                    {s.ageSeconds !== null && s.ageSeconds >= 0 ? (
                      <Text span size="xs" c="dimmed">
                        {' · '}
                        {t('posts.snapshots.age', { hours: Math.floor(s.ageSeconds / 3600) })}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td ta="right">{n(s.impressions)}</Table.Td>
                  <Table.Td ta="right">{n(s.reach)}</Table.Td>
                  <Table.Td ta="right">{fmt.number(s.engagements)}</Table.Td>
                  <Table.Td ta="right">{n(s.clicks)}</Table.Td>
                  <Table.Td ta="right">{formatRate(s.engagementRate, fmt.lng)}</Table.Td>
                  <Table.Td>{t(`posts.snapshots.sources.${s.source}`)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Screenshots workspaceId={workspaceId} deliverableId={d.id} />
    </Stack>
  );
}

/** Screenshots of the post's numbers (sent by the creator in the portal), to download. */
function Screenshots({ workspaceId, deliverableId }: { workspaceId: string; deliverableId: string }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const shots = usePostScreenshots(workspaceId, deliverableId);
  if (!shots.data?.length) return null;
  return (
    <Stack gap={4} data-testid="post-screenshots">
      <Text fw={600} size="sm">
        {t('posts.screenshots.title')}
      </Text>
      {shots.data.map((s) => (
        <Group key={s.id} gap="xs" wrap="nowrap">
          <Anchor
            href={screenshotUrl(workspaceId, deliverableId, s.id)}
            download={s.filename}
            size="sm"
            style={{ overflowWrap: 'anywhere' }}
            data-testid={`post-screenshot-${s.id}`}
          >
            {s.filename}
          </Anchor>
          <Text size="xs" c="dimmed">
            {t(s.byCreator ? 'posts.screenshots.byCreator' : 'posts.screenshots.byTeam', {
              date: fmt.day(s.uploadedAt.slice(0, 10)),
            })}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}
