import type { FieldIssue } from '@evergreen/contracts';
import { isDay, utcToday } from '@evergreen/rules';
import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconUpload } from '@tabler/icons-react';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../shared/api/client.ts';
import { useFormSubmit } from '../../shared/api/useFormSubmit.ts';
import { CardForm, FormActions } from '../../shared/ui/FormActions.tsx';
import { bindField, DayInput, GrowingTextarea } from '../../shared/ui/FormFields.tsx';
import { CsvFileStep, useCsvFile } from '../tracking/CsvFileStep.tsx';
import { useAddRate, useBulkRates, useImportRates } from './api.ts';
import { type BulkLineError, isRateDecimal, parseBulkRates } from './rules.ts';

export function AddRateForm({ workspaceId, reporting }: { workspaceId: string; reporting: string }) {
  const { t } = useTranslation();
  const add = useAddRate(workspaceId);
  const form = useForm({
    initialValues: { currency: '', onDate: utcToday(), rate: '' },
    validate: {
      currency: (v) => (/^[A-Za-z]{3}$/.test(v.trim()) ? null : t('rates.errors.currency')),
      onDate: (v) => (isDay(v) ? null : t('rates.errors.date')),
      rate: (v) => (isRateDecimal(v.trim().replace(',', '.')) ? null : t('rates.errors.rate')),
    },
  });
  const send = useFormSubmit(add, form, {
    done: () => t('rates.added'),
    onError: (error, fallback) =>
      isApiError(error, 'conflict') ? form.setFieldError('onDate', t('rates.errors.duplicate')) : fallback(),
  });
  const submit = form.onSubmit((values) =>
    send(
      {
        currency: values.currency.trim().toUpperCase(),
        onDate: values.onDate,
        rate: values.rate.trim().replace(',', '.'),
      },
      { after: () => form.setValues({ currency: values.currency, onDate: values.onDate, rate: '' }) },
    ),
  );
  return (
    <CardForm onSubmit={submit} testId="rate-add-form" title={t('rates.addTitle')}>
      <Group gap="sm" align="flex-start" grow>
        <TextInput
          label={t('rates.columns.currency')}
          placeholder="EUR"
          maxLength={3}
          required
          {...bindField(form, 'currency', 'rate-add-currency')}
        />
        <DayInput label={t('rates.columns.date')} required {...bindField(form, 'onDate', 'rate-add-date')} />
      </Group>
      <TextInput
        label={t('rates.rateLabel', { reporting })}
        description={t('rates.rateHint', { reporting })}
        placeholder="1.085"
        inputMode="decimal"
        required
        {...bindField(form, 'rate', 'rate-add-rate')}
      />
      <FormActions loading={add.isPending} label={t('rates.add')} testId="rate-add-submit" />
    </CardForm>
  );
}

export function BulkRatesForm({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const bulk = useBulkRates(workspaceId);
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<BulkLineError[]>([]);
  const [empty, setEmpty] = useState(false);
  const send = useFormSubmit(bulk, undefined, {
    done: (result) => t('rates.bulkDone', { created: result.created, updated: result.updated }),
    after: () => setText(''),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseBulkRates(text);
    setErrors(parsed.errors);
    setEmpty(parsed.rates.length === 0 && parsed.errors.length === 0);
    if (parsed.errors.length > 0 || parsed.rates.length === 0) return;
    send(parsed.rates);
  };
  return (
    <CardForm
      onSubmit={submit}
      testId="rates-bulk-form"
      title={t('rates.bulkTitle')}
      footer={<RatesImport workspaceId={workspaceId} />}
    >
      <GrowingTextarea
        label={t('rates.bulkLabel')}
        description={t('rates.bulkHint')}
        placeholder={'2026-01-01,EUR,1.085\n2026-01-01,RUB,0.0112'}
        minRows={4}
        maxRows={12}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        styles={{ input: { fontFamily: 'monospace' } }}
        error={empty ? t('rates.bulkEmpty') : undefined}
        data-testid="rates-bulk-text"
      />
      <InvalidRates
        problems={errors}
        line={(err) => (
          <Text key={err.line} size="xs">
            {t('rates.bulkLine', { line: err.line, problem: t(`rates.bulkErrors.${err.error}`) })}
            {': '}
            <code>{err.text}</code>
          </Text>
        )}
      />
      <FormActions
        variant="light"
        loading={bulk.isPending}
        label={t('rates.bulkSubmit')}
        testId="rates-bulk-submit"
      />
    </CardForm>
  );
}

/** Rates refused (by the browser's check or the server's), the first ten said in an alert. */
function InvalidRates<T>({
  problems,
  testId,
  line,
}: {
  problems: T[];
  testId?: string;
  line: (problem: T) => ReactNode;
}) {
  const { t } = useTranslation();
  if (problems.length === 0) return null;
  return (
    <Alert
      color="red"
      variant="light"
      title={t('rates.bulkInvalid', { count: problems.length })}
      role="alert"
      data-testid={testId}
    >
      <Stack gap={2}>{problems.slice(0, 10).map(line)}</Stack>
    </Alert>
  );
}

/** A CSV file (date,currency,rate with a header row), imported all or nothing by the server. */
export function RatesImport({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const importRates = useImportRates(workspaceId);
  const [problems, setProblems] = useState<FieldIssue[]>([]);
  const problemText = (p: FieldIssue) => {
    const problem = t(`rates.importErrors.${p.code ?? 'other'}`, { defaultValue: p.message });
    const row = p.params?.row;
    const column = p.params?.column;
    return row !== undefined && (column === 'date' || column === 'currency' || column === 'rate')
      ? t('rates.importRow', { row, column: t(`rates.columns.${column}`), problem })
      : problem;
  };
  const csvFile = useCsvFile({ onChoose: () => setProblems([]) });
  const { csv, head, reading } = csvFile;
  const send = useFormSubmit(importRates, undefined, {
    done: (result) => t('rates.bulkDone', { created: result.created, updated: result.updated }),
    after: () => void csvFile.choose(null),
    onError: (error, fallback) => {
      if (isApiError(error, 'validation_failed') && error.fields.length > 0) setProblems(error.fields);
      else fallback();
    },
  });
  const submit = () => {
    if (!csv || !reading) return;
    setProblems([]);
    send({ csv, reading });
  };
  return (
    <Stack gap="xs" mt="md" data-testid="rates-import">
      <CsvFileStep
        csvFile={csvFile}
        workspaceId={workspaceId}
        kind="exchange_rates"
        label={t('rates.importLabel')}
        description={t('rates.importHint')}
        disabled={importRates.isPending}
        data-testid="rates-import-file"
      />
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
      <InvalidRates
        problems={problems}
        testId="rates-import-errors"
        line={(p) => (
          <Text key={p.field} size="xs">
            {problemText(p)}
          </Text>
        )}
      />
    </Stack>
  );
}
