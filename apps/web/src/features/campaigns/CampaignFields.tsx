import { campaignKinds, campaignStatuses } from '@evergreen/contracts';
import { Select, SimpleGrid, Stack, TagsInput, Text, Textarea, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../shared/i18n/format.ts';
import { currencyCodes, REGION_CODES } from '../../shared/regions.ts';
import { DayInput } from '../../shared/ui/FormFields.tsx';
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
        data-testid="campaign-name"
        {...form.getInputProps('name')}
      />
      <TagsInput
        label={t('campaigns.fields.products')}
        description={t('campaigns.fields.productsHint')}
        data={productSuggestions}
        splitChars={[',', ';']}
        maxTags={50}
        clearable
        data-testid="campaign-products"
        {...form.getInputProps('products')}
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
        data-testid="campaign-markets"
        {...form.getInputProps('markets')}
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
          data-testid="campaign-start"
          {...form.getInputProps('startsOn')}
        />
        <DayInput
          label={t('campaigns.fields.endsOn')}
          required
          min={form.values.startsOn || undefined}
          data-testid="campaign-end"
          {...form.getInputProps('endsOn')}
        />
        <Select
          label={t('campaigns.fields.status')}
          data={statusData}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          data-testid="campaign-status"
          {...form.getInputProps('status')}
        />
        <Select
          label={t('campaigns.fields.kind')}
          description={t('campaigns.fields.kindHint')}
          data={campaignKinds.map((value) => ({ value, label: t(`campaigns.kind.${value}`) }))}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          data-testid="campaign-kind"
          {...form.getInputProps('kind')}
        />
      </SimpleGrid>
      <Textarea
        label={t('campaigns.fields.outcome')}
        description={t('campaigns.fields.outcomeHint')}
        placeholder={t('campaigns.fields.outcomePlaceholder')}
        autosize
        minRows={2}
        data-testid="campaign-outcome"
        {...form.getInputProps('outcome')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('campaigns.fields.targetMetric')}
          placeholder={t('campaigns.fields.targetMetricPlaceholder')}
          data-testid="campaign-target-metric"
          {...form.getInputProps('targetMetric')}
        />
        <TextInput
          label={t('campaigns.fields.targetValue')}
          placeholder="20"
          inputMode="decimal"
          data-testid="campaign-target-value"
          {...form.getInputProps('targetValue')}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('campaigns.fields.budget')}
          description={t('campaigns.fields.budgetHint')}
          inputMode="decimal"
          data-testid="campaign-budget"
          {...form.getInputProps('budgetAmount')}
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
          data-testid="campaign-currency"
          {...form.getInputProps('budgetCurrency')}
        />
      </SimpleGrid>
    </Stack>
  );
}
