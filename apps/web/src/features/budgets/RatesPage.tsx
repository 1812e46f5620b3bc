import type { ExchangeRate, FieldIssue } from '@evergreen/contracts';
import { isDay, utcToday } from '@evergreen/rules';
import {
  ActionIcon,
  Alert,
  Button,
  FileInput,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconFileUpload, IconLock, IconTrash, IconUpload } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../shared/api/client.ts';
import { useApiErrorHandler } from '../../shared/api/useApiErrorHandler.ts';
import { intlLocale, useFormatters } from '../../shared/i18n/format.ts';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { PageLoader, QueryError } from '../../shared/ui/QueryStates.tsx';
import { fileHead } from '../tracking/api.ts';
import { MappingStep } from '../tracking/MappingStep.tsx';
import type { ImportReading } from '../tracking/rules.ts';
import { useCurrentWorkspace, useWorkspace } from '../workspaces/api.ts';
import { useAddRate, useBulkRates, useDeleteRate, useExchangeRates, useImportRates } from './api.ts';
import { type BulkLineError, isRateDecimal, parseBulkRates } from './rules.ts';

/** An exact decimal in the user's locale ("0,0112" in Russian) without going through a float. */
function formatRate(rate: string, lng: string): string {
  const [int = '0', frac] = rate.split('.');
  const grouped = new Intl.NumberFormat(intlLocale(lng)).format(BigInt(int));
  const sep = lng === 'ru' ? ',' : '.';
  return frac ? `${grouped}${sep}${frac}` : grouped;
}

export function RatesPage() {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const { workspaceId, canWrite } = useCurrentWorkspace();
  const workspace = useWorkspace(workspaceId);
  const rates = useExchangeRates(workspaceId);
  const remove = useDeleteRate(workspaceId);
  const handleError = useApiErrorHandler();
  const reporting = workspace.data?.reportingCurrency ?? '';
  const sorted = [...(rates.data ?? [])].sort(
    (a, b) => b.onDate.localeCompare(a.onDate) || a.currency.localeCompare(b.currency),
  );
  return (
    <>
      <PageHeader
        title={t('rates.title')}
        description={reporting ? t('rates.description', { reporting }) : undefined}
      />
      <Stack gap="lg">
        {!canWrite ? (
          <Alert color="gray" variant="light" icon={<IconLock size={18} aria-hidden />}>
            {t('rates.readOnly')}
          </Alert>
        ) : (
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <AddRateForm workspaceId={workspaceId} reporting={reporting} />
            <BulkRatesForm workspaceId={workspaceId} />
          </SimpleGrid>
        )}
        {rates.isPending || workspace.isPending ? (
          <PageLoader />
        ) : rates.isError ? (
          <QueryError error={rates.error} onRetry={() => void rates.refetch()} />
        ) : sorted.length === 0 ? (
          <Text c="dimmed" size="sm" data-testid="rates-empty">
            {t('rates.empty')}
          </Text>
        ) : (
          <Paper withBorder radius="md">
            <Table.ScrollContainer minWidth={520}>
              <Table verticalSpacing="xs" striped data-testid="rates-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('rates.columns.date')}</Table.Th>
                    <Table.Th>{t('rates.columns.currency')}</Table.Th>
                    <Table.Th ta="right">{t('rates.columns.rate')}</Table.Th>
                    <Table.Th>{t('rates.columns.meaning')}</Table.Th>
                    {canWrite ? (
                      <Table.Th w={48}>
                        <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                      </Table.Th>
                    ) : null}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {sorted.map((r: ExchangeRate) => (
                    <Table.Tr key={r.id} data-testid={`rate-row-${r.currency}-${r.onDate}`}>
                      <Table.Td>{fmt.day(r.onDate)}</Table.Td>
                      <Table.Td>
                        <Text size="sm" fw={500} span>
                          {r.currency}
                        </Text>{' '}
                        <Text size="xs" c="dimmed" span>
                          {fmt.currency(r.currency) ?? ''}
                        </Text>
                      </Table.Td>
                      <Table.Td ta="right" ff="monospace">
                        {formatRate(r.rate, fmt.lng)}
                      </Table.Td>
                      <Table.Td>
                        <Text size="xs" c="dimmed">
                          {t('rates.meaning', {
                            currency: r.currency,
                            rate: formatRate(r.rate, fmt.lng),
                            reporting: r.reportingCurrency,
                          })}
                        </Text>
                      </Table.Td>
                      {canWrite ? (
                        <Table.Td>
                          <Tooltip label={t('rates.delete')}>
                            <ActionIcon
                              variant="subtle"
                              color="red"
                              aria-label={t('rates.deleteLabel', {
                                currency: r.currency,
                                on: fmt.day(r.onDate),
                              })}
                              loading={remove.isPending && remove.variables === r.id}
                              onClick={() =>
                                remove.mutate(r.id, {
                                  onSuccess: () =>
                                    notifications.show({ color: 'teal', message: t('rates.deleted') }),
                                  onError: (error) => handleError(error),
                                })
                              }
                              data-testid={`rate-delete-${r.id}`}
                            >
                              <IconTrash size={16} aria-hidden />
                            </ActionIcon>
                          </Tooltip>
                        </Table.Td>
                      ) : null}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        )}
      </Stack>
    </>
  );
}

function AddRateForm({ workspaceId, reporting }: { workspaceId: string; reporting: string }) {
  const { t } = useTranslation();
  const add = useAddRate(workspaceId);
  const handleError = useApiErrorHandler();
  const form = useForm({
    initialValues: { currency: '', onDate: utcToday(), rate: '' },
    validate: {
      currency: (v) => (/^[A-Za-z]{3}$/.test(v.trim()) ? null : t('rates.errors.currency')),
      onDate: (v) => (isDay(v) ? null : t('rates.errors.date')),
      rate: (v) => (isRateDecimal(v.trim().replace(',', '.')) ? null : t('rates.errors.rate')),
    },
  });
  const submit = form.onSubmit((values) => {
    add.mutate(
      {
        currency: values.currency.trim().toUpperCase(),
        onDate: values.onDate,
        rate: values.rate.trim().replace(',', '.'),
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('rates.added') });
          form.setValues({ currency: values.currency, onDate: values.onDate, rate: '' });
        },
        onError: (error) =>
          isApiError(error, 'conflict')
            ? form.setFieldError('onDate', t('rates.errors.duplicate'))
            : handleError(error, form),
      },
    );
  });
  return (
    <Paper withBorder radius="md" p="md">
      <form onSubmit={submit} noValidate data-testid="rate-add-form">
        <Stack gap="sm">
          <Title order={3} size="h5">
            {t('rates.addTitle')}
          </Title>
          <Group gap="sm" align="flex-start" grow>
            <TextInput
              label={t('rates.columns.currency')}
              placeholder="EUR"
              maxLength={3}
              required
              data-testid="rate-add-currency"
              {...form.getInputProps('currency')}
            />
            <TextInput
              type="date"
              label={t('rates.columns.date')}
              required
              data-testid="rate-add-date"
              {...form.getInputProps('onDate')}
            />
          </Group>
          <TextInput
            label={t('rates.rateLabel', { reporting })}
            description={t('rates.rateHint', { reporting })}
            placeholder="1.085"
            inputMode="decimal"
            required
            data-testid="rate-add-rate"
            {...form.getInputProps('rate')}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={add.isPending} data-testid="rate-add-submit">
              {t('rates.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function BulkRatesForm({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const bulk = useBulkRates(workspaceId);
  const handleError = useApiErrorHandler();
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<BulkLineError[]>([]);
  const [empty, setEmpty] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseBulkRates(text);
    setErrors(parsed.errors);
    setEmpty(parsed.rates.length === 0 && parsed.errors.length === 0);
    if (parsed.errors.length > 0 || parsed.rates.length === 0) return;
    bulk.mutate(parsed.rates, {
      onSuccess: (result) => {
        notifications.show({
          color: 'teal',
          message: t('rates.bulkDone', { created: result.created, updated: result.updated }),
        });
        setText('');
      },
      onError: (error) => handleError(error),
    });
  };
  return (
    <Paper withBorder radius="md" p="md">
      <form onSubmit={submit} noValidate data-testid="rates-bulk-form">
        <Stack gap="sm">
          <Title order={3} size="h5">
            {t('rates.bulkTitle')}
          </Title>
          <Textarea
            label={t('rates.bulkLabel')}
            description={t('rates.bulkHint')}
            placeholder={'2026-01-01,EUR,1.085\n2026-01-01,RUB,0.0112'}
            autosize
            minRows={4}
            maxRows={12}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            styles={{ input: { fontFamily: 'monospace' } }}
            error={empty ? t('rates.bulkEmpty') : undefined}
            data-testid="rates-bulk-text"
          />
          {errors.length > 0 ? (
            <Alert
              color="red"
              variant="light"
              title={t('rates.bulkInvalid', { count: errors.length })}
              role="alert"
            >
              <Stack gap={2}>
                {errors.slice(0, 10).map((err) => (
                  <Text key={err.line} size="xs">
                    {t('rates.bulkLine', { line: err.line, problem: t(`rates.bulkErrors.${err.error}`) })}
                    {': '}
                    <code>{err.text}</code>
                  </Text>
                ))}
              </Stack>
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button type="submit" variant="light" loading={bulk.isPending} data-testid="rates-bulk-submit">
              {t('rates.bulkSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
      <RatesImport workspaceId={workspaceId} />
    </Paper>
  );
}

/** A CSV file (date,currency,rate with a header row), imported all or nothing by the server. */
function RatesImport({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const importRates = useImportRates(workspaceId);
  const handleError = useApiErrorHandler();
  const [file, setFile] = useState<File | null>(null);
  const [problems, setProblems] = useState<FieldIssue[]>([]);
  const problemText = (p: FieldIssue) => {
    const problem = t(`rates.importErrors.${p.code ?? 'other'}`, { defaultValue: p.message });
    const row = p.params?.row;
    const column = p.params?.column;
    return row !== undefined && (column === 'date' || column === 'currency' || column === 'rate')
      ? t('rates.importRow', { row, column: t(`rates.columns.${column}`), problem })
      : problem;
  };
  const [csv, setCsv] = useState<string | null>(null);
  const [head, setHead] = useState<{ key: string; head: Blob } | null>(null);
  const [reading, setReading] = useState<ImportReading | null>(null);
  const choose = async (chosen: File | null) => {
    setFile(chosen);
    setProblems([]);
    setCsv(null);
    setHead(null);
    setReading(null);
    if (!chosen) return;
    // The mapping step first: how the columns will be read; the import follows it.
    setCsv(await chosen.text());
    setHead({ key: `${chosen.name}:${chosen.size}:${Math.random()}`, head: await fileHead(chosen) });
  };
  const submit = () => {
    if (!csv || !reading) return;
    setProblems([]);
    importRates.mutate(
      { csv, reading },
      {
        onSuccess: (result) => {
          notifications.show({
            color: 'teal',
            message: t('rates.bulkDone', { created: result.created, updated: result.updated }),
          });
          void choose(null);
        },
        onError: (error) => {
          if (isApiError(error, 'validation_failed') && error.fields.length > 0) setProblems(error.fields);
          else handleError(error);
        },
      },
    );
  };
  return (
    <Stack gap="xs" mt="md" data-testid="rates-import">
      <FileInput
        label={t('rates.importLabel')}
        description={t('rates.importHint')}
        placeholder={t('csv.choose')}
        accept=".csv,text/csv,text/plain"
        value={file}
        onChange={(chosen) => void choose(chosen)}
        clearable
        clearButtonProps={{ 'aria-label': t('imports.clearFile') }}
        disabled={importRates.isPending}
        leftSection={<IconFileUpload size={16} aria-hidden />}
        data-testid="rates-import-file"
      />
      {head ? (
        <MappingStep
          key={head.key}
          workspaceId={workspaceId}
          kind="exchange_rates"
          file={head}
          onReading={setReading}
        />
      ) : null}
      {head ? (
        <Group>
          <Button
            leftSection={<IconUpload size={16} aria-hidden />}
            onClick={submit}
            disabled={!reading}
            loading={importRates.isPending}
            data-testid="rates-import-submit"
          >
            {t('imports.start')}
          </Button>
        </Group>
      ) : null}
      {problems.length > 0 ? (
        <Alert
          color="red"
          variant="light"
          title={t('rates.bulkInvalid', { count: problems.length })}
          role="alert"
          data-testid="rates-import-errors"
        >
          <Stack gap={2}>
            {problems.slice(0, 10).map((p) => (
              <Text key={p.field} size="xs">
                {problemText(p)}
              </Text>
            ))}
          </Stack>
        </Alert>
      ) : null}
    </Stack>
  );
}
