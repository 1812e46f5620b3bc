import type { Payment } from '@evergreen/contracts';

import { Anchor, Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconCash, IconFileInvoice } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { intlLocale, useFormatters } from '../../shared/i18n/format.ts';
import { DataTable, useHeadings } from '../../shared/layout/ListPage.tsx';
import { formatMoney } from '../../shared/money.ts';
import { MutationConfirmButton } from '../../shared/ui/MutationConfirmButton.tsx';
import { useCancelPayment } from './api.ts';

export type PaymentStatus = Payment['status'];

export const statusColors: Record<PaymentStatus, string> = {
  scheduled: 'blue',
  partially_paid: 'yellow',
  paid: 'teal',
  cancelled: 'gray',
};

/** "July 2026", "июль 2026": lower case in Russian, as it follows a comma. */
export function monthYear(day: string, lng: string): string {
  return new Intl.DateTimeFormat(intlLocale(lng), { month: 'long', year: 'numeric', timeZone: 'UTC' })
    .format(new Date(`${day}T00:00:00Z`))
    .replace(/\s*г\.$/, '');
}

/** The payments of the list, a row each: what it is for, when due, how much, its state and what can be done. */
export function PaymentsTable({
  workspaceId,
  payments,
  canWrite,
  onPay,
  onInvoices,
}: {
  workspaceId: string;
  payments: Payment[];
  canWrite: boolean;
  onPay: (payment: Payment) => void;
  onInvoices: (payment: Payment) => void;
}) {
  const { t } = useTranslation();
  const heading = useHeadings('payments.columns');
  const fmt = useFormatters();
  const cancel = useCancelPayment(workspaceId);
  return (
    <DataTable
      minWidth={900}
      testId="payments-table"
      columns={[
        ...heading('creator', 'for', 'due', { key: 'amount', right: true }, 'status', 'paid'),
        t('common.actions'),
      ]}
    >
      {payments.map((p) => {
        const open = p.status === 'scheduled' || p.status === 'partially_paid';
        return (
          <Table.Tr key={p.id} data-testid={`payment-row-${p.id}`} data-status={p.status}>
            <Table.Td>
              <Anchor
                component={Link}
                to={`/w/${workspaceId}/creators/${p.creatorId}`}
                size="sm"
                style={{ whiteSpace: 'nowrap' }}
              >
                {p.creatorName}
              </Anchor>
            </Table.Td>
            <Table.Td>
              <Text size="sm">
                {p.periodOn
                  ? t('payments.forRetainer', { month: monthYear(p.periodOn, fmt.lng) })
                  : p.deliverableId
                    ? t('payments.forDeliverable')
                    : t('payments.forOther')}
              </Text>
              {p.agreementId ? (
                <Anchor component={Link} to={`/w/${workspaceId}/agreements/${p.agreementId}`} size="xs">
                  {t('payments.openAgreement')}
                </Anchor>
              ) : null}
            </Table.Td>
            <Table.Td>
              <Text
                size="sm"
                c={p.overdue ? 'red' : undefined}
                fw={p.overdue ? 600 : undefined}
                style={{ whiteSpace: 'nowrap' }}
              >
                {fmt.day(p.dueOn)}
              </Text>
              {p.overdue ? (
                <Badge
                  size="xs"
                  color="red"
                  variant="filled"
                  tt="none"
                  data-testid={`payment-overdue-${p.id}`}
                >
                  {t('payments.overdue')}
                </Badge>
              ) : null}
            </Table.Td>
            <Table.Td ta="right">
              <Text size="sm" fw={500} style={{ whiteSpace: 'nowrap' }}>
                {formatMoney(p.amountMinor, p.currency, fmt.lng)}
              </Text>
              {p.reporting && p.reporting.currency !== p.currency ? (
                <Text
                  size="xs"
                  c="dimmed"
                  style={{ whiteSpace: 'nowrap' }}
                  data-testid={`payment-reporting-${p.id}`}
                >
                  ≈ {formatMoney(p.reporting.amountMinor, p.reporting.currency, fmt.lng)}
                </Text>
              ) : null}
            </Table.Td>
            <Table.Td>
              <Badge
                variant="light"
                color={statusColors[p.status]}
                tt="none"
                styles={{ label: { overflow: 'visible' } }}
                data-testid={`payment-status-${p.id}`}
              >
                {t(`payments.statuses.${p.status}`)}
              </Badge>
            </Table.Td>
            <Table.Td>
              {p.paidMinor > 0 ? (
                <Stack gap={0}>
                  <Text size="sm">{formatMoney(p.paidMinor, p.currency, fmt.lng)}</Text>
                  <Text size="xs" c="dimmed">
                    {[p.paidOn ? fmt.day(p.paidOn) : null, p.reference].filter(Boolean).join(' · ')}
                  </Text>
                </Stack>
              ) : (
                <Text size="sm" c="dimmed">
                  —
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                <Button
                  size="xs"
                  variant="subtle"
                  leftSection={<IconFileInvoice size={14} aria-hidden />}
                  onClick={() => onInvoices(p)}
                  data-testid={`payment-invoices-${p.id}`}
                >
                  {t('payments.invoices.open')}
                </Button>
                {canWrite && open ? (
                  <>
                    <Button
                      size="xs"
                      variant="light"
                      leftSection={<IconCash size={14} aria-hidden />}
                      onClick={() => onPay(p)}
                      data-testid={`payment-pay-${p.id}`}
                    >
                      {t('payments.markPaid')}
                    </Button>
                    {p.paidMinor === 0 ? (
                      <MutationConfirmButton
                        mutation={cancel}
                        variables={p.id}
                        done={() => t('payments.cancelled')}
                        title={t('payments.cancelTitle')}
                        message={t('payments.cancelMessage', {
                          amount: formatMoney(p.amountMinor, p.currency, fmt.lng),
                          creator: p.creatorName,
                        })}
                        confirmLabel={t('payments.cancelConfirm')}
                        testId={`payment-cancel-${p.id}`}
                      >
                        {t('payments.cancel')}
                      </MutationConfirmButton>
                    ) : null}
                  </>
                ) : null}
              </Group>
            </Table.Td>
          </Table.Tr>
        );
      })}
    </DataTable>
  );
}
