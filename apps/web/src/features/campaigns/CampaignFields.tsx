import { campaignKinds, campaignStatuses } from '@evergreen/contracts';
import { Select, SimpleGrid, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../shared/i18n/format.ts';
import { currencyCodes, REGION_CODES } from '../../shared/regions.ts';
import { bindField, DayInput, GrowingTextarea } from '../../shared/ui/FormFields.tsx';
import type { CampaignFormValues } from './campaignForm.ts';

/** The campaign's fields, for "New campaign" and for editing on the campaign page. */
export function CampaignFields({
  form,
  productSuggestions = [],
}: {
  form: UseFormReturnType<CampaignFormValues>;
  productSuggestions?: string[];
}) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const [marketSearch, setMarketSearch] = useState('');
  const marketLabel = (code: string) => {
    const name = fmt.region(code);
    return name && name !== code ? `${code} — ${name}` : code;
  };
  const currencyData = useMemo(() => {
    const codes = new Set(currencyCodes());
    codes.add(form.values.budgetCurrency);
    return [...codes].sort();
  }, [form.values.budgetCurrency]);
  const statusData = campaignStatuses.map((value) => ({ value, label: t(`campaigns.status.${value}`) }));

  return (
    <Stack gap="md">
      <TextInput
        label={t('campaigns.fields.name')}
        placeholder={t('campaigns.fields.namePlaceholder')}
        required
        {...bindField(form, 'name', 'campaign-name')}
      />
      <TagsInput
        label={t('campaigns.fields.products')}
        description={t('campaigns.fields.productsHint')}
        data={productSuggestions}
        splitChars={[',', ';']}
        maxTags={50}
        clearable
        {...bindField(form, 'products', 'campaign-products')}
      />
      <TagsInput
        label={t('campaigns.fields.markets')}
        description={t('campaigns.fields.marketsHint')}
        data={marketSearch.trim() ? REGION_CODES : []}
        searchValue={marketSearch}
        onSearchChange={setMarketSearch}
        splitChars={[',', ' ', ';']}
        maxTags={50}
        limit={8}
        clearable
        renderOption={({ option }) => <Text size="sm">{marketLabel(option.value)}</Text>}
        filter={({ options, search }) => {
          const q = search.trim().toLowerCase();
          if (!q) return options;
          return options.filter((o) => 'value' in o && marketLabel(o.value).toLowerCase().includes(q));
        }}
        {...bindField(form, 'markets', 'campaign-markets')}
        onChange={(value: string[]) =>
          form.setFieldValue('markets', [
            ...new Set(value.map((m) => m.trim().toUpperCase()).filter(Boolean)),
          ])
        }
      />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <DayInput
          label={t('campaigns.fields.startsOn')}
          required
          {...bindField(form, 'startsOn', 'campaign-start')}
        />
        <DayInput
          label={t('campaigns.fields.endsOn')}
          required
          min={form.values.startsOn || undefined}
          {...bindField(form, 'endsOn', 'campaign-end')}
        />
        <Select
          label={t('campaigns.fields.status')}
          data={statusData}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          {...bindField(form, 'status', 'campaign-status')}
        />
        <Select
          label={t('campaigns.fields.kind')}
          description={t('campaigns.fields.kindHint')}
          data={campaignKinds.map((value) => ({ value, label: t(`campaigns.kind.${value}`) }))}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          {...bindField(form, 'kind', 'campaign-kind')}
        />
      </SimpleGrid>
      <GrowingTextarea
        label={t('campaigns.fields.outcome')}
        description={t('campaigns.fields.outcomeHint')}
        placeholder={t('campaigns.fields.outcomePlaceholder')}
        {...bindField(form, 'outcome', 'campaign-outcome')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('campaigns.fields.targetMetric')}
          placeholder={t('campaigns.fields.targetMetricPlaceholder')}
          {...bindField(form, 'targetMetric', 'campaign-target-metric')}
        />
        <TextInput
          label={t('campaigns.fields.targetValue')}
          placeholder="20"
          inputMode="decimal"
          {...bindField(form, 'targetValue', 'campaign-target-value')}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('campaigns.fields.budget')}
          description={t('campaigns.fields.budgetHint')}
          inputMode="decimal"
          {...bindField(form, 'budgetAmount', 'campaign-budget')}
        />
        <Select
          label={t('campaigns.fields.currency')}
          description={t('campaigns.fields.currencyHint')}
          data={currencyData}
          searchable
          limit={50}
          allowDeselect={false}
          nothingFoundMessage={t('common.nothingFound')}
          comboboxProps={{ withinPortal: true }}
          {...bindField(form, 'budgetCurrency', 'campaign-currency')}
        />
      </SimpleGrid>
    </Stack>
  );
}
