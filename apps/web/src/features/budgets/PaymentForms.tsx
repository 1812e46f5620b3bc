import type { Payment } from '@evergreen/contracts';
import { isDay, utcToday } from '@evergreen/rules';
import { Anchor, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconUpload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormSubmit } from '../../shared/api/useFormSubmit.ts';
import { intlLocale, useFormatters } from '../../shared/i18n/format.ts';
import { ListStates } from '../../shared/layout/ListPage.tsx';
import { currencyDigits, formatMoney, minorToInput, parseAmount } from '../../shared/money.ts';
import { FormActions, StackForm } from '../../shared/ui/FormActions.tsx';
import { bindField, DayInput } from '../../shared/ui/FormFields.tsx';
import { MutationConfirmButton } from '../../shared/ui/MutationConfirmButton.tsx';
import { invoiceUrl, useDeleteInvoice, usePaymentInvoices, usePayPayment, useUploadInvoice } from './api.ts';
import { InvoiceUpload } from './InvoiceUpload.tsx';

export function PayForm({
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
  const send = useFormSubmit(pay, form, {
    done: (updated) =>
      updated.status === 'paid' ? t('payments.pay.donePaid') : t('payments.pay.donePartial'),
    after: onDone,
    fieldAliases: { amountMinor: 'amount' },
  });
  const parsed = parseAmount(form.values.amount, digits, lng);
  const partial = parsed.ok && parsed.minor > 0 && parsed.minor < owed;
  const submit = form.onSubmit((values) => {
    const amount = parseAmount(values.amount, digits, lng);
    if (!amount.ok) return;
    send({
      id: payment.id,
      body: { paidOn: values.paidOn, amountMinor: amount.minor, reference: values.reference.trim() || null },
    });
  });
  return (
    <StackForm onSubmit={submit} testId="pay-form" gap="sm">
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
        {...bindField(form, 'amount', 'pay-amount')}
      />
      <DayInput label={t('payments.pay.date')} required {...bindField(form, 'paidOn', 'pay-date')} />
      <TextInput
        label={t('payments.pay.reference')}
        placeholder={t('payments.pay.referencePlaceholder')}
        {...bindField(form, 'reference', 'pay-reference')}
      />
      <FormActions
        onCancel={onDone}
        loading={pay.isPending}
        label={partial ? t('payments.pay.submitPartial') : t('payments.pay.submit')}
        testId="pay-submit"
        gap="md"
        mt="sm"
      />
    </StackForm>
  );
}

/** The file as base64, without the `data:…;base64,` prefix. */
export function InvoicesPanel({
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

  return (
    <Stack gap="sm" data-testid="invoices-panel">
      <Text size="sm" c="dimmed">
        {t('payments.invoices.summary', {
          creator: payment.creatorName,
          amount: formatMoney(payment.amountMinor, payment.currency, fmt.lng),
        })}
      </Text>
      <ListStates query={invoices} emptyTestId="invoices-empty" emptyText={t('payments.invoices.empty')}>
        {(data) => (
          <Table verticalSpacing="xs" data-testid="invoices-table">
            <Table.Tbody>
              {data.map((inv) => (
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
                      {t(inv.byCreator ? 'payments.invoices.metaByCreator' : 'payments.invoices.meta', {
                        size: fmt.number(Math.max(1, Math.round(inv.sizeBytes / 1024))),
                        date: fmt.day(inv.uploadedAt.slice(0, 10)),
                      })}
                    </Text>
                  </Table.Td>
                  {canWrite ? (
                    <Table.Td ta="right">
                      <MutationConfirmButton
                        mutation={remove}
                        variables={inv.id}
                        done={() => t('payments.invoices.deleted')}
                        title={t('payments.invoices.deleteTitle')}
                        message={t('payments.invoices.deleteMessage', { name: inv.filename })}
                        confirmLabel={t('payments.invoices.deleteConfirm')}
                        testId={`invoice-delete-${inv.id}`}
                      >
                        {t('payments.invoices.delete')}
                      </MutationConfirmButton>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </ListStates>
      {canWrite ? (
        <Stack gap={4}>
          <InvoiceUpload
            upload={upload}
            onUploaded={() => notifications.show({ color: 'teal', message: t('payments.invoices.uploaded') })}
            label={t('payments.invoices.upload')}
            leftSection={<IconUpload size={16} aria-hidden />}
            inputTestId="invoice-upload"
            testId="invoice-upload-button"
          />
        </Stack>
      ) : null}
    </Stack>
  );
}
