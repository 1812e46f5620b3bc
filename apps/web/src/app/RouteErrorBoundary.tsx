import { Button, Code, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { ApiError } from '../shared/api/client.ts';
import { NotFoundPage, NotFoundPanel } from './NotFound.tsx';
import { CenteredPanel } from './PublicLayout.tsx';

/** Shown instead of a page that crashed while rendering or loading. */
export function RouteErrorBoundary({ inShell = false }: { inShell?: boolean }) {
  const { t } = useTranslation();
  const error = useRouteError();

  if (isRouteErrorResponse(error) && error.status === 404)
    return inShell ? <NotFoundPanel /> : <NotFoundPage />;

  const detail =
    error instanceof ApiError
      ? t(`errors.${error.code}`)
      : error instanceof Error
        ? error.message
        : isRouteErrorResponse(error)
          ? `${error.status} ${error.statusText}`
          : String(error);

  const content = (
    <Stack gap="sm" align="flex-start" role="alert" data-testid="error-boundary">
      <Title order={1} size="h2">
        {t('errorBoundary.title')}
      </Title>
      <Text c="dimmed">{t('errorBoundary.text')}</Text>
      {detail ? <Code block>{detail}</Code> : null}
      <Group>
        <Button onClick={() => window.location.reload()}>{t('errorBoundary.reload')}</Button>
        <Button variant="default" component="a" href="/">
          {t('notFound.home')}
        </Button>
      </Group>
    </Stack>
  );
  return inShell ? content : <CenteredPanel>{content}</CenteredPanel>;
}
