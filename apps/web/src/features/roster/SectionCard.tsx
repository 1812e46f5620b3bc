import { Group, Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A boxed part of a creator's profile (payment details, portal access, monthly summary): its icon
 * and title, a dimmed line on what it is for, then its content. With `actions` (even `null`, for a
 * reader who may not act) the title and line stand on the left and the actions on the right.
 */
export function SectionCard({
  icon,
  title,
  intro,
  testId,
  actions,
  children,
}: {
  icon: ReactNode;
  title: ReactNode;
  intro: ReactNode;
  testId: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const heading = (
    <Group gap="xs">
      {icon}
      <Text fw={600}>{title}</Text>
    </Group>
  );
  const line = (
    <Text size="sm" c="dimmed">
      {intro}
    </Text>
  );
  return (
    <Paper withBorder radius="md" p="lg" data-testid={testId}>
      {actions === undefined ? (
        <Stack gap="sm">
          {heading}
          {line}
          {children}
        </Stack>
      ) : (
        <Stack gap="md">
          <Group justify="space-between" align="flex-start">
            <Stack gap={4}>
              {heading}
              {line}
            </Stack>
            {actions}
          </Group>
          {children}
        </Stack>
      )}
    </Paper>
  );
}
