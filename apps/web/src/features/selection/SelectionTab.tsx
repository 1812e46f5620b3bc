import {
  type CreatorScore,
  type Insight,
  insightKinds,
  issueSeverities,
  type PillarScore,
  type RatingCriterion,
  ratingCriteria,
} from '@evergreen/contracts';
import {
  Badge,
  Button,
  Group,
  NativeSelect,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API_BASE } from '../../shared/api/client.ts';
import { useFormatters } from '../../shared/i18n/format.ts';
import { QueryStates } from '../../shared/layout/ListPage.tsx';
import { SectionHeader } from '../../shared/ui/PageHeader.tsx';
import { PageLoader, QueryError } from '../../shared/ui/QueryStates.tsx';
import { ExportCsv } from '../performance/ui.tsx';
import { useOwnerOptions } from '../roster/CreatorFields.tsx';
import { useCurrentWorkspace } from '../workspaces/api.ts';
import {
  useCreatorIssues,
  useCreatorRatings,
  useCreatorScore,
  useInsights,
  useOpenIssue,
  useRateCreator,
  useRecordInsight,
  useSetOverride,
  useUpdateIssue,
} from './api.ts';
import { InsightSharingRow } from './InsightSharing.tsx';
import { InsightTags } from './InsightTags.tsx';
import { inputLabel, inputValueText, minimumText } from './selectionText.ts';

/** The creator page's "Partnership" tab: score and why, team ratings, gut call, issues, market insights. */
export function SelectionTab({ creatorId }: { creatorId: string }) {
  return (
    <Stack gap="lg" data-testid="selection-tab">
      <ScoreCard creatorId={creatorId} />
      <RatingsCard creatorId={creatorId} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <IssuesCard creatorId={creatorId} />
        <InsightsCard creatorId={creatorId} />
      </SimpleGrid>
    </Stack>
  );
}

function ScoreCard({ creatorId }: { creatorId: string }) {
  const { t } = useTranslation();
  const { workspaceId } = useCurrentWorkspace();
  const score = useCreatorScore(workspaceId, creatorId);
  if (score.isPending) return <PageLoader />;
  if (score.isError) return <QueryError error={score.error} onRetry={() => void score.refetch()} />;
  const s = score.data;
  return (
    <Paper withBorder radius="md" p="md" data-testid="selection-score-card">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Stack gap={4}>
            <Title order={2} size="h4">
              {t('selection.score.title')}
            </Title>
            <Group gap="sm" align="baseline" wrap="wrap">
              <Text fz={36} fw={700} lh={1} data-testid="selection-score">
                {s.score ?? '—'}
              </Text>
              <Text size="sm" c="dimmed">
                {s.score == null ? t('selection.score.notEnough') : t('selection.score.outOf')}
              </Text>
              {s.override ? (
                <Badge color="grape" variant="light" size="lg" data-testid="selection-override">
                  {t('selection.override.badge', { score: s.override.score })}
                </Badge>
              ) : null}
            </Group>
            <ScoreTrend history={s.history} />
            {s.override ? (
              <Text size="sm" c="dimmed" data-testid="selection-override-reason">
                {t('selection.override.by', { reason: s.override.reason, name: s.override.byName ?? '—' })}
              </Text>
            ) : null}
          </Stack>
          <Group gap="xs">
            {s.trajectory ? (
              <Badge
                color={s.trajectory === 'growing' ? 'green' : s.trajectory === 'declining' ? 'red' : 'gray'}
                variant="light"
                data-testid="selection-trajectory"
              >
                {t(`selection.trajectory.${s.trajectory}`)}
              </Badge>
            ) : null}
            <Badge
              color={s.eligibleForTier1 ? 'teal' : 'red'}
              variant="light"
              data-testid="selection-eligibility"
            >
              {s.eligibleForTier1
                ? t('selection.eligible')
                : t('selection.ineligible', { rating: s.professionalism ?? '' })}
            </Badge>
          </Group>
        </Group>
        <PillarsTable score={s} />
        <OverrideForm creatorId={creatorId} score={s} />
      </Stack>
    </Paper>
  );
}

/**
 * The score's history (docs/selection.md, "Score history"): the first and the last score of the
 * last 90 days in words, and a small line of every day kept (decorative: the words carry it).
 */
function ScoreTrend({ history }: { history: CreatorScore['history'] }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  if (history.length < 2) return null;
  const first = history[0]!;
  const last = history[history.length - 1]!;
  const w = 120;
  const h = 24;
  const step = w / (history.length - 1);
  const points = history.map((p, i) => `${(i * step).toFixed(1)},${(h - (p.score / 100) * h).toFixed(1)}`);
  const color =
    last.score < first.score
      ? 'var(--mantine-color-red-6)'
      : last.score > first.score
        ? 'var(--mantine-color-teal-6)'
        : 'var(--mantine-color-gray-6)';
  return (
    <Group gap="xs" wrap="wrap" data-testid="selection-score-trend">
      <svg width={w} height={h} viewBox={`0 0 ${w} ${h}`} aria-hidden focusable="false">
        <polyline points={points.join(' ')} fill="none" stroke={color} strokeWidth={2} />
      </svg>
      <Text size="sm" c="dimmed">
        {t('selection.score.trend', {
          from: first.score,
          fromDay: fmt.day(first.day),
          to: last.score,
          toDay: fmt.day(last.day),
        })}
      </Text>
    </Group>
  );
}

function PillarsTable({ score }: { score: CreatorScore }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table verticalSpacing="xs" data-testid="selection-pillars">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('selection.pillars.pillar')}</Table.Th>
            <Table.Th>{t('selection.pillars.score')}</Table.Th>
            <Table.Th>{t('selection.pillars.weight')}</Table.Th>
            <Table.Th>{t('selection.pillars.contribution')}</Table.Th>
            <Table.Th>{t('selection.pillars.inputs')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {score.pillars.map((p) => (
            <PillarRow key={p.pillar} p={p} currency={score.currency} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function PillarRow({ p, currency }: { p: PillarScore; currency: string }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  return (
    <Table.Tr data-testid={`selection-pillar-${p.pillar}`}>
      <Table.Td fw={600}>{t(`selection.pillars.${p.pillar}`)}</Table.Td>
      <Table.Td data-testid={`selection-pillar-${p.pillar}-score`}>
        {p.score ?? (
          <Text size="sm" c="dimmed">
            {t('selection.score.notEnoughShort')} · {minimumText(p.minimum, t)}
          </Text>
        )}
      </Table.Td>
      <Table.Td>{p.weight}</Table.Td>
      <Table.Td>{p.contribution == null ? '—' : fmt.number(p.contribution)}</Table.Td>
      <Table.Td>
        <Stack gap={2}>
          {p.inputs.map((i) => (
            <Text key={i.key} size="xs" data-testid={`selection-input-${i.key}`}>
              {inputLabel(i.key, t)}: {inputValueText(i, fmt, currency)}
              {i.roster != null
                ? ` (${t('selection.inputs.roster', { value: inputValueText({ ...i, value: i.roster }, fmt, currency) })})`
                : ''}
              {i.score != null ? ` → ${i.score}` : ''}
            </Text>
          ))}
        </Stack>
      </Table.Td>
    </Table.Tr>
  );
}

function OverrideForm({ creatorId, score }: { creatorId: string; score: CreatorScore }) {
  const { t } = useTranslation();
  const { workspaceId, canWrite } = useCurrentWorkspace();
  const save = useSetOverride(workspaceId, creatorId);
  const [value, setValue] = useState<number | string>(score.override?.score ?? '');
  const [reason, setReason] = useState(score.override?.reason ?? '');
  if (!canWrite) return null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (typeof value === 'number' && reason.trim()) save.mutate({ score: value, reason: reason.trim() });
  };
  return (
    <form onSubmit={submit} data-testid="selection-override-form">
      <Group align="flex-end" gap="sm" wrap="wrap">
        <NumberInput
          label={t('selection.override.score')}
          min={0}
          max={100}
          value={value}
          onChange={setValue}
          w={140}
          data-testid="selection-override-score"
        />
        <TextInput
          label={t('selection.override.reason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          style={{ flex: 1, minWidth: 200 }}
          data-testid="selection-override-reason-input"
        />
        <Button type="submit" variant="light" loading={save.isPending} data-testid="selection-override-save">
          {t('selection.override.save')}
        </Button>
        {score.override ? (
          <Button
            variant="subtle"
            color="gray"
            onClick={() => save.mutate(null)}
            data-testid="selection-override-clear"
          >
            {t('selection.override.clear')}
          </Button>
        ) : null}
      </Group>
      {save.isError ? (
        <Text size="sm" c="red" mt={4}>
          {save.error.message}
        </Text>
      ) : null}
    </form>
  );
}

function RatingsCard({ creatorId }: { creatorId: string }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const { workspaceId, canWrite } = useCurrentWorkspace();
  const ratings = useCreatorRatings(workspaceId, creatorId);
  const rate = useRateCreator(workspaceId, creatorId);
  const [draft, setDraft] = useState<Partial<Record<RatingCriterion, { score: string; note: string }>>>({});
  if (ratings.isPending) return <PageLoader />;
  if (ratings.isError) return <QueryError error={ratings.error} onRetry={() => void ratings.refetch()} />;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const list = ratingCriteria.flatMap((criterion) => {
      const d = draft[criterion];
      return d?.score ? [{ criterion, score: Number(d.score), note: d.note.trim() || null }] : [];
    });
    if (list.length) rate.mutate(list, { onSuccess: () => setDraft({}) });
  };
  return (
    <Paper withBorder radius="md" p="md" data-testid="selection-ratings">
      <form onSubmit={submit}>
        <Stack gap="sm">
          <SectionHeader title={t('selection.ratings.title')} description={t('selection.ratings.help')} />
          {ratings.data.current.map((c) => (
            <Group
              key={c.criterion}
              gap="sm"
              align="flex-end"
              wrap="wrap"
              data-testid={`selection-rating-${c.criterion}`}
            >
              <Stack gap={0} style={{ flex: '1 1 14rem' }}>
                <Text size="sm" fw={500}>
                  {t(`selection.criteria.${c.criterion}`)}
                </Text>
                <Text size="xs" c="dimmed" data-testid={`selection-rating-${c.criterion}-current`}>
                  {c.mean == null
                    ? t('selection.ratings.none')
                    : t('selection.ratings.current', { mean: c.mean, count: c.raters })}
                </Text>
              </Stack>
              {canWrite ? (
                <>
                  <NativeSelect
                    aria-label={t('selection.ratings.scoreFor', {
                      criterion: t(`selection.criteria.${c.criterion}`),
                    })}
                    value={draft[c.criterion]?.score ?? ''}
                    onChange={(e) => {
                      const score = e.currentTarget.value;
                      setDraft((d) => ({ ...d, [c.criterion]: { note: d[c.criterion]?.note ?? '', score } }));
                    }}
                    data={[
                      { value: '', label: '—' },
                      ...['1', '2', '3', '4', '5'].map((v) => ({ value: v, label: v })),
                    ]}
                    w={80}
                    data-testid={`selection-rate-${c.criterion}`}
                  />
                  <TextInput
                    aria-label={t('selection.ratings.noteFor', {
                      criterion: t(`selection.criteria.${c.criterion}`),
                    })}
                    placeholder={t('selection.ratings.note')}
                    value={draft[c.criterion]?.note ?? ''}
                    onChange={(e) => {
                      const note = e.currentTarget.value;
                      setDraft((d) => ({
                        ...d,
                        [c.criterion]: { score: d[c.criterion]?.score ?? '', note },
                      }));
                    }}
                    style={{ flex: '2 1 12rem' }}
                  />
                </>
              ) : null}
            </Group>
          ))}
          {canWrite ? (
            <Group>
              <Button type="submit" loading={rate.isPending} data-testid="selection-rate-save">
                {t('selection.ratings.save')}
              </Button>
            </Group>
          ) : null}
          {ratings.data.history.length ? (
            <Stack gap={2} data-testid="selection-rating-history">
              <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
                {t('selection.ratings.history')}
              </Text>
              {ratings.data.history.slice(0, 20).map((h) => (
                <Text key={`${h.at}-${h.criterion}-${h.byUserId}`} size="xs" c="dimmed">
                  {fmt.day(h.at.slice(0, 10))} · {h.byName ?? '—'} · {t(`selection.criteria.${h.criterion}`)}:{' '}
                  {h.score}
                  {h.note ? ` — ${h.note}` : ''}
                </Text>
              ))}
            </Stack>
          ) : null}
        </Stack>
      </form>
    </Paper>
  );
}

function IssuesCard({ creatorId }: { creatorId: string }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const { workspaceId, canWrite } = useCurrentWorkspace();
  const issues = useCreatorIssues(workspaceId, creatorId);
  const open = useOpenIssue(workspaceId, creatorId);
  const update = useUpdateIssue(workspaceId, creatorId);
  const [title, setTitle] = useState('');
  const [severity, setSeverity] = useState<(typeof issueSeverities)[number]>('medium');
  const [owner, setOwner] = useState('');
  const [resolution, setResolution] = useState<Record<string, string>>({});
  const owners = useOwnerOptions(workspaceId);
  // The team to choose from, and whoever owns an issue now though no longer in the team.
  const ownerData = (current: string | null) => [
    { value: '', label: t('selection.issues.noOwner') },
    ...owners,
    ...(current && !owners.some((o) => o.value === current)
      ? [{ value: current, label: t('creator.formerMember') }]
      : []),
  ];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (title.trim())
      open.mutate(
        { title: title.trim(), severity, ownerUserId: owner || null },
        { onSuccess: () => setTitle('') },
      );
  };
  return (
    <Paper withBorder radius="md" p="md" data-testid="selection-issues">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Title order={2} size="h4">
            {t('selection.issues.title')}
          </Title>
          {issues.data?.length ? (
            <ExportCsv
              href={`${API_BASE}/workspaces/${workspaceId}/creators/${creatorId}/issues.csv`}
              testId="selection-issues-csv"
            />
          ) : null}
        </Group>
        <QueryStates
          query={issues}
          isEmpty={(result) => result.length === 0}
          empty={
            <Text size="sm" c="dimmed">
              {t('selection.issues.none')}
            </Text>
          }
        >
          {(result) =>
            result.map((i) => (
              <Stack key={i.id} gap={4} data-testid={`selection-issue-${i.id}`}>
                <Group gap="xs" wrap="wrap">
                  <Badge
                    color={i.severity === 'high' ? 'red' : i.severity === 'medium' ? 'orange' : 'gray'}
                    variant="light"
                  >
                    {t(`selection.severity.${i.severity}`)}
                  </Badge>
                  <Badge color={i.status === 'open' ? 'yellow' : 'teal'} variant="outline">
                    {t(`selection.issues.status.${i.status}`)}
                  </Badge>
                  <Text size="sm" fw={500}>
                    {i.title}
                  </Text>
                </Group>
                <Text size="xs" c="dimmed">
                  {t('selection.issues.opened', { date: fmt.day(i.openedOn) })}
                  {i.ownerName ? ` · ${t('selection.issues.owner', { name: i.ownerName })}` : ''}
                  {i.escalatedTo ? ` · ${t('selection.issues.escalatedTo', { to: i.escalatedTo })}` : ''}
                  {i.resolution ? ` · ${i.resolution}` : ''}
                </Text>
                {canWrite && i.status === 'open' ? (
                  <Group gap="xs" wrap="wrap">
                    <NativeSelect
                      size="xs"
                      aria-label={t('selection.issues.ownerOf', { title: i.title })}
                      value={i.ownerUserId ?? ''}
                      onChange={(e) =>
                        update.mutate({ issueId: i.id, ownerUserId: e.currentTarget.value || null })
                      }
                      data={ownerData(i.ownerUserId)}
                      data-testid={`selection-issue-owner-${i.id}`}
                    />
                    <TextInput
                      size="xs"
                      aria-label={t('selection.issues.resolution')}
                      placeholder={t('selection.issues.resolution')}
                      value={resolution[i.id] ?? ''}
                      onChange={(e) => {
                        const v = e.currentTarget.value;
                        setResolution((r) => ({ ...r, [i.id]: v }));
                      }}
                      style={{ flex: 1, minWidth: 160 }}
                    />
                    <Button
                      size="xs"
                      variant="light"
                      disabled={!resolution[i.id]?.trim()}
                      onClick={() =>
                        update.mutate({
                          issueId: i.id,
                          status: 'resolved',
                          resolution: resolution[i.id]!.trim(),
                        })
                      }
                    >
                      {t('selection.issues.resolve')}
                    </Button>
                    <Button
                      size="xs"
                      variant="subtle"
                      onClick={() => update.mutate({ issueId: i.id, escalate: true })}
                    >
                      {t('selection.issues.escalate')}
                    </Button>
                  </Group>
                ) : null}
              </Stack>
            ))
          }
        </QueryStates>
        {update.isError ? (
          <Text size="sm" c="red">
            {update.error.message}
          </Text>
        ) : null}
        {canWrite ? (
          <form onSubmit={submit}>
            <Group gap="xs" align="flex-end" wrap="wrap">
              <TextInput
                label={t('selection.issues.new')}
                value={title}
                onChange={(e) => setTitle(e.currentTarget.value)}
                style={{ flex: 1, minWidth: 160 }}
                data-testid="selection-issue-title"
              />
              <NativeSelect
                label={t('selection.issues.severity')}
                value={severity}
                onChange={(e) => setSeverity(e.currentTarget.value as (typeof issueSeverities)[number])}
                data={issueSeverities.map((s) => ({ value: s, label: t(`selection.severity.${s}`) }))}
              />
              <NativeSelect
                label={t('selection.issues.ownerLabel')}
                value={owner}
                onChange={(e) => setOwner(e.currentTarget.value)}
                data={ownerData(null)}
                data-testid="selection-issue-owner"
              />
              <Button
                type="submit"
                variant="light"
                loading={open.isPending}
                data-testid="selection-issue-add"
              >
                {t('selection.issues.add')}
              </Button>
            </Group>
          </form>
        ) : null}
      </Stack>
    </Paper>
  );
}

function InsightsCard({ creatorId }: { creatorId: string }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const { workspaceId, canWrite } = useCurrentWorkspace();
  const insights = useInsights(workspaceId, { creatorId });
  const record = useRecordInsight(workspaceId, creatorId);
  const [kind, setKind] = useState<Insight['kind']>('trend');
  const [market, setMarket] = useState('');
  const [product, setProduct] = useState('');
  const [body, setBody] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) return;
    record.mutate(
      {
        kind,
        market: market.trim().toUpperCase() || null,
        product: product.trim() || null,
        body: body.trim(),
      },
      { onSuccess: () => setBody('') },
    );
  };
  return (
    <Paper withBorder radius="md" p="md" data-testid="selection-insights">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('selection.insights.title')}
        </Title>
        <QueryStates
          query={insights}
          isEmpty={(data) => data.length === 0}
          empty={
            <Text size="sm" c="dimmed">
              {t('selection.insights.none')}
            </Text>
          }
        >
          {(data) =>
            data.map((i) => (
              <Stack key={i.id} gap={2}>
                <InsightTags insight={i} dense>
                  <Text size="xs" c="dimmed">
                    {fmt.day(i.heardOn)}
                  </Text>
                </InsightTags>
                <Text size="sm">{i.body}</Text>
                <InsightSharingRow ws={workspaceId} insight={i} canWrite={canWrite} />
              </Stack>
            ))
          }
        </QueryStates>
        {record.isError ? (
          <Text size="sm" c="red">
            {record.error.message}
          </Text>
        ) : null}
        {canWrite ? (
          <form onSubmit={submit}>
            <Stack gap="xs">
              <Group gap="xs" wrap="wrap">
                <NativeSelect
                  label={t('selection.insights.kindLabel')}
                  value={kind}
                  onChange={(e) => setKind(e.currentTarget.value as Insight['kind'])}
                  data={insightKinds.map((k) => ({ value: k, label: t(`selection.insights.kind.${k}`) }))}
                />
                <TextInput
                  label={t('selection.insights.market')}
                  value={market}
                  maxLength={2}
                  onChange={(e) => setMarket(e.currentTarget.value)}
                  w={90}
                />
                <TextInput
                  label={t('selection.insights.product')}
                  value={product}
                  onChange={(e) => setProduct(e.currentTarget.value)}
                  style={{ flex: 1, minWidth: 120 }}
                />
              </Group>
              <Textarea
                label={t('selection.insights.body')}
                value={body}
                onChange={(e) => setBody(e.currentTarget.value)}
                autosize
                minRows={2}
                data-testid="selection-insight-body"
              />
              <Group>
                <Button
                  type="submit"
                  variant="light"
                  loading={record.isPending}
                  data-testid="selection-insight-add"
                >
                  {t('selection.insights.add')}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : null}
      </Stack>
    </Paper>
  );
}
