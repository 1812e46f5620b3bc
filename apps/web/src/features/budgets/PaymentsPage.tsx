import { INVOICE_MAX_BYTES, invoiceContentTypes, type Payment } from '@evergreen/contracts';
import { isDay, utcToday } from '@evergreen/rules';

type PaymentStatus = Payment['status'];

import {
  Anchor,
  Badge,
  Button,
  Collapse,
  Group,
  Modal,
  Pagination,
  Paper,
  Progress,
  ScrollArea,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import {
  IconCalendarDollar,
  IconCash,
  IconDownload,
  IconFileInvoice,
  IconRefresh,
  IconUpload,
} from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { API_BASE } from '../../shared/api/client.ts';
import { useApiErrorHandler } from '../../shared/api/useApiErrorHandler.ts';
import { intlLocale, useFormatters } from '../../shared/i18n/format.ts';
import { currencyDigits, formatMoney, minorToInput, parseAmount } from '../../shared/money.ts';
import { ConfirmButton } from '../../shared/ui/ConfirmButton.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { PageLoader, QueryError } from '../../shared/ui/QueryStates.tsx';
import { useCreatorOptions } from '../tracking/api.ts';
import { useCurrentWorkspace } from '../workspaces/api.ts';
import {
  invoiceUrl,
  type OnTimeRow,
  type PaymentQuery,
  useCancelPayment,
  useDeleteInvoice,
  useGeneratePayments,
  useOnTime,
  usePayment,
  usePaymentInvoices,
  usePayments,
  usePayPayment,
  useUploadInvoice,
} from './api.ts';
import { onTimePercent } from './rules.ts';

const statusColors: Record<PaymentStatus, string> = {
  scheduled: 'blue',
  partially_paid: 'yellow',
  paid: 'teal',
  cancelled: 'gray',
};

/** "July 2026", "июль 2026": lower case in Russian, as it follows a comma. */
function monthYear(day: string, lng: string): string {
  return new Intl.DateTimeFormat(intlLocale(lng), { month: 'long', year: 'numeric', timeZone: 'UTC' })
    .format(new Date(`${day}T00:00:00Z`))
    .replace(/\s*г\.$/, '');
}

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
  const cancel = useCancelPayment(workspaceId);
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

  const rows = payments.data?.payments ?? [];
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
        {payments.isPending ? (
          <PageLoader />
        ) : payments.isError ? (
          <QueryError error={payments.error} onRetry={() => void payments.refetch()} />
        ) : rows.length === 0 ? (
          <Text c="dimmed" size="sm" data-testid="payments-empty">
            {view === 'all' && !creatorId
              ? canWrite
                ? t('payments.emptyGenerate')
                : t('payments.empty')
              : t(`payments.nothing.${view}`)}
          </Text>
        ) : (
          <Paper withBorder radius="md">
            <Table.ScrollContainer minWidth={900}>
              <Table verticalSpacing="sm" data-testid="payments-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('payments.columns.creator')}</Table.Th>
                    <Table.Th>{t('payments.columns.for')}</Table.Th>
                    <Table.Th>{t('payments.columns.due')}</Table.Th>
                    <Table.Th ta="right">{t('payments.columns.amount')}</Table.Th>
                    <Table.Th>{t('payments.columns.status')}</Table.Th>
                    <Table.Th>{t('payments.columns.paid')}</Table.Th>
                    <Table.Th>{t('common.actions')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((p) => {
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
                            <Anchor
                              component={Link}
                              to={`/w/${workspaceId}/agreements/${p.agreementId}`}
                              size="xs"
                            >
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
                                {[p.paidOn ? fmt.day(p.paidOn) : null, p.reference]
                                  .filter(Boolean)
                                  .join(' · ')}
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
                              onClick={() => setInvoicesOf(p)}
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
                                  onClick={() => setPaying(p)}
                                  data-testid={`payment-pay-${p.id}`}
                                >
                                  {t('payments.markPaid')}
                                </Button>
                                {p.paidMinor === 0 ? (
                                  <ConfirmButton
                                    size="xs"
                                    variant="subtle"
                                    color="red"
                                    title={t('payments.cancelTitle')}
                                    message={t('payments.cancelMessage', {
                                      amount: formatMoney(p.amountMinor, p.currency, fmt.lng),
                                      creator: p.creatorName,
                                    })}
                                    confirmLabel={t('payments.cancelConfirm')}
                                    loading={cancel.isPending && cancel.variables === p.id}
                                    onConfirm={() =>
                                      cancel.mutateAsync(p.id).then(
                                        () =>
                                          notifications.show({
                                            color: 'teal',
                                            message: t('payments.cancelled'),
                                          }),
                                        (error: unknown) => handleError(error),
                                      )
                                    }
                                    testId={`payment-cancel-${p.id}`}
                                  >
                                    {t('payments.cancel')}
                                  </ConfirmButton>
                                ) : null}
                              </>
                            ) : null}
                          </Group>
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        )}
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

/** The on-time rate: the overall figure, and each creator's on demand (collapsed at first). */
function OnTimePanel({ query }: { query: ReturnType<typeof useOnTime> }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const [expanded, setExpanded] = useState(false);
  if (query.isPending) return null;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const list = query.data;
  const paid = list.reduce((s, c) => s + c.paid, 0);
  const onTime = list.reduce((s, c) => s + c.onTime, 0);
  const overall = onTimePercent(onTime, paid);
  const pctText = (pct: string | null) => (pct === null ? t('payments.onTime.none') : fmt.percent(pct));
  const color = (pct: string | null) =>
    pct === null ? 'gray' : Number(pct) >= 90 ? 'teal' : Number(pct) >= 70 ? 'yellow' : 'red';
  const shown = list.filter((c: OnTimeRow) => c.paid > 0);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="on-time-heading">
      <Group justify="space-between" align="flex-start" mb="sm">
        <Stack gap={2}>
          <Title order={3} size="h5" id="on-time-heading">
            <Group gap={6} component="span">
              <IconCalendarDollar size={18} aria-hidden />
              {t('payments.onTime.title')}
            </Group>
          </Title>
          <Text size="xs" c="dimmed">
            {t('payments.onTime.explain')}
          </Text>
        </Stack>
        <Stack gap={0} align="flex-end">
          <Text size="xl" fw={700} c={color(overall)} data-testid="on-time-overall">
            {pctText(overall)}
          </Text>
          <Text size="xs" c="dimmed">
            {t('payments.onTime.overall', { onTime, paid })}
          </Text>
        </Stack>
      </Group>
      {shown.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('payments.onTime.noneYet')}
        </Text>
      ) : (
        <Button
          variant="subtle"
          size="xs"
          px={0}
          onClick={() => setExpanded((v) => !v)}
          aria-expanded={expanded}
          aria-controls="on-time-creators"
          data-testid="on-time-toggle"
        >
          {expanded ? t('payments.onTime.hideAll') : t('payments.onTime.showAll')}
        </Button>
      )}
      {shown.length === 0 ? null : (
        <Collapse expanded={expanded} id="on-time-creators">
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm" mt="sm">
            {shown.map((c) => (
              <Stack key={c.creatorId} gap={4} data-testid={`on-time-${c.creatorId}`}>
                <Group justify="space-between" gap="xs" wrap="nowrap">
                  <Text size="sm" truncate>
                    {c.creatorName}
                  </Text>
                  <Text size="sm" fw={600} c={color(c.ratePct)}>
                    {pctText(c.ratePct)}
                  </Text>
                </Group>
                <Progress
                  value={c.ratePct === null ? 0 : Number(c.ratePct)}
                  color={color(c.ratePct)}
                  size="sm"
                  aria-label={t('payments.onTime.creatorLabel', { name: c.creatorName })}
                />
                <Text size="xs" c="dimmed">
                  {t('payments.onTime.count', { onTime: c.onTime, paid: c.paid })}
                </Text>
              </Stack>
            ))}
          </SimpleGrid>
        </Collapse>
      )}
    </Paper>
  );
}

function PayForm({
  workspaceId,
  payment,
  onDone,
}: {
  workspaceId: string;
  payment: Payment;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'en';
  const pay = usePayPayment(workspaceId);
  const handleError = useApiErrorHandler();
  const digits = currencyDigits(payment.currency);
  const owed = payment.amountMinor - payment.paidMinor;
  const money = (minor: number) => formatMoney(minor, payment.currency, lng);
  const form = useForm({
    initialValues: { amount: minorToInput(owed, digits, lng), paidOn: utcToday(), reference: '' },
    validate: {
      amount: (v) => {
        const parsed = parseAmount(v, digits, lng);
        if (!parsed.ok) return t(`creatorForm.amountErrors.${parsed.error}`, { digits });
        if (parsed.minor <= 0) return t('payments.pay.amountZero');
        if (parsed.minor > owed) return t('payments.pay.amountOver', { owed: money(owed) });
        return null;
      },
      paidOn: (v) => (isDay(v) ? null : t('payments.pay.dateInvalid')),
      reference: (v) => (v.trim().length > 200 ? t('validation.maxLength', { max: 200 }) : null),
    },
  });
  const parsed = parseAmount(form.values.amount, digits, lng);
  const partial = parsed.ok && parsed.minor > 0 && parsed.minor < owed;
  const submit = form.onSubmit((values) => {
    const amount = parseAmount(values.amount, digits, lng);
    if (!amount.ok) return;
    pay.mutate(
      {
        id: payment.id,
        body: {
          paidOn: values.paidOn,
          amountMinor: amount.minor,
          reference: values.reference.trim() || null,
        },
      },
      {
        onSuccess: (updated) => {
          notifications.show({
            color: 'teal',
            message: updated.status === 'paid' ? t('payments.pay.donePaid') : t('payments.pay.donePartial'),
          });
          onDone();
        },
        onError: (error) => handleError(error, form, { amountMinor: 'amount' }),
      },
    );
  });
  return (
    <form onSubmit={submit} noValidate data-testid="pay-form">
      <Stack gap="sm">
        <Text size="sm">
          {t('payments.pay.summary', {
            creator: payment.creatorName,
            amount: money(payment.amountMinor),
            due: new Intl.DateTimeFormat(intlLocale(lng), { dateStyle: 'medium', timeZone: 'UTC' }).format(
              new Date(`${payment.dueOn}T00:00:00Z`),
            ),
          })}
        </Text>
        {payment.paidMinor > 0 ? (
          <Text size="sm" c="dimmed">
            {t('payments.pay.alreadyPaid', { paid: money(payment.paidMinor), owed: money(owed) })}
          </Text>
        ) : null}
        <TextInput
          label={t('payments.pay.amount', { currency: payment.currency })}
          description={
            partial
              ? t('payments.pay.partialHint', { rest: money(owed - (parsed.ok ? parsed.minor : 0)) })
              : t('payments.pay.amountHint')
          }
          inputMode="decimal"
          required
          data-autofocus
          data-testid="pay-amount"
          {...form.getInputProps('amount')}
        />
        <TextInput
          type="date"
          label={t('payments.pay.date')}
          required
          data-testid="pay-date"
          {...form.getInputProps('paidOn')}
        />
        <TextInput
          label={t('payments.pay.reference')}
          placeholder={t('payments.pay.referencePlaceholder')}
          data-testid="pay-reference"
          {...form.getInputProps('reference')}
        />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={pay.isPending} data-testid="pay-submit">
            {partial ? t('payments.pay.submitPartial') : t('payments.pay.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The file as base64, without the `data:…;base64,` prefix. */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

function InvoicesPanel({
  workspaceId,
  payment,
  canWrite,
}: {
  workspaceId: string;
  payment: Payment;
  canWrite: boolean;
}) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const invoices = usePaymentInvoices(workspaceId, payment.id);
  const upload = useUploadInvoice(workspaceId, payment.id);
  const remove = useDeleteInvoice(workspaceId, payment.id);
  const handleError = useApiErrorHandler();
  const input = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const onFile = async (file: File | undefined) => {
    if (input.current) input.current.value = '';
    if (!file) return;
    setProblem(null);
    if (!(invoiceContentTypes as readonly string[]).includes(file.type)) {
      setProblem(t('payments.invoices.wrongType'));
      return;
    }
    if (file.size > INVOICE_MAX_BYTES) {
      setProblem(t('payments.invoices.tooBig'));
      return;
    }
    try {
      const dataBase64 = await readBase64(file);
      await upload.mutateAsync({
        filename: file.name,
        contentType: file.type as (typeof invoiceContentTypes)[number],
        dataBase64,
      });
      notifications.show({ color: 'teal', message: t('payments.invoices.uploaded') });
    } catch (error) {
      handleError(error);
    }
  };

  return (
    <Stack gap="sm" data-testid="invoices-panel">
      <Text size="sm" c="dimmed">
        {t('payments.invoices.summary', {
          creator: payment.creatorName,
          amount: formatMoney(payment.amountMinor, payment.currency, fmt.lng),
        })}
      </Text>
      {invoices.isPending ? (
        <PageLoader />
      ) : invoices.isError ? (
        <QueryError error={invoices.error} onRetry={() => void invoices.refetch()} />
      ) : invoices.data.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="invoices-empty">
          {t('payments.invoices.empty')}
        </Text>
      ) : (
        <Table verticalSpacing="xs" data-testid="invoices-table">
          <Table.Tbody>
            {invoices.data.map((inv) => (
              <Table.Tr key={inv.id} data-testid={`invoice-row-${inv.id}`}>
                <Table.Td>
                  <Anchor
                    href={invoiceUrl(workspaceId, payment.id, inv.id)}
                    download={inv.filename}
                    size="sm"
                    data-testid={`invoice-download-${inv.id}`}
                  >
                    {inv.filename}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {t('payments.invoices.meta', {
                      size: fmt.number(Math.max(1, Math.round(inv.sizeBytes / 1024))),
                      date: fmt.day(inv.uploadedAt.slice(0, 10)),
                    })}
                  </Text>
                </Table.Td>
                {canWrite ? (
                  <Table.Td ta="right">
                    <ConfirmButton
                      size="xs"
                      variant="subtle"
                      color="red"
                      title={t('payments.invoices.deleteTitle')}
                      message={t('payments.invoices.deleteMessage', { name: inv.filename })}
                      confirmLabel={t('payments.invoices.deleteConfirm')}
                      loading={remove.isPending && remove.variables === inv.id}
                      onConfirm={() =>
                        remove.mutateAsync(inv.id).then(
                          () =>
                            notifications.show({ color: 'teal', message: t('payments.invoices.deleted') }),
                          (error: unknown) => handleError(error),
                        )
                      }
                      testId={`invoice-delete-${inv.id}`}
                    >
                      {t('payments.invoices.delete')}
                    </ConfirmButton>
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {canWrite ? (
        <Stack gap={4}>
          <input
            ref={input}
            type="file"
            accept={invoiceContentTypes.join(',')}
            hidden
            onChange={(e) => void onFile(e.currentTarget.files?.[0])}
            data-testid="invoice-upload"
          />
          <Group>
            <Button
              leftSection={<IconUpload size={16} aria-hidden />}
              onClick={() => input.current?.click()}
              loading={upload.isPending}
              data-testid="invoice-upload-button"
            >
              {t('payments.invoices.upload')}
            </Button>
          </Group>
          <Text size="xs" c={problem ? 'red' : 'dimmed'} role={problem ? 'alert' : undefined}>
            {problem ?? t('payments.invoices.hint')}
          </Text>
        </Stack>
      ) : null}
    </Stack>
  );
}
