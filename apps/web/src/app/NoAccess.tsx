import { Button, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** A workspace id the user is not a member of (or that does not exist: we do not say which). */
export function NoAccessPanel() {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" align="flex-start" data-testid="workspace-no-access">
      <Title order={1} size="h2">
        {t('noAccess.title')}
      </Title>
      <Text c="dimmed">{t('noAccess.text')}</Text>
      <Button component={Link} to="/" variant="light">
        {t('notFound.home')}
      </Button>
    </Stack>
  );
}
