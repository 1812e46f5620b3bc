import { Anchor, Badge, Button, Card, Group, Modal, Paper, Stack, Switch, Text } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { InvoiceUpload } from '../features/budgets/InvoiceUpload.tsx';
import { PaymentForm, paymentDetailsFields } from '../features/roster/PaymentSection.tsx';
import { useApiErrorHandler } from '../shared/api/useApiErrorHandler.ts';
import { useFormatters } from '../shared/i18n/format.ts';
import { formatMoney } from '../shared/money.ts';
import { PageLoader, QueryError } from '../shared/ui/QueryStates.tsx';
import {
  portalInvoiceUrl,
  usePortalInvoices,
  usePortalMonthlySummary,
  usePortalPaymentDetails,
  usePortalPayments,
  useSetPortalMonthlySummary,
  useSetPortalPaymentDetails,
  useUploadPortalInvoice,
} from './api.ts';
import { notifyDone } from './notify.ts';
import { usePortal } from './PortalLayout.tsx';
import { PortalPageTitle } from './PortalPageTitle.tsx';

/** The creator's payments (amounts, due dates, paid or not) and their own payment details. */
export function PortalPaymentsPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'en';
  const f = useFormatters();
  const { ws } = usePortal();
  const list = usePortalPayments(ws);
  return (
    <Stack gap="md">
      <PortalPageTitle title={t('portal.sections.payments')} />
      <PaymentDetailsCard ws={ws} />
      <MonthlySummaryCard ws={ws} />
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
          <PaymentInvoices ws={ws} paymentId={p.id} />
        </Card>
      ))}
    </Stack>
  );
}

/** The creator's own choice: the monthly summary of their results by email, on or off. */
function MonthlySummaryCard({ ws }: { ws: string }) {
  const { t } = useTranslation();
  const summary = usePortalMonthlySummary(ws);
  const save = useSetPortalMonthlySummary(ws);
  const handleError = useApiErrorHandler();
  const s = summary.data;
  if (!s) return null;
  return (
    <Paper withBorder radius="md" p="md" data-testid="portal-monthly-summary">
      <Stack gap="xs">
        <Text fw={600}>{t('portal.mySummary.title')}</Text>
        <Switch
          label={t('portal.mySummary.label')}
          description={t('portal.mySummary.hint')}
          checked={s.optedIn}
          disabled={save.isPending}
          onChange={(e) =>
            save.mutate(e.currentTarget.checked, {
              onSuccess: () => notifyDone(t('portal.mySummary.saved')),
              onError: (error) => handleError(error),
            })
          }
          data-testid="portal-monthly-summary-switch"
        />
        {s.switchedOffByTeam ? (
          <Text size="sm" c="dimmed" data-testid="portal-monthly-summary-team-off">
            {t('portal.mySummary.teamOff')}
          </Text>
        ) : null}
      </Stack>
    </Paper>
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
                onError: (error) => handleError(error, form, paymentDetailsFields),
              })
            }
          />
        ) : null}
      </Modal>
    </Paper>
  );
}

/** The invoices on one payment: download them, and upload the creator's own (PDF, PNG or JPEG, 4 MB). */
function PaymentInvoices({ ws, paymentId }: { ws: string; paymentId: string }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const invoices = usePortalInvoices(ws, paymentId);
  const upload = useUploadPortalInvoice(ws, paymentId);
  return (
    <Stack gap={4} mt="xs" data-testid="portal-invoices">
      {invoices.data?.map((inv) => (
        <Anchor
          key={inv.id}
          href={portalInvoiceUrl(paymentId, inv.id)}
          download={inv.filename}
          size="sm"
          style={{ overflowWrap: 'anywhere' }}
          data-testid="portal-invoice"
        >
          {t('portal.payments.invoiceLine', {
            name: inv.filename,
            date: f.day(inv.uploadedAt.slice(0, 10)),
          })}
        </Anchor>
      ))}
      <InvoiceUpload
        upload={upload}
        onUploaded={() => notifyDone(t('payments.invoices.uploaded'))}
        label={t('portal.payments.uploadInvoice')}
        inputLabel={t('portal.payments.uploadInvoice')}
        size="xs"
        variant="default"
        leftSection={<IconUpload size={14} aria-hidden />}
        inputTestId="portal-invoice-file"
        testId="portal-invoice-upload"
      />
    </Stack>
  );
}
