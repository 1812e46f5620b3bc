import { Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A portal page's one heading and, where it has one, the dimmed line on what the page is for. */
export function PortalPageTitle({ title, intro }: { title: ReactNode; intro?: ReactNode }) {
  return (
    <>
      <Title order={1} size="h3">
        {title}
      </Title>
      {intro ? (
        <Text size="sm" c="dimmed">
          {intro}
        </Text>
      ) : null}
    </>
  );
}
