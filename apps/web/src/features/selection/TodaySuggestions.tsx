import type { SelectionSuggestion } from '@evergreen/contracts';
import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatters } from '../../shared/i18n/format.ts';
import { TierBadge } from '../roster/CreatorBadges.tsx';
import { useDecideSuggestion } from './api.ts';
import { reasonText } from './selectionText.ts';

/** Today's selection section: promote, review, move to alumni, each with its reasons; accept or dismiss in one click. */
export function TodaySuggestions({
  suggestions,
  workspaceId,
  canWrite,
}: {
  suggestions: SelectionSuggestion[];
  workspaceId: string;
  canWrite: boolean;
}) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const decide = useDecideSuggestion(workspaceId);
  if (!suggestions.length) return null;
  return (
    <Stack
      gap="sm"
      component="section"
      aria-labelledby="today-suggestions-heading"
      data-testid="today-suggestions"
    >
      <Title order={2} size="h4" id="today-suggestions-heading">
        {t('selection.today.title')}
      </Title>
      {suggestions.map((s) => {
        const busy =
          decide.isPending && decide.variables?.creatorId === s.creatorId && decide.variables.kind === s.kind;
        return (
          <Paper
            key={`${s.kind}-${s.creatorId}`}
            withBorder
            radius="md"
            p="md"
            data-testid={`today-suggestion-${s.kind}-${s.creatorId}`}
          >
            <Group justify="space-between" align="flex-start" gap="md">
              <Stack gap={4} style={{ flex: '1 1 16rem', minWidth: 0 }}>
                <Group gap="xs" wrap="wrap">
                  <Badge
                    color={s.kind === 'promote' ? 'teal' : s.kind === 'review' ? 'orange' : 'gray'}
                    variant="light"
                  >
                    {t(`selection.today.kind.${s.kind}`)}
                  </Badge>
                  <Anchor
                    component={Link}
                    to={`/w/${workspaceId}/creators/${s.creatorId}?tab=partnership`}
                    fw={600}
                  >
                    {s.creatorName}
                  </Anchor>
                  <TierBadge tier={s.tier} size="sm" />
                  {s.score != null ? (
                    <Text size="sm" c="dimmed">
                      {t('selection.today.score', { score: s.score })}
                    </Text>
                  ) : null}
                </Group>
                <Text size="sm" c="dimmed">
                  {s.reasons.map((r) => reasonText(r, t, fmt)).join(' · ')}
                </Text>
              </Stack>
              {canWrite ? (
                <Group gap="xs">
                  <Button
                    size="sm"
                    loading={busy && decide.variables?.decision === 'accept'}
                    disabled={busy}
                    onClick={() =>
                      decide.mutate({ kind: s.kind, creatorId: s.creatorId, decision: 'accept' })
                    }
                    data-testid={`today-suggestion-accept-${s.kind}-${s.creatorId}`}
                  >
                    {t(`selection.today.accept.${s.kind}`)}
                  </Button>
                  <Button
                    size="sm"
                    variant="default"
                    disabled={busy}
                    onClick={() =>
                      decide.mutate({ kind: s.kind, creatorId: s.creatorId, decision: 'dismiss' })
                    }
                    data-testid={`today-suggestion-dismiss-${s.kind}-${s.creatorId}`}
                  >
                    {t('selection.today.dismiss')}
                  </Button>
                </Group>
              ) : null}
            </Group>
          </Paper>
        );
      })}
      {decide.isError ? (
        <Text size="sm" c="red">
          {decide.error.message}
        </Text>
      ) : null}
    </Stack>
  );
}
