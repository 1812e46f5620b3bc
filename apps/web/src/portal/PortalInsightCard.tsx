import type { PortalLearned } from '@evergreen/contracts';
import { Card, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { InsightTags } from '../features/selection/InsightTags.tsx';
import { useFormatters } from '../shared/i18n/format.ts';

/** An insight in the portal: its tags and the day it was heard, then `children` (its text). */
export function PortalInsightCard({
  insight,
  testId,
  children,
}: {
  insight: PortalLearned;
  testId: string;
  children: ReactNode;
}) {
  const f = useFormatters();
  return (
    <Card withBorder radius="md" padding="sm" data-testid={testId}>
      <Stack gap={4}>
        <InsightTags insight={insight}>
          <Text size="xs" c="dimmed">
            {f.day(insight.heardOn)}
          </Text>
        </InsightTags>
        {children}
      </Stack>
    </Card>
  );
}
