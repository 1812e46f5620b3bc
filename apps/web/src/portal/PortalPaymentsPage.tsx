import { Badge, Button, Card, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PaymentForm } from '../features/roster/PaymentSection.tsx';
import { useApiErrorHandler } from '../shared/api/useApiErrorHandler.ts';
import { useFormatters } from '../shared/i18n/format.ts';
import { formatMoney } from '../shared/money.ts';
import { PageLoader, QueryError } from '../shared/ui/QueryStates.tsx';
import { usePortalPaymentDetails, usePortalPayments, useSetPortalPaymentDetails } from './api.ts';
import { notifyDone } from './notify.ts';
import { usePortal } from './PortalLayout.tsx';

/** The creator's payments (amounts, due dates, paid or not) and their own payment details. */
export function PortalPaymentsPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'en';
  const f = useFormatters();
  const { ws } = usePortal();
  const list = usePortalPayments(ws);
  return (
    <Stack gap="md">
      <Title order={1} size="h3">
        {t('portal.sections.payments')}
      </Title>
      <PaymentDetailsCard ws={ws} />
      {list.isPending ? <PageLoader /> : null}
      {list.isError ? <QueryError error={list.error} onRetry={() => list.refetch()} /> : null}
      {list.data?.length === 0 ? <Text c="dimmed">{t('portal.payments.empty')}</Text> : null}
      {list.data?.map((p) => (
        <Card key={p.id} withBorder radius="md" padding="sm" data-testid="portal-payment">
          <Group justify="space-between" wrap="nowrap">
            <Stack gap={0}>
              <Text fw={600}>{formatMoney(p.amountMinor, p.currency, lng)}</Text>
              <Text size="sm" c="dimmed">
                {p.status === 'paid' && p.paidOn
                  ? t('portal.payments.paidOn', { date: f.day(p.paidOn) })
                  : t('portal.payments.dueOn', { date: f.day(p.dueOn) })}
              </Text>
            </Stack>
            <Badge
              variant="light"
              color={p.status === 'paid' ? 'teal' : p.overdue ? 'red' : 'gray'}
              data-testid="portal-payment-status"
              data-status={p.status}
            >
              {p.overdue ? t('portal.payments.overdue') : t(`portal.payments.status.${p.status}`)}
            </Badge>
          </Group>
        </Card>
      ))}
    </Stack>
  );
}

function PaymentDetailsCard({ ws }: { ws: string }) {
  const { t } = useTranslation();
  const details = usePortalPaymentDetails(ws);
  const save = useSetPortalPaymentDetails(ws);
  const handleError = useApiErrorHandler();
  const [editing, setEditing] = useState(false);
  return (
    <Paper withBorder radius="md" p="md" data-testid="portal-payment-details">
      <Stack gap="xs">
        <Text fw={600}>{t('portal.payments.detailsTitle')}</Text>
        <Text size="sm" c="dimmed">
          {t('portal.payments.detailsIntro')}
        </Text>
        {details.data?.present ? (
          <Text ff="monospace" fw={600} data-testid="portal-payment-mask">
            {details.data.mask ?? '••••'}
          </Text>
        ) : (
          <Text size="sm">{t('portal.payments.noDetails')}</Text>
        )}
        <Button
          variant="default"
          size="sm"
          onClick={() => setEditing(true)}
          data-testid="portal-payment-edit"
        >
          {details.data?.present ? t('portal.payments.updateDetails') : t('portal.payments.addDetails')}
        </Button>
      </Stack>
      <Modal
        opened={editing}
        onClose={() => setEditing(false)}
        title={t('portal.payments.detailsTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {editing ? (
          <PaymentForm
            initial={null}
            replacing={!!details.data?.present}
            saving={save.isPending}
            onCancel={() => setEditing(false)}
            onSubmit={(d, form) =>
              save.mutate(d, {
                onSuccess: () => {
                  setEditing(false);
                  notifyDone(t('portal.payments.saved'));
                },
                onError: (error) =>
                  handleError(error, form, {
                    'paymentDetails.method': 'method',
                    'paymentDetails.accountHolder': 'accountHolder',
                    'paymentDetails.account': 'account',
                    'paymentDetails.bank': 'bank',
                    'paymentDetails.notes': 'notes',
                  }),
              })
            }
          />
        ) : null}
      </Modal>
    </Paper>
  );
}
