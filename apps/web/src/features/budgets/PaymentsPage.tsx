import type { Payment } from '@evergreen/contracts';

import {
  Button,
  Group,
  Modal,
  Pagination,
  ScrollArea,
  SegmentedControl,
  Select,
  Stack,
  Text,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconRefresh } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { API_BASE } from '../../shared/api/client.ts';
import { useApiErrorHandler } from '../../shared/api/useApiErrorHandler.ts';
import { useFormatters } from '../../shared/i18n/format.ts';
import { EmptyText, QueryStates } from '../../shared/layout/ListPage.tsx';
import { formatMoney } from '../../shared/money.ts';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { useCreatorOptions } from '../tracking/api.ts';
import { useCurrentWorkspace } from '../workspaces/api.ts';
import { type PaymentQuery, useGeneratePayments, useOnTime, usePayment, usePayments } from './api.ts';
import { OnTimePanel } from './OnTimePanel.tsx';
import { InvoicesPanel, PayForm } from './PaymentForms.tsx';
import { PaymentsTable } from './PaymentsTable.tsx';

/** What the list shows: what needs doing (the default), what is late, what was paid, or all. */
const views = ['action', 'overdue', 'paid', 'all'] as const;

type View = (typeof views)[number];

const PAGE_SIZE = 25;

const viewQuery: Record<View, Pick<PaymentQuery, 'open' | 'overdue' | 'status'>> = {
  action: { open: true },
  overdue: { overdue: true },
  paid: { status: 'paid' },
  all: {},
};

export function PaymentsPage() {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const { workspaceId, canWrite } = useCurrentWorkspace();
  const [view, setView] = useState<View>('action');
  const [creatorId, setCreatorId] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const query: PaymentQuery = {
    ...viewQuery[view],
    ...(creatorId ? { creatorId } : {}),
    sort: 'action',
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  };
  const payments = usePayments(workspaceId, query);
  const creatorOptions = useCreatorOptions(workspaceId);
  const onTime = useOnTime(workspaceId);
  const generate = useGeneratePayments(workspaceId);
  const handleError = useApiErrorHandler();
  const [paying, setPaying] = useState<Payment | null>(null);
  const [invoicesOf, setInvoicesOf] = useState<Payment | null>(null);
  const [params, setParams] = useSearchParams();
  const payId = params.get('pay');
  const linked = usePayment(workspaceId, payId);

  // "Mark paid" from Today arrives as ?pay=<id>: open that payment's form, wherever it is in the
  // list; if it is no longer owed (paid meanwhile), say so instead of opening nothing.
  useEffect(() => {
    if (!payId || (!linked.data && !linked.isError)) return;
    const p = linked.data;
    if (p && canWrite && (p.status === 'scheduled' || p.status === 'partially_paid')) setPaying(p);
    else if (p)
      notifications.show({
        color: 'blue',
        message: t('payments.linkedNotOpen', {
          creator: p.creatorName,
          status: t(`payments.statuses.${p.status}`),
        }),
      });
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.delete('pay');
        return next;
      },
      { replace: true },
    );
  }, [payId, linked.data, linked.isError, canWrite, setParams, t]);

  const total = payments.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const owed = payments.data?.owed ?? [];

  const runGenerate = () =>
    generate.mutate(undefined, {
      onSuccess: (result) =>
        notifications.show({ color: 'teal', message: t('payments.generated', { count: result.created }) }),
      onError: (error) => handleError(error),
    });

  return (
    <>
      <PageHeader
        title={t('payments.title')}
        description={t('payments.description')}
        actions={
          <Group gap="sm">
            <Button
              component="a"
              href={`${API_BASE}/workspaces/${workspaceId}/payments/export.csv`}
              download
              variant="default"
              leftSection={<IconDownload size={16} aria-hidden />}
              data-testid="payments-export"
            >
              {t('payments.export')}
            </Button>
            {canWrite ? (
              <Button
                leftSection={<IconRefresh size={16} aria-hidden />}
                onClick={runGenerate}
                loading={generate.isPending}
                data-testid="payments-generate"
              >
                {t('payments.generate')}
              </Button>
            ) : null}
          </Group>
        }
      />
      <Stack gap="lg">
        <Group gap="sm" align="flex-end" wrap="wrap" data-testid="payments-filters">
          <Stack gap={4} style={{ maxWidth: '100%' }}>
            <Text size="sm" fw={500} id="payments-view-label">
              {t('payments.view.label')}
            </Text>
            <ScrollArea type="auto" offsetScrollbars style={{ maxWidth: '100%' }}>
              <SegmentedControl
                aria-labelledby="payments-view-label"
                value={view}
                onChange={(v) => {
                  setView(v as View);
                  setPage(1);
                }}
                data={views.map((v) => ({ value: v, label: t(`payments.view.${v}`) }))}
                data-testid="payments-view"
              />
            </ScrollArea>
          </Stack>
          <Select
            label={t('payments.filters.creator')}
            placeholder={t('payments.filters.anyCreator')}
            data={creatorOptions.data ?? []}
            value={creatorId}
            onChange={(v) => {
              setCreatorId(v);
              setPage(1);
            }}
            searchable
            clearable
            w={240}
            maw="100%"
            data-testid="payments-filter-creator"
          />
        </Group>
        {payments.data ? (
          <Text size="sm" c="dimmed" data-testid="payments-summary">
            {t(`payments.summary.${view}`, { count: total })}
            {owed.length > 0
              ? ` · ${t('payments.summary.owed', {
                  amounts: owed.map((o) => formatMoney(o.amountMinor, o.currency, fmt.lng)).join(', '),
                })}`
              : ''}
          </Text>
        ) : null}
        <QueryStates
          query={payments}
          isEmpty={(data) => data.payments.length === 0}
          empty={
            <EmptyText size="sm" testId="payments-empty">
              {view === 'all' && !creatorId
                ? canWrite
                  ? t('payments.emptyGenerate')
                  : t('payments.empty')
                : t(`payments.nothing.${view}`)}
            </EmptyText>
          }
        >
          {(data) => (
            <PaymentsTable
              workspaceId={workspaceId}
              payments={data.payments}
              canWrite={canWrite}
              onPay={setPaying}
              onInvoices={setInvoicesOf}
            />
          )}
        </QueryStates>
        {pages > 1 ? (
          <Group justify="center">
            <Pagination
              total={pages}
              value={Math.min(page, pages)}
              onChange={setPage}
              siblings={0}
              getControlProps={(control) => ({
                'aria-label': t(`payments.page.${control}`),
              })}
              getItemProps={(n) => ({ 'aria-label': t('payments.page.number', { page: n }) })}
              data-testid="payments-pagination"
            />
          </Group>
        ) : null}
        <OnTimePanel query={onTime} />
      </Stack>
      <Modal opened={paying !== null} onClose={() => setPaying(null)} title={t('payments.payTitle')} centered>
        {paying ? (
          <PayForm
            key={paying.id}
            workspaceId={workspaceId}
            payment={paying}
            onDone={() => setPaying(null)}
          />
        ) : null}
      </Modal>
      <Modal
        opened={invoicesOf !== null}
        onClose={() => setInvoicesOf(null)}
        title={t('payments.invoices.title')}
        size="lg"
        centered
      >
        {invoicesOf ? (
          <InvoicesPanel
            key={invoicesOf.id}
            workspaceId={workspaceId}
            payment={invoicesOf}
            canWrite={canWrite}
          />
        ) : null}
      </Modal>
    </>
  );
}
