import { Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A page's title (its one h1) with a line of description and the page's actions. On a narrow screen
 * the actions wrap below the title instead of pushing the page wider than the screen.
 */
export function PageHeader({
  title,
  description,
  actions,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <Group justify="space-between" align="flex-start" mb="lg" gap="sm" wrap="wrap">
      <Stack gap={4} style={{ flex: '1 1 16rem', minWidth: 0 }}>
        <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>
          {title}
        </Title>
        {description ? (
          <Text c="dimmed" size="sm">
            {description}
          </Text>
        ) : null}
      </Stack>
      {actions}
    </Group>
  );
}

/**
 * The heading of a part of a page (an h2 unless `order` says 3) and, under it, the dimmed line that
 * says what the part is for; `aside` stands at the heading's right (a status badge); `id` is the
 * heading's, for the section it names (`aria-labelledby`).
 */
export function SectionHeader({
  title,
  description,
  aside,
  order = 2,
  id,
}: {
  title: ReactNode;
  description?: ReactNode;
  aside?: ReactNode;
  order?: 2 | 3;
  id?: string;
}) {
  const heading = (
    <Title order={order} size={order === 2 ? 'h4' : 'h5'} id={id}>
      {title}
    </Title>
  );
  return (
    <>
      {aside === undefined ? (
        heading
      ) : (
        <Group justify="space-between">
          {heading}
          {aside}
        </Group>
      )}
      {description ? (
        <Text size="sm" c="dimmed">
          {description}
        </Text>
      ) : null}
    </>
  );
}
