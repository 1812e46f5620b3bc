import { Button, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CenteredPanel } from './PublicLayout.tsx';

export function NotFoundPanel() {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" align="flex-start" data-testid="not-found">
      <Title order={1} size="h2">
        {t('notFound.title')}
      </Title>
      <Text c="dimmed">{t('notFound.text')}</Text>
      <Button component={Link} to="/" variant="light">
        {t('notFound.home')}
      </Button>
    </Stack>
  );
}

export function NotFoundPage() {
  return (
    <CenteredPanel>
      <NotFoundPanel />
    </CenteredPanel>
  );
}
