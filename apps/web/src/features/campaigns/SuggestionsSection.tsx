import type { CampaignDetail, Suggestion } from '@evergreen/contracts';
import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatters } from '../../shared/i18n/format.ts';
import { SectionHeader } from '../../shared/ui/PageHeader.tsx';
import { PageLoader, QueryError } from '../../shared/ui/QueryStates.tsx';
import { StatusBadge, TierBadge } from '../roster/CreatorBadges.tsx';
import { useCurrentWorkspace } from '../workspaces/api.ts';
import { useSuggestions } from './api.ts';
import { reasonText, signedPoints } from './reasons.ts';

const SHOWN = 8;

/** Creators ranked for the campaign, each with the points of every factor and why. */
export function SuggestionsSection({
  campaign,
  canAssign,
  onAssign,
}: {
  campaign: CampaignDetail;
  canAssign: boolean;
  onAssign: (creatorId: string, creatorName: string) => void;
}) {
  const { t } = useTranslation();
  const { workspaceId } = useCurrentWorkspace();
  const suggestions = useSuggestions(workspaceId, campaign.id);
  const [all, setAll] = useState(false);
  const list = suggestions.data?.suggestions ?? [];
  const shown = all ? list : list.slice(0, SHOWN);

  return (
    <Stack gap="sm" data-testid="campaign-suggestions">
      <Stack gap={2}>
        <SectionHeader
          title={t('campaigns.suggestions.title')}
          description={t('campaigns.suggestions.text')}
        />
      </Stack>
      {suggestions.isPending ? (
        <PageLoader />
      ) : suggestions.isError ? (
        <QueryError error={suggestions.error} onRetry={() => void suggestions.refetch()} />
      ) : list.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('campaigns.suggestions.none')}
        </Text>
      ) : (
        <>
          {shown.map((s, i) => (
            <SuggestionRow
              key={s.creatorId}
              rank={i + 1}
              suggestion={s}
              campaign={campaign}
              canAssign={canAssign}
              onAssign={() => onAssign(s.creatorId, s.displayName)}
            />
          ))}
          {list.length > SHOWN ? (
            <Group>
              <Button variant="subtle" onClick={() => setAll(!all)} data-testid="suggestions-toggle">
                {all
                  ? t('campaigns.suggestions.showFewer')
                  : t('campaigns.suggestions.showAll', { count: list.length })}
              </Button>
            </Group>
          ) : null}
        </>
      )}
    </Stack>
  );
}

function SuggestionRow({
  rank,
  suggestion: s,
  campaign,
  canAssign,
  onAssign,
}: {
  rank: number;
  suggestion: Suggestion;
  campaign: CampaignDetail;
  canAssign: boolean;
  onAssign: () => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const { workspaceId } = useCurrentWorkspace();
  const short = s.warnings.find((w) => w.code === 'short_lead_time');
  return (
    <Paper withBorder radius="md" p="sm" data-testid={`suggestion-row-${s.creatorId}`}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
        <Group gap="md" align="flex-start" wrap="nowrap" style={{ minWidth: 0, flex: 1 }}>
          <Stack gap={0} align="center" w={56} style={{ flexShrink: 0 }}>
            <Text size="xl" fw={700} lh={1.1} data-testid={`suggestion-score-${s.creatorId}`}>
              {fmt.number(s.score)}
            </Text>
            <Text size="xs" c="dimmed">
              {t('campaigns.suggestions.points', { count: s.score })}
            </Text>
          </Stack>
          <Stack gap={6} style={{ minWidth: 0, flex: 1 }}>
            <Group gap="xs" wrap="wrap">
              <Text size="sm" c="dimmed">
                {rank}.
              </Text>
              <Anchor component={Link} to={`/w/${workspaceId}/creators/${s.creatorId}`} fw={600}>
                {s.displayName}
              </Anchor>
              <TierBadge tier={s.tier} size="sm" />
              <StatusBadge status={s.status} size="sm" />
              {s.markets.length ? (
                <Text size="xs" c="dimmed">
                  {s.markets.join(', ')}
                </Text>
              ) : null}
              {short ? (
                <Tooltip
                  label={t('campaigns.suggestions.shortLeadTime', {
                    starts: fmt.days(short.daysUntilStart),
                    lead: fmt.days(short.leadTimeDays),
                  })}
                  withArrow
                  multiline
                  w={260}
                >
                  <Badge
                    color="orange"
                    variant="light"
                    tt="none"
                    size="sm"
                    leftSection={<IconAlertTriangle size={12} aria-hidden />}
                  >
                    {t('campaigns.suggestions.shortLeadTimeBadge')}
                  </Badge>
                </Tooltip>
              ) : null}
            </Group>
            <SimpleGrid
              cols={{ base: 1, sm: 2, lg: 3 }}
              spacing={6}
              verticalSpacing={4}
              data-testid={`suggestion-reasons-${s.creatorId}`}
            >
              {s.reasons.map((r) => (
                <Group key={r.factor} gap={6} wrap="nowrap" align="flex-start" data-factor={r.factor}>
                  <Text
                    size="xs"
                    fw={700}
                    w={34}
                    ta="right"
                    style={{ flexShrink: 0, fontVariantNumeric: 'tabular-nums' }}
                    c={r.points > 0 ? 'teal' : r.points < 0 ? 'red' : 'dimmed'}
                  >
                    {signedPoints(r.points)}
                  </Text>
                  <Text size="xs">
                    <Text span inherit fw={600}>
                      {t(`campaigns.factors.${r.factor}`)}
                    </Text>
                    {': '}
                    {reasonText(r, s, campaign, t, fmt.lng)}
                  </Text>
                </Group>
              ))}
            </SimpleGrid>
          </Stack>
        </Group>
        {canAssign ? (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconUserPlus size={14} aria-hidden />}
            onClick={onAssign}
            data-testid={`suggestion-assign-${s.creatorId}`}
            style={{ flexShrink: 0 }}
          >
            {t('campaigns.suggestions.assign')}
          </Button>
        ) : null}
      </Group>
    </Paper>
  );
}
