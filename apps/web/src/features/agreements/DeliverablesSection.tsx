import {
  type Agreement,
  type Deliverable,
  type Platform,
  deliverableStatuses,
  platforms,
} from '@evergreen/contracts';
import {
  Anchor,
  Autocomplete,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
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
import { IconExternalLink, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiErrorHandler } from '../../shared/api/useApiErrorHandler.ts';
import { isDay } from '../../shared/days.ts';
import { useFormatters } from '../../shared/i18n/format.ts';
import { currencyDigits, formatMoney, parseAmount } from '../../shared/money.ts';
import { PageLoader, QueryError } from '../../shared/ui/QueryStates.tsx';
import { platformNames } from '../roster/handles.ts';
import { isDeliverableStatus, isPlatform, postStatusColors } from '../tracking/rules.ts';
import { itemLabel } from './AgreementBadges.tsx';
import { DELIVERABLE_SUGGESTIONS } from './AgreementForm.tsx';
import { useAgreementDeliverables, useCreateDeliverable, useUpdateDeliverable } from './api.ts';

type Status = Deliverable['status'];

/** The deliverables recorded under an agreement, and recording one by hand. */
export function DeliverablesSection({
  workspaceId,
  agreement: a,
  canWrite,
}: {
  workspaceId: string;
  agreement: Agreement;
  canWrite: boolean;
}) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const list = useAgreementDeliverables(workspaceId, a.id);
  const update = useUpdateDeliverable(workspaceId);
  const handleError = useApiErrorHandler();
  const [adding, setAdding] = useState(false);
  const statusData = deliverableStatuses.map((s) => ({
    value: s,
    label: t(`agreements.deliverables.statuses.${s}`),
  }));

  const setStatus = (d: Deliverable, status: Status) =>
    update.mutate(
      // Going live without a posted day would leave it out of the ledger: today, then.
      {
        id: d.id,
        input: {
          status,
          ...(status === 'live' && !d.postedAt ? { postedAt: new Date().toISOString() } : {}),
        },
      },
      { onError: (error) => handleError(error) },
    );

  return (
    <Stack
      gap="sm"
      component="section"
      aria-labelledby="deliverables-heading"
      data-testid="agreement-deliverables"
    >
      <Group justify="space-between">
        <Title order={2} size="h4" id="deliverables-heading">
          {t('agreements.deliverables.title')}
        </Title>
        {canWrite ? (
          <Button
            variant="light"
            size="xs"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => setAdding(true)}
            data-testid="deliverable-add"
          >
            {t('agreements.deliverables.add')}
          </Button>
        ) : null}
      </Group>
      {list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('agreements.deliverables.empty')}
        </Text>
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('agreements.deliverables.type')}</Table.Th>
                  <Table.Th>{t('agreements.deliverables.titleColumn')}</Table.Th>
                  <Table.Th>{t('agreements.deliverables.dueOn')}</Table.Th>
                  <Table.Th>{t('agreements.deliverables.postedOn')}</Table.Th>
                  <Table.Th>{t('agreements.deliverables.status')}</Table.Th>
                  <Table.Th ta="right">{t('agreements.deliverables.cost')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.map((d) => (
                  <Table.Tr key={d.id} data-testid={`deliverable-row-${d.id}`}>
                    <Table.Td>
                      <Text size="sm">{itemLabel(d.type, t)}</Text>
                      {d.platform ? (
                        <Text size="xs" c="dimmed">
                          {d.platform === 'other'
                            ? t('agreements.deliverables.otherPlatform')
                            : platformNames[d.platform]}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      {d.url && /^https?:\/\//i.test(d.url) ? (
                        <Anchor href={d.url} target="_blank" rel="noopener noreferrer" size="sm">
                          {d.title || t('agreements.deliverables.link')}{' '}
                          <IconExternalLink size={12} aria-hidden style={{ verticalAlign: -1 }} />
                        </Anchor>
                      ) : (
                        <Text size="sm" c={d.title ? undefined : 'dimmed'}>
                          {d.title || '—'}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{d.dueOn ? fmt.day(d.dueOn) : '—'}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{d.postedAt ? fmt.day(d.postedAt.slice(0, 10)) : '—'}</Text>
                    </Table.Td>
                    <Table.Td>
                      {canWrite ? (
                        <Select
                          size="xs"
                          w={140}
                          data={statusData}
                          value={d.status}
                          allowDeselect={false}
                          aria-label={t('agreements.deliverables.status')}
                          onChange={(value) =>
                            isDeliverableStatus(value) && value !== d.status ? setStatus(d, value) : undefined
                          }
                          data-testid={`deliverable-status-${d.id}`}
                        />
                      ) : (
                        <Badge variant="light" color={postStatusColors[d.status]} tt="none">
                          {t(`agreements.deliverables.statuses.${d.status}`)}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td ta="right">
                      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                        {d.costMinor !== null && d.costCurrency
                          ? formatMoney(d.costMinor, d.costCurrency, fmt.lng)
                          : '—'}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      <Modal
        opened={adding}
        onClose={() => setAdding(false)}
        title={t('agreements.deliverables.formTitle')}
        size="lg"
      >
        {adding ? (
          <DeliverableForm workspaceId={workspaceId} agreement={a} onDone={() => setAdding(false)} />
        ) : null}
      </Modal>
    </Stack>
  );
}

interface DeliverableValues {
  type: string;
  platform: Platform | null;
  title: string;
  dueOn: string;
  postedOn: string;
  url: string;
  status: Status;
  cost: string;
}

function DeliverableForm({
  workspaceId,
  agreement: a,
  onDone,
}: {
  workspaceId: string;
  agreement: Agreement;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { lng } = useFormatters();
  const create = useCreateDeliverable(workspaceId);
  const handleError = useApiErrorHandler();
  const digits = currencyDigits(a.currency);
  // The agreement's own items first: those are what the ledger counts.
  const suggestions = [
    ...new Set([
      ...a.inclusions.map((i) => i.item),
      ...a.rates.map((r) => r.deliverableType),
      ...DELIVERABLE_SUGGESTIONS,
    ]),
  ];
  const form = useForm<DeliverableValues>({
    initialValues: {
      type: a.inclusions[0]?.item ?? a.rates[0]?.deliverableType ?? '',
      platform: null,
      title: '',
      dueOn: '',
      postedOn: '',
      url: '',
      status: 'planned',
      cost: '',
    },
    validate: {
      type: (value) =>
        !value.trim()
          ? t('validation.required')
          : value.trim().length > 60
            ? t('validation.maxLength', { max: 60 })
            : null,
      title: (value) => (value.trim().length > 300 ? t('validation.maxLength', { max: 300 }) : null),
      dueOn: (value) => (value && !isDay(value) ? t('fieldErrors.invalid') : null),
      postedOn: (value) => (value && !isDay(value) ? t('fieldErrors.invalid') : null),
      url: (value) =>
        value.trim() && !/^https?:\/\/\S+\.\S+/i.test(value.trim()) ? t('creatorForm.urlInvalid') : null,
      cost: (value) => {
        if (!value.trim()) return null;
        const parsed = parseAmount(value, digits, lng);
        return parsed.ok ? null : t(`creatorForm.amountErrors.${parsed.error}`, { digits });
      },
    },
  });
  const parsedCost = form.values.cost.trim() ? parseAmount(form.values.cost, digits, lng) : null;

  const submit = form.onSubmit((values) => {
    const cost = values.cost.trim() ? parseAmount(values.cost, digits, lng) : null;
    create.mutate(
      {
        creatorId: a.creatorId,
        agreementId: a.id,
        type: values.type.trim(),
        platform: values.platform,
        title: values.title.trim() || null,
        dueOn: values.dueOn || null,
        postedAt: values.postedOn ? `${values.postedOn}T12:00:00.000Z` : null,
        url: values.url.trim() || null,
        status: values.status,
        ...(cost?.ok ? { costMinor: cost.minor, costCurrency: a.currency } : {}),
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('agreements.deliverables.done') });
          onDone();
        },
        onError: (error) =>
          handleError(error, form, { postedAt: 'postedOn', costMinor: 'cost', costCurrency: 'cost' }),
      },
    );
  });

  return (
    <form onSubmit={submit} noValidate data-testid="deliverable-form">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <Autocomplete
            label={t('agreements.deliverables.type')}
            data={suggestions}
            renderOption={({ option }) => <Text size="sm">{itemLabel(option.value, t)}</Text>}
            required
            data-testid="deliverable-type"
            {...form.getInputProps('type')}
          />
          <Select
            label={t('agreements.deliverables.platform')}
            data={platforms.map((p) => ({
              value: p,
              label: p === 'other' ? t('agreements.deliverables.otherPlatform') : platformNames[p],
            }))}
            clearable
            data-testid="deliverable-platform"
            {...form.getInputProps('platform')}
            onChange={(value) => form.setFieldValue('platform', isPlatform(value) ? value : null)}
          />
        </SimpleGrid>
        <TextInput
          label={t('agreements.deliverables.titleColumn')}
          data-testid="deliverable-title"
          {...form.getInputProps('title')}
        />
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
          <TextInput
            type="date"
            label={t('agreements.deliverables.dueOn')}
            data-testid="deliverable-due"
            {...form.getInputProps('dueOn')}
          />
          <TextInput
            type="date"
            label={t('agreements.deliverables.postedOn')}
            data-testid="deliverable-posted"
            {...form.getInputProps('postedOn')}
          />
          <Select
            label={t('agreements.deliverables.status')}
            data={deliverableStatuses.map((s) => ({
              value: s,
              label: t(`agreements.deliverables.statuses.${s}`),
            }))}
            allowDeselect={false}
            data-testid="deliverable-status"
            {...form.getInputProps('status')}
            onChange={(value) => form.setFieldValue('status', isDeliverableStatus(value) ? value : 'planned')}
          />
        </SimpleGrid>
        <TextInput
          type="url"
          label={t('agreements.deliverables.url')}
          placeholder="https://"
          data-testid="deliverable-url"
          {...form.getInputProps('url')}
        />
        <TextInput
          label={t('agreements.deliverables.costIn', { currency: a.currency })}
          inputMode="decimal"
          description={
            parsedCost?.ok
              ? formatMoney(parsedCost.minor, a.currency, lng)
              : t('agreements.deliverables.costHint')
          }
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          w={{ base: '100%', xs: 260 }}
          data-testid="deliverable-cost"
          {...form.getInputProps('cost')}
        />
        <Text size="xs" c="dimmed">
          {t('agreements.deliverables.ledgerHint')}
        </Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending} data-testid="deliverable-submit">
            {t('agreements.deliverables.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
