import {
  isIanaTimeZone,
  type Language,
  type UpdateWorkspaceRequest,
  type Workspace,
} from '@evergreen/contracts';
import { Select, type SelectProps, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../shared/i18n/format.ts';
import { CURRENCY_CODE, currencyCodes, MARKET_CODE } from '../../shared/regions.ts';
import { bindField } from '../../shared/ui/FormFields.tsx';
import { MarketsInput, useMarketLabel } from '../../shared/ui/MarketsInput.tsx';
import { validators } from '../../shared/validation.ts';

export interface WorkspaceFormValues {
  name: string;
  reportingCurrency: string;
  fiscalYearStartMonth: string;
  markets: string[];
  defaultLanguage: Language;
  timeZone: string;
}

/** The browser's own zone, suggested for a new workspace. */
const browserZone = () => {
  const z = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return z && isIanaTimeZone(z) ? z : 'UTC';
};

/** Every IANA zone the browser knows, UTC first. */
function zoneNames(current: string): string[] {
  const all = (Intl as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  return [...new Set(['UTC', current, ...all])];
}

export function workspaceFormValues(ws: Workspace | null, fallbackLanguage: Language): WorkspaceFormValues {
  return {
    name: ws?.name ?? '',
    reportingCurrency: ws?.reportingCurrency ?? 'USD',
    fiscalYearStartMonth: String(ws?.fiscalYearStartMonth ?? 1),
    markets: ws?.markets ?? [],
    defaultLanguage: ws?.defaultLanguage ?? fallbackLanguage,
    timeZone: ws?.timeZone ?? browserZone(),
  };
}

export function toWorkspaceRequest(values: WorkspaceFormValues): Required<UpdateWorkspaceRequest> {
  return {
    name: values.name.trim(),
    reportingCurrency: values.reportingCurrency,
    fiscalYearStartMonth: Number(values.fiscalYearStartMonth),
    markets: values.markets,
    defaultLanguage: values.defaultLanguage,
    timeZone: values.timeZone,
  };
}

export function workspaceValidation(t: TFunction) {
  const v = validators(t);
  return {
    name: (value: string) => v.required(value) ?? v.maxLength(120)(value),
    reportingCurrency: (value: string) => (CURRENCY_CODE.test(value) ? null : t('validation.currency')),
    markets: (value: string[]) => (value.every((m) => MARKET_CODE.test(m)) ? null : t('validation.market')),
    timeZone: (value: string) => (isIanaTimeZone(value) ? null : t('workspace.fields.timeZoneInvalid')),
  };
}

interface WorkspaceFieldsProps {
  form: UseFormReturnType<WorkspaceFormValues>;
  testIdPrefix: string;
  readOnly?: boolean;
}

/** Name, reporting currency, fiscal year, markets and default language: shared by create and settings. */
export function WorkspaceFields({ form, testIdPrefix, readOnly = false }: WorkspaceFieldsProps) {
  const { t } = useTranslation();
  const fmt = useFormatters();

  const currencyData = useMemo(() => {
    const codes = new Set(currencyCodes());
    codes.add(form.values.reportingCurrency);
    return [...codes].sort().map((code) => {
      const name = fmt.currency(code);
      return { value: code, label: name && name !== code ? `${code} — ${name}` : code };
    });
  }, [fmt.currency, form.values.reportingCurrency]);

  const monthData = useMemo(
    () => Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: fmt.month(i + 1) })),
    [fmt.month],
  );

  const zoneData = useMemo(() => zoneNames(form.values.timeZone), [form.values.timeZone]);

  const languageData = [
    { value: 'en', label: 'English' },
    { value: 'ru', label: 'Русский' },
  ];

  const marketLabel = useMarketLabel();
  const selectCommon: Partial<SelectProps> = {
    allowDeselect: false,
    readOnly,
    comboboxProps: { withinPortal: true },
  };

  return (
    <Stack gap="md">
      <TextInput
        label={t('workspace.fields.name')}
        required={!readOnly}
        readOnly={readOnly}
        {...bindField(form, 'name', `${testIdPrefix}-name`)}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          {...selectCommon}
          label={t('workspace.fields.reportingCurrency')}
          description={t('workspace.fields.reportingCurrencyHint')}
          data={currencyData}
          searchable
          limit={50}
          nothingFoundMessage={t('common.nothingFound')}
          {...bindField(form, 'reportingCurrency', `${testIdPrefix}-currency`)}
        />
        <Select
          {...selectCommon}
          label={t('workspace.fields.fiscalYearStart')}
          description={t('workspace.fields.fiscalYearStartHint')}
          data={monthData}
          {...bindField(form, 'fiscalYearStartMonth', `${testIdPrefix}-fiscal-month`)}
        />
      </SimpleGrid>
      <MarketsInput
        label={t('workspace.fields.markets')}
        description={t('workspace.fields.marketsHint')}
        readOnly={readOnly}
        testId={`${testIdPrefix}-markets`}
        {...form.getInputProps('markets')}
      />
      {form.values.markets.length > 0 ? (
        <Text size="xs" c="dimmed" mt={-8} data-testid={`${testIdPrefix}-market-names`}>
          {form.values.markets.map(marketLabel).join(' · ')}
        </Text>
      ) : null}
      <Select
        {...selectCommon}
        label={t('workspace.fields.defaultLanguage')}
        description={t('workspace.fields.defaultLanguageHint')}
        data={languageData}
        {...bindField(form, 'defaultLanguage', `${testIdPrefix}-language`)}
      />
      <Select
        {...selectCommon}
        label={t('workspace.fields.timeZone')}
        description={t('workspace.fields.timeZoneHint')}
        data={zoneData}
        searchable
        limit={50}
        nothingFoundMessage={t('common.nothingFound')}
        {...bindField(form, 'timeZone', `${testIdPrefix}-time-zone`)}
      />
    </Stack>
  );
}
