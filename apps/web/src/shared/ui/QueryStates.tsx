import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';

export function PageLoader() {
  const { t } = useTranslation();
  return (
    <Center py="xl">
      <Loader size="md" role="status" aria-label={t('common.loading')} />
    </Center>
  );
}

export function FullPageLoader() {
  const { t } = useTranslation();
  return (
    <Center h="100vh">
      <Loader size="lg" role="status" aria-label={t('common.loading')} />
    </Center>
  );
}

/** What to show when a query failed: the translated error and a way to try again. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const code = error instanceof ApiError ? error.code : 'unknown';
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertTriangle size={18} aria-hidden />}
      title={t(`errors.${code}`)}
      role="alert"
    >
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{t(`errorHints.${code}`)}</Text>
        {onRetry ? (
          <Button size="xs" variant="light" color="red" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : null}
      </Stack>
    </Alert>
  );
}

/** A page the current role cannot use. */
export function OwnerOnly() {
  const { t } = useTranslation();
  return (
    <Alert
      color="gray"
      variant="light"
      icon={<IconLock size={18} aria-hidden />}
      title={t('roles.ownerOnlyTitle')}
    >
      {t('roles.ownerOnlyText')}
    </Alert>
  );
}
