import type { Creator, PaymentDetails } from '@evergreen/contracts';
import {
  Alert,
  Button,
  Code,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconEye, IconEyeOff, IconLock, IconPencil, IconShieldLock } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type FormErrorTarget, useApiErrorHandler } from '../../shared/api/useApiErrorHandler.ts';
import { FormActions } from '../../shared/ui/FormActions.tsx';
import { MutationConfirmButton } from '../../shared/ui/MutationConfirmButton.tsx';
import { useCurrentWorkspace } from '../workspaces/api.ts';
import { useRevealPaymentDetails, useSetPaymentDetails } from './api.ts';
import { SectionCard } from './SectionCard.tsx';

const methods = ['bank_transfer', 'paypal', 'wise', 'card', 'other'] as const;
type Method = (typeof methods)[number];
const isMethod = (value: unknown): value is Method =>
  typeof value === 'string' && (methods as readonly string[]).includes(value);

/**
 * Payment details are encrypted at rest and shown masked. Owners and managers may reveal them;
 * each reveal is recorded, and the details live in this component's state only: leaving the page
 * forgets them.
 */
export function PaymentSection({ creator }: { creator: Creator }) {
  const { t } = useTranslation();
  const { workspaceId, canWrite } = useCurrentWorkspace();
  const reveal = useRevealPaymentDetails(workspaceId, creator.id);
  const save = useSetPaymentDetails(workspaceId, creator.id);
  const handleError = useApiErrorHandler();
  const [revealed, setRevealed] = useState<PaymentDetails | null>(null);
  const [editing, setEditing] = useState(false);
  const { present, mask } = creator.paymentDetails;

  const doReveal = () =>
    reveal.mutate(undefined, {
      onSuccess: ({ paymentDetails }) => setRevealed(paymentDetails),
      onError: (error) => handleError(error),
    });

  return (
    <SectionCard
      icon={<IconShieldLock size={18} aria-hidden />}
      title={t('payment.title')}
      intro={t('payment.stored')}
      testId="payment-section"
      actions={
        canWrite ? (
          <Group gap="xs">
            {present && !revealed ? (
              <Button
                variant="light"
                size="xs"
                leftSection={<IconEye size={14} aria-hidden />}
                loading={reveal.isPending}
                onClick={doReveal}
                data-testid="payment-reveal"
              >
                {t('payment.reveal')}
              </Button>
            ) : null}
            {revealed ? (
              <Button
                variant="default"
                size="xs"
                leftSection={<IconEyeOff size={14} aria-hidden />}
                onClick={() => setRevealed(null)}
                data-testid="payment-hide"
              >
                {t('payment.hide')}
              </Button>
            ) : null}
            <Button
              variant="default"
              size="xs"
              leftSection={<IconPencil size={14} aria-hidden />}
              onClick={() => setEditing(true)}
              data-testid="payment-edit"
            >
              {present ? t('payment.edit') : t('payment.add')}
            </Button>
            {present ? (
              <MutationConfirmButton
                mutation={save}
                variables={null}
                onDone={() => setRevealed(null)}
                done={() => t('payment.removed')}
                title={t('payment.removeTitle')}
                message={t('payment.removeText', { name: creator.displayName })}
                confirmLabel={t('payment.remove')}
                testId="payment-remove"
              >
                {t('payment.remove')}
              </MutationConfirmButton>
            ) : null}
          </Group>
        ) : null
      }
    >
      {!present ? (
        <Text size="sm" c="dimmed" data-testid="payment-none">
          {t('payment.none')}
        </Text>
      ) : revealed ? (
        <Stack gap="xs">
          <Table variant="vertical" layout="fixed" withTableBorder data-testid="payment-revealed">
            <Table.Tbody>
              <Table.Tr>
                <Table.Th w={200}>{t('payment.method')}</Table.Th>
                <Table.Td>{t(`payment.methods.${revealed.method}`)}</Table.Td>
              </Table.Tr>
              {revealed.accountHolder ? (
                <Table.Tr>
                  <Table.Th>{t('payment.accountHolder')}</Table.Th>
                  <Table.Td>{revealed.accountHolder}</Table.Td>
                </Table.Tr>
              ) : null}
              <Table.Tr>
                <Table.Th>{t('payment.account')}</Table.Th>
                <Table.Td>
                  <Code fz="sm" data-testid="payment-account-value">
                    {revealed.account}
                  </Code>
                </Table.Td>
              </Table.Tr>
              {revealed.bank ? (
                <Table.Tr>
                  <Table.Th>{t('payment.bank')}</Table.Th>
                  <Table.Td>{revealed.bank}</Table.Td>
                </Table.Tr>
              ) : null}
              {revealed.notes ? (
                <Table.Tr>
                  <Table.Th>{t('payment.notes')}</Table.Th>
                  <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{revealed.notes}</Table.Td>
                </Table.Tr>
              ) : null}
            </Table.Tbody>
          </Table>
          <Text size="xs" c="dimmed" data-testid="payment-reveal-note">
            <IconLock size={12} aria-hidden style={{ verticalAlign: -1 }} /> {t('payment.revealNote')}
          </Text>
        </Stack>
      ) : (
        <Stack gap={6}>
          <Text ff="monospace" size="lg" fw={600} data-testid="payment-mask">
            {mask ?? '••••'}
          </Text>
          {canWrite ? (
            <Text size="xs" c="dimmed">
              {t('payment.revealHint')}
            </Text>
          ) : (
            <Text size="xs" c="dimmed">
              {t('payment.analystHint')}
            </Text>
          )}
        </Stack>
      )}

      <Modal opened={editing} onClose={() => setEditing(false)} title={t('payment.editTitle')}>
        {editing ? (
          <PaymentForm
            initial={revealed}
            replacing={present && !revealed}
            saving={save.isPending}
            onCancel={() => setEditing(false)}
            onSubmit={(details, form) =>
              save.mutate(details, {
                onSuccess: () => {
                  setRevealed(null);
                  setEditing(false);
                  notifications.show({ color: 'teal', message: t('payment.saved') });
                },
                onError: (error) => handleError(error, form, paymentDetailsFields),
              })
            }
          />
        ) : null}
      </Modal>
    </SectionCard>
  );
}

interface PaymentFormValues {
  method: Method;
  accountHolder: string;
  account: string;
  bank: string;
  notes: string;
}

/** Where the server's errors on `paymentDetails.*` show in PaymentForm. */
export const paymentDetailsFields = {
  'paymentDetails.method': 'method',
  'paymentDetails.accountHolder': 'accountHolder',
  'paymentDetails.account': 'account',
  'paymentDetails.bank': 'bank',
  'paymentDetails.notes': 'notes',
};

export function PaymentForm({
  initial,
  replacing,
  saving,
  onCancel,
  onSubmit,
}: {
  initial: PaymentDetails | null;
  replacing: boolean;
  saving: boolean;
  onCancel: () => void;
  onSubmit: (details: PaymentDetails, form: FormErrorTarget) => void;
}) {
  const { t } = useTranslation();
  const max = (n: number) => (value: string) =>
    value.trim().length > n ? t('validation.maxLength', { max: n }) : null;
  const form = useForm<PaymentFormValues>({
    initialValues: {
      method: initial?.method ?? 'bank_transfer',
      accountHolder: initial?.accountHolder ?? '',
      account: initial?.account ?? '',
      bank: initial?.bank ?? '',
      notes: initial?.notes ?? '',
    },
    validate: {
      account: (value) => (!value.trim() ? t('validation.required') : max(200)(value)),
      accountHolder: max(200),
      bank: max(200),
      notes: max(1000),
    },
  });
  const optional = (value: string) => (value.trim() ? value.trim() : undefined);
  return (
    <form
      noValidate
      data-testid="payment-form"
      onSubmit={form.onSubmit((v) =>
        onSubmit(
          {
            method: v.method,
            account: v.account.trim(),
            accountHolder: optional(v.accountHolder),
            bank: optional(v.bank),
            notes: optional(v.notes),
          },
          form,
        ),
      )}
    >
      <Stack gap="sm">
        {replacing ? (
          <Alert color="yellow" variant="light">
            {t('payment.replaceNote')}
          </Alert>
        ) : null}
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <Select
            label={t('payment.method')}
            data={methods.map((m) => ({ value: m, label: t(`payment.methods.${m}`) }))}
            allowDeselect={false}
            data-testid="payment-method"
            {...form.getInputProps('method')}
            onChange={(value) => {
              if (isMethod(value)) form.setFieldValue('method', value);
            }}
          />
          <TextInput
            label={t('payment.accountHolder')}
            data-testid="payment-holder"
            {...form.getInputProps('accountHolder')}
          />
        </SimpleGrid>
        <TextInput
          label={t('payment.account')}
          description={t('payment.accountHint')}
          required
          autoComplete="off"
          data-testid="payment-account"
          {...form.getInputProps('account')}
        />
        <TextInput label={t('payment.bank')} data-testid="payment-bank" {...form.getInputProps('bank')} />
        <Textarea
          label={t('payment.notes')}
          autosize
          minRows={2}
          data-testid="payment-notes"
          {...form.getInputProps('notes')}
        />
        <FormActions
          onCancel={onCancel}
          loading={saving}
          label={t('common.save')}
          testId="payment-submit"
          gap="md"
          mt="xs"
        />
      </Stack>
    </form>
  );
}
