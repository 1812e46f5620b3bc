import { Paper, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { SectionHeader } from '../ui/PageHeader.tsx';

/** One card of the workspace settings: a bordered box with its heading (see SectionHeader), then its fields. */
export function SettingsCard({
  testId,
  children,
  ...header
}: Parameters<typeof SectionHeader>[0] & { testId: string; children: ReactNode }) {
  return (
    <Paper withBorder p="lg" radius="md" maw={720} mt="lg" data-testid={testId}>
      <Stack gap="sm">
        <SectionHeader {...header} />
        {children}
      </Stack>
    </Paper>
  );
}
