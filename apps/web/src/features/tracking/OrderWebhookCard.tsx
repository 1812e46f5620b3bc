import { Alert, Badge, Button, Code, Group, Text } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiErrorHandler } from '../../shared/api/useApiErrorHandler.ts';
import { useFormatters } from '../../shared/i18n/format.ts';
import { QueryStates } from '../../shared/layout/ListPage.tsx';
import { SettingsCard } from '../../shared/layout/SettingsCard.tsx';
import { ConfirmButton } from '../../shared/ui/ConfirmButton.tsx';
import { CopyField } from '../../shared/ui/CopyField.tsx';
import { useOrderWebhook, useRotateWebhookSecret } from './api.ts';

/** Settings → Workspace, owners only: the order webhook's URL, its secret (shown once) and how to sign. */
export function OrderWebhookCard({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const settings = useOrderWebhook(workspaceId, true);
  const rotate = useRotateWebhookSecret(workspaceId);
  const handleError = useApiErrorHandler();
  const [secret, setSecret] = useState<string | null>(null);

  const doRotate = () =>
    rotate.mutateAsync().then(
      (rotated) => setSecret(rotated.secret),
      (error: unknown) => handleError(error),
    );

  return (
    <SettingsCard
      testId="order-webhook"
      title={t('orders.webhook.title')}
      description={t('orders.webhook.description')}
      aside={
        settings.data ? (
          <Badge
            variant="light"
            color={settings.data.configured ? 'teal' : 'gray'}
            tt="none"
            data-testid="order-webhook-status"
          >
            {settings.data.configured ? t('orders.webhook.on') : t('orders.webhook.off')}
          </Badge>
        ) : null
      }
    >
      <QueryStates query={settings}>
        {(data) => (
          <>
            <CopyField label={t('orders.webhook.url')} value={data.url} testId="order-webhook-url" />
            {data.rotatedAt ? (
              <Text size="xs" c="dimmed">
                {t('orders.webhook.rotatedAt', { date: fmt.dateTime(data.rotatedAt) })}
              </Text>
            ) : null}
            {secret ? (
              <Alert
                color="yellow"
                variant="light"
                icon={<IconAlertTriangle size={18} aria-hidden />}
                title={t('orders.webhook.secretOnce')}
              >
                <CopyField label={t('orders.webhook.secret')} value={secret} testId="order-webhook-secret" />
              </Alert>
            ) : null}
            <Text size="sm">
              {t('orders.webhook.howTo')} <Code>X-Evergreen-Timestamp</Code>,{' '}
              <Code>X-Evergreen-Signature: sha256=…</Code> — {t('orders.webhook.docs')}{' '}
              <Code>docs/orders-webhook.md</Code>
            </Text>
            <Group>
              {data.configured ? (
                <ConfirmButton
                  variant="default"
                  leftSection={<IconRefresh size={16} aria-hidden />}
                  title={t('orders.webhook.rotateTitle')}
                  message={t('orders.webhook.rotateText')}
                  onConfirm={doRotate}
                  testId="order-webhook-rotate"
                >
                  {t('orders.webhook.rotate')}
                </ConfirmButton>
              ) : (
                <Button
                  leftSection={<IconRefresh size={16} aria-hidden />}
                  onClick={() => void doRotate()}
                  loading={rotate.isPending}
                  data-testid="order-webhook-rotate"
                >
                  {t('orders.webhook.create')}
                </Button>
              )}
            </Group>
          </>
        )}
      </QueryStates>
    </SettingsCard>
  );
}
