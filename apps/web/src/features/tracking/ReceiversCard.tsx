import type { ReceiverKind, ReceiverSettings, ReceiverTestResult } from '@evergreen/contracts';
import { Alert, Badge, Button, Code, Group, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiErrorHandler } from '../../shared/api/useApiErrorHandler.ts';
import { useFormatters } from '../../shared/i18n/format.ts';
import { QueryStates } from '../../shared/layout/ListPage.tsx';
import { SettingsCard } from '../../shared/layout/SettingsCard.tsx';
import { ConfirmButton } from '../../shared/ui/ConfirmButton.tsx';
import { CopyField } from '../../shared/ui/CopyField.tsx';
import { useReceivers, useSendReceiverTest, useSetReceiverSecret } from './api.ts';

/**
 * Settings → Workspace, owners only: the native Shopify and WooCommerce order receivers — each
 * one's URL to paste into the platform, the secret pasted back from it, "send a test" and the last
 * deliveries with what happened to each (docs/orders-webhook.md).
 */
export function ReceiversCard({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const receivers = useReceivers(workspaceId);
  return (
    <SettingsCard
      testId="order-receivers"
      title={t('orders.receivers.title')}
      description={
        <>
          {t('orders.receivers.description')} <Code>docs/orders-webhook.md</Code>
        </>
      }
    >
      <QueryStates query={receivers}>
        {(data) => data.map((r) => <Receiver key={r.kind} workspaceId={workspaceId} receiver={r} />)}
      </QueryStates>
    </SettingsCard>
  );
}

const OUTCOME_COLOR: Record<string, string> = {
  accepted: 'teal',
  duplicate: 'gray',
  ignored: 'gray',
  test: 'blue',
  unauthorized: 'red',
  invalid: 'orange',
};

function Receiver({ workspaceId, receiver }: { workspaceId: string; receiver: ReceiverSettings }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const kind: ReceiverKind = receiver.kind;
  const [secret, setSecret] = useState('');
  const [tested, setTested] = useState<ReceiverTestResult | null>(null);
  const save = useSetReceiverSecret(workspaceId, kind);
  const test = useSendReceiverTest(workspaceId, kind);
  const handleError = useApiErrorHandler();
  const name = t(`orders.receivers.${kind}.name`);

  const doSave = (value: string) =>
    save.mutateAsync(value).then(
      (r) => {
        setSecret('');
        notifications.show({
          color: 'teal',
          message: r.configured
            ? t('orders.receivers.saved', { name })
            : t('orders.receivers.cleared', { name }),
        });
      },
      (error: unknown) => handleError(error),
    );
  const doTest = () =>
    test.mutateAsync().then(
      (r) => setTested(r),
      (error: unknown) => handleError(error),
    );

  return (
    <Paper withBorder p="md" radius="sm" data-testid={`receiver-${kind}`}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={3} size="h5">
            {name}
          </Title>
          <Badge
            variant="light"
            color={receiver.configured ? 'teal' : 'gray'}
            tt="none"
            data-testid={`receiver-${kind}-status`}
          >
            {receiver.configured ? t('orders.receivers.on') : t('orders.receivers.off')}
          </Badge>
        </Group>
        <Text size="sm">{t(`orders.receivers.${kind}.steps`)}</Text>
        <CopyField label={t('orders.receivers.url')} value={receiver.url} testId={`receiver-${kind}-url`} />
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (secret.trim()) void doSave(secret);
          }}
        >
          <Group align="flex-end" gap="xs" wrap="wrap">
            <PasswordInput
              style={{ flex: '1 1 220px' }}
              label={t('orders.receivers.secret')}
              description={t(`orders.receivers.${kind}.secretHelp`)}
              placeholder={receiver.configured ? t('orders.receivers.secretStored') : undefined}
              value={secret}
              onChange={(e) => setSecret(e.currentTarget.value)}
              autoComplete="off"
              data-testid={`receiver-${kind}-secret`}
            />
            <Button
              type="submit"
              loading={save.isPending}
              disabled={!secret.trim()}
              data-testid={`receiver-${kind}-save`}
            >
              {t('orders.receivers.save')}
            </Button>
          </Group>
        </form>
        <Group gap="xs" wrap="wrap">
          <Button
            variant="default"
            leftSection={<IconSend size={16} aria-hidden />}
            onClick={() => void doTest()}
            loading={test.isPending}
            disabled={!receiver.configured}
            data-testid={`receiver-${kind}-test`}
          >
            {t('orders.receivers.test')}
          </Button>
          {receiver.configured ? (
            <ConfirmButton
              variant="subtle"
              color="red"
              title={t('orders.receivers.turnOffTitle', { name })}
              message={t('orders.receivers.turnOffText', { name })}
              onConfirm={() => doSave('')}
              testId={`receiver-${kind}-off`}
            >
              {t('orders.receivers.turnOff')}
            </ConfirmButton>
          ) : null}
        </Group>
        {tested ? (
          <Alert
            color={tested.ok ? 'teal' : 'red'}
            variant="light"
            title={
              tested.ok
                ? t('orders.receivers.testOk', { status: tested.httpStatus })
                : tested.httpStatus === null
                  ? t('orders.receivers.testUnreached')
                  : t('orders.receivers.testFailed', { status: tested.httpStatus })
            }
            data-testid={`receiver-${kind}-test-result`}
          >
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {tested.message}
            </Text>
          </Alert>
        ) : null}
        <Text size="sm" fw={600}>
          {t('orders.receivers.deliveries')}
        </Text>
        {receiver.deliveries.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('orders.receivers.noDeliveries')}
          </Text>
        ) : (
          <Stack gap={0} data-testid={`receiver-${kind}-deliveries`}>
            {receiver.deliveries.map((d, i) => (
              <Stack
                // biome-ignore lint/suspicious/noArrayIndexKey: deliveries in one second are alike; the list is never reordered
                key={`${d.receivedAt}-${i}`}
                gap={2}
                py={6}
                style={{ borderTop: i ? '1px solid var(--mantine-color-default-border)' : undefined }}
              >
                <Group gap="xs" wrap="wrap">
                  <Badge
                    variant="light"
                    color={OUTCOME_COLOR[d.outcome] ?? 'gray'}
                    tt="none"
                    style={{ flexShrink: 0 }}
                  >
                    {t(`orders.receivers.outcomes.${d.outcome}`, { defaultValue: d.outcome })} ·{' '}
                    {d.httpStatus}
                  </Badge>
                  <Text size="xs" c="dimmed">
                    {fmt.dateTime(d.receivedAt)}
                  </Text>
                  {d.topic ? <Code>{d.topic}</Code> : null}
                </Group>
                {d.message ? (
                  <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
                    {d.message}
                  </Text>
                ) : null}
              </Stack>
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
