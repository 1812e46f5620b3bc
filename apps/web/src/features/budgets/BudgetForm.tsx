import '@mantine/charts/styles.css';
import type { Budget, TierPolicy, Workspace } from '@evergreen/contracts';
import { Checkbox, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCurrencyDollar } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormSubmit } from '../../shared/api/useFormSubmit.ts';
import { useFormatters } from '../../shared/i18n/format.ts';
import { currencyDigits, formatMoney, minorToInput, parseAmount } from '../../shared/money.ts';
import { FormActions, StackForm } from '../../shared/ui/FormActions.tsx';
import { bindField } from '../../shared/ui/FormFields.tsx';
import { useSaveBudget } from './api.ts';
import { normalizePercent, PERCENT, sumHundredths } from './rules.ts';

export interface BudgetValues {
  total: string;
  shares: string[];
  splitByMarket: boolean;
  markets: { market: string; sharePct: string }[];
  notes: string;
}

export function BudgetForm({
  workspaceId,
  year,
  workspace,
  tiers,
  budget,
  onDone,
}: {
  workspaceId: string;
  year: number;
  workspace: Workspace;
  tiers: TierPolicy[];
  budget: Budget | null;
  onDone?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'en';
  const fmt = useFormatters();
  const save = useSaveBudget(workspaceId);
  const currency = budget?.currency ?? workspace.reportingCurrency;
  const digits = currencyDigits(currency);
  const sorted = [...tiers].sort((a, b) => a.tier - b.tier);
  const shareOf = (tier: number) =>
    budget?.tierShares.find((s) => s.tier === tier)?.sharePct ??
    sorted.find((p) => p.tier === tier)?.budgetSharePct ??
    '0';
  const marketCodes = budget?.marketSplit?.map((m) => m.market) ?? workspace.markets;

  const form = useForm<BudgetValues>({
    initialValues: {
      total: budget ? minorToInput(budget.totalMinor, digits, lng) : '',
      shares: [1, 2, 3].map(shareOf),
      splitByMarket: Boolean(budget?.marketSplit?.length),
      markets: marketCodes.map((market) => ({
        market,
        sharePct:
          budget?.marketSplit?.find((m) => m.market === market)?.sharePct ??
          (marketCodes.length > 0 ? '' : '0'),
      })),
      notes: budget?.notes ?? '',
    },
    validate: (values) => {
      const errors: Record<string, string> = {};
      const total = parseAmount(values.total, digits, lng);
      if (!total.ok) errors.total = t(`creatorForm.amountErrors.${total.error}`, { digits });
      values.shares.forEach((s, i) => {
        if (!PERCENT.test(normalizePercent(s)) || Number(normalizePercent(s)) > 100)
          errors[`shares.${i}`] = t('budgets.form.percentInvalid');
      });
      if (sumHundredths(values.shares) !== 10_000) errors.sharesTotal = t('budgets.form.sharesMustBe100');
      if (values.splitByMarket) {
        values.markets.forEach((m, i) => {
          if (!PERCENT.test(normalizePercent(m.sharePct)))
            errors[`markets.${i}.sharePct`] = t('budgets.form.percentInvalid');
        });
        if (sumHundredths(values.markets.map((m) => m.sharePct)) !== 10_000)
          errors.marketsTotal = t('budgets.form.sharesMustBe100');
      }
      return errors;
    },
  });

  const v = form.values;
  const parsedTotal = parseAmount(v.total, digits, lng);
  const sharesSum = sumHundredths(v.shares);
  const marketsSum = sumHundredths(v.markets.map((m) => m.sharePct));

  const send = useFormSubmit(save, form, {
    done: () => t('budgets.form.saved'),
    after: () => onDone?.(),
    fieldAliases: { totalMinor: 'total', tierShares: 'sharesTotal', marketSplit: 'marketsTotal' },
  });
  const submit = form.onSubmit((values) => {
    const total = parseAmount(values.total, digits, lng);
    if (!total.ok) return;
    const body = {
      totalMinor: total.minor,
      tierShares: values.shares.map((s, i) => ({ tier: i + 1, sharePct: normalizePercent(s) })),
      marketSplit: values.splitByMarket
        ? values.markets.map((m) => ({ market: m.market, sharePct: normalizePercent(m.sharePct) }))
        : null,
      notes: values.notes.trim() || null,
    };
    send(budget ? { create: false, year, body } : { create: true, body: { fiscalYear: year, ...body } });
  });

  const sumText = (sum: number | null) => (sum === null ? '—' : fmt.percent(String(sum / 100)));

  return (
    <StackForm onSubmit={submit} testId="budget-form">
      <TextInput
        label={t('budgets.form.total', { currency })}
        description={
          parsedTotal.ok
            ? formatMoney(parsedTotal.minor, currency, lng)
            : t('budgets.form.totalHint', { currency })
        }
        placeholder={t('creatorForm.amountPlaceholder')}
        leftSection={<IconCurrencyDollar size={16} aria-hidden />}
        required
        inputMode="decimal"
        {...bindField(form, 'total', 'budget-total')}
      />
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {t('budgets.form.shares')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('budgets.form.sharesHint')}
        </Text>
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
          {sorted.map((policy, i) => (
            <TextInput
              key={policy.tier}
              label={t('budgets.tierLabel', { tier: policy.tier, name: policy.name })}
              rightSection={<Text size="sm">%</Text>}
              inputMode="decimal"
              description={t('budgets.form.defaultShare', { pct: fmt.percent(policy.budgetSharePct) })}
              {...bindField(form, `shares.${i}`, `budget-share-${policy.tier}`)}
            />
          ))}
        </SimpleGrid>
        <Text
          size="sm"
          c={sharesSum === 10_000 ? 'teal' : 'red'}
          data-testid="budget-shares-sum"
          role={form.errors.sharesTotal ? 'alert' : undefined}
        >
          {t('budgets.form.sharesSum', { sum: sumText(sharesSum) })}
          {form.errors.sharesTotal ? ` · ${form.errors.sharesTotal}` : ''}
        </Text>
      </Stack>
      {v.markets.length > 0 ? (
        <Stack gap="xs">
          <Checkbox
            label={t('budgets.form.splitByMarket')}
            description={t('budgets.form.splitHint')}
            {...bindField(form, 'splitByMarket', 'budget-split-markets', 'checkbox')}
          />
          {v.splitByMarket ? (
            <>
              <SimpleGrid cols={{ base: 2, xs: 4 }} spacing="sm">
                {v.markets.map((m, i) => (
                  <TextInput
                    key={m.market}
                    label={fmt.region(m.market) ?? m.market}
                    rightSection={<Text size="sm">%</Text>}
                    inputMode="decimal"
                    {...bindField(form, `markets.${i}.sharePct`, `budget-market-${m.market}`)}
                  />
                ))}
              </SimpleGrid>
              <Text size="sm" c={marketsSum === 10_000 ? 'teal' : 'red'}>
                {t('budgets.form.sharesSum', { sum: sumText(marketsSum) })}
                {form.errors.marketsTotal ? ` · ${form.errors.marketsTotal}` : ''}
              </Text>
            </>
          ) : null}
        </Stack>
      ) : null}
      <Textarea label={t('budgets.form.notes')} autosize minRows={2} {...form.getInputProps('notes')} />
      <FormActions
        onCancel={onDone}
        loading={save.isPending}
        label={budget ? t('common.save') : t('budgets.form.create')}
        testId="budget-save"
        gap="md"
      />
    </StackForm>
  );
}
