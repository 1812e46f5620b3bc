import { Alert, Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import type { UseQueryResult } from '@tanstack/react-query';
import type { CSSProperties, ReactNode } from 'react';
import { Link } from 'react-router';
import { isApiError } from '../api/client.ts';
import { PageLoader, QueryError } from '../ui/QueryStates.tsx';

/**
 * The scaffold of a page about one thing (a creator, a campaign, a brief, an agreement): the link back
 * to where it lives, what to show while it loads or when it is gone, and its header.
 */

/** "← Back to …" above an entity's page. */
export function BackLink({ to, testId, children }: { to: string; testId: string; children: ReactNode }) {
  return (
    <Anchor component={Link} to={to} size="sm" data-testid={testId}>
      <Group gap={4} component="span">
        <IconArrowLeft size={14} aria-hidden />
        {children}
      </Group>
    </Anchor>
  );
}

/**
 * An entity's query: the loader; "not found" (a grey alert under the back link) when the API says
 * not_found; any other error with Retry; else the page.
 */
export function EntityQuery<T>({
  query,
  back,
  notFound,
  children,
}: {
  query: UseQueryResult<T>;
  /** The link back, shown above "not found" and errors (none: they stand alone). */
  back?: ReactNode;
  notFound: { title: string; text: ReactNode; testId?: string | undefined };
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <PageLoader />;
  if (query.isError) {
    const error = isApiError(query.error, 'not_found') ? (
      <Alert color="gray" variant="light" title={notFound.title} data-testid={notFound.testId}>
        {notFound.text}
      </Alert>
    ) : (
      <QueryError error={query.error} onRetry={() => void query.refetch()} />
    );
    if (back === undefined) return error;
    return (
      <Stack gap="md" align="flex-start">
        {back}
        {error}
      </Stack>
    );
  }
  return <>{children(query.data)}</>;
}

/**
 * An entity's header: its name (the page's h1) with its badges, a line of facts under them, and its
 * actions on the right (wrapping below on a narrow screen).
 */
export function EntityHeader({
  title,
  titleTestId,
  badges,
  meta,
  actions,
  gap = 8,
}: {
  title: ReactNode;
  titleTestId: string;
  badges?: ReactNode;
  meta?: ReactNode;
  actions?: ReactNode;
  gap?: number;
}) {
  return (
    <Group justify="space-between" align="flex-start" gap="md">
      <Stack gap={gap} style={{ minWidth: 0, flex: 1 }}>
        <Group gap="sm" wrap="wrap">
          <Title order={1} size="h2" style={{ wordBreak: 'break-word' }} data-testid={titleTestId}>
            {title}
          </Title>
          {badges}
        </Group>
        {meta}
      </Stack>
      {actions}
    </Group>
  );
}

/**
 * A labelled fact on an entity's page: a small upper-case label over its value. `testId` names the
 * whole fact, or with `boxed` only the value (in a block of its own).
 */
export function Fact({
  label,
  children,
  testId,
  boxed = false,
  style,
}: {
  label: string;
  children: ReactNode;
  testId?: string | undefined;
  boxed?: boolean;
  style?: CSSProperties;
}) {
  return (
    <Stack gap={2} style={style} data-testid={boxed ? undefined : testId}>
      <FactLabel>{label}</FactLabel>
      {boxed ? <div data-testid={testId}>{children}</div> : children}
    </Stack>
  );
}

/** The small upper-case label of a fact or a figure. */
export function FactLabel({ children }: { children: ReactNode }) {
  return (
    <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
      {children}
    </Text>
  );
}
