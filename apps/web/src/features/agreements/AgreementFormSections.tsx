import { type AgreementType, agreementTypes } from '@evergreen/contracts';
import { Group, Select, SimpleGrid, Switch, Text, Textarea, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../shared/i18n/format.ts';
import {
  DayInput,
  FormSection,
  hintBelow,
  SegmentedField,
  WholeNumberInput,
} from '../../shared/ui/FormFields.tsx';
import { type AgreementFormValues, intOrNull, typeFields } from './agreementForm.ts';
import { RateRowsField } from './RateRowsField.tsx';

export const Section = FormSection;

export const isType = (value: string): value is AgreementType =>
  (agreementTypes as readonly string[]).includes(value);

/** The agreement form's state, as each section gets it. */
export type AgreementFormApi = UseFormReturnType<AgreementFormValues>;

/** The type, title, start, term and currency. */
export function BasicsSection({
  form,
  defaultTitle,
  endsOn,
  currencies,
  onType,
}: {
  form: AgreementFormApi;
  defaultTitle: string;
  endsOn: string | null;
  currencies: string[];
  onType: (value: string) => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const v = form.values;
  return (
    <Section title={t('agreements.form.sections.basics')}>
      <SegmentedField
        label={t('agreements.form.type')}
        hint={t(`agreements.typeHints.${v.type}`)}
        value={v.type}
        onChange={onType}
        fullWidth
        aria-label={t('agreements.form.type')}
        testId="agreement-type"
        options={agreementTypes.map((type) => ({ value: type, label: t(`agreements.types.${type}`) }))}
      />
      <TextInput
        label={t('agreements.form.title')}
        placeholder={defaultTitle}
        description={t('agreements.form.titleHint')}
        {...hintBelow}
        data-testid="agreement-title"
        {...form.getInputProps('title')}
      />
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
        <DayInput
          label={t('agreements.form.startsOn')}
          required
          data-testid="agreement-start"
          {...form.getInputProps('startsOn')}
        />
        <WholeNumberInput
          label={t('agreements.form.termMonths')}
          min={1}
          max={120}
          required
          description={endsOn ? t('agreements.form.termEnds', { date: fmt.day(endsOn) }) : undefined}
          {...hintBelow}
          data-testid="agreement-term"
          {...form.getInputProps('termMonths')}
        />
        <Select
          label={t('agreements.form.currency')}
          data={currencies}
          searchable
          allowDeselect={false}
          limit={50}
          required
          data-testid="agreement-currency"
          {...form.getInputProps('currency')}
        />
      </SimpleGrid>
    </Section>
  );
}

/** What the creator commits to and is paid: counts, fees and rates, as the type asks. */
export function CommitmentSection({
  form,
  moneyHint,
}: {
  form: AgreementFormApi;
  moneyHint: (raw: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const v = form.values;
  const fields = typeFields[v.type];
  return (
    <Section title={t('agreements.form.sections.commitment')}>
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        {fields.collabs ? (
          <WholeNumberInput
            label={t('agreements.form.collaborationsPerYear')}
            min={0}
            max={1000}
            data-testid="agreement-collabs"
            {...form.getInputProps('collaborationsPerYear')}
          />
        ) : null}
        {fields.perMonth ? (
          <WholeNumberInput
            label={t('agreements.form.deliverablesPerMonth')}
            min={0}
            max={1000}
            data-testid="agreement-per-month"
            {...form.getInputProps('deliverablesPerMonth')}
          />
        ) : null}
        {fields.monthlyFee ? (
          <TextInput
            label={t('agreements.form.monthlyFee')}
            placeholder={t('creatorForm.amountPlaceholder')}
            inputMode="decimal"
            required
            description={moneyHint(v.monthlyFee)}
            {...hintBelow}
            data-testid="agreement-monthly-fee"
            {...form.getInputProps('monthlyFee')}
          />
        ) : null}
        {fields.fee ? (
          <TextInput
            label={t('agreements.form.fee')}
            placeholder={t('creatorForm.amountPlaceholder')}
            inputMode="decimal"
            required
            description={moneyHint(v.fee)}
            {...hintBelow}
            data-testid="agreement-fee"
            {...form.getInputProps('fee')}
          />
        ) : null}
      </SimpleGrid>
      <Text size="sm" fw={500} mt={4}>
        {v.type === 'annual' ? t('agreements.form.rates') : t('agreements.form.ratesOptional')}
      </Text>
      <RateRowsField
        form={form}
        testIdPrefix="agreement"
        labels={{
          none: t('agreements.form.noRates'),
          deliverableType: t('agreements.form.deliverableType'),
          amount: t('agreements.form.amount'),
          remove: t('agreements.form.removeRate'),
          add: t('agreements.form.addRate'),
        }}
        amountHint={(row) => moneyHint(row.amount)}
        newRow={() => ({ deliverableType: '', amount: '' })}
      />
    </Section>
  );
}

/** Usage rights and exclusivity. */
export function RightsSection({ form }: { form: AgreementFormApi }) {
  const { t } = useTranslation();
  return (
    <Section title={t('agreements.form.sections.rights')}>
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
        <WholeNumberInput
          label={t('agreements.form.usagePeriodDays')}
          description={t('agreements.form.usageHint')}
          {...hintBelow}
          min={0}
          max={36500}
          data-testid="agreement-usage-days"
          {...form.getInputProps('usagePeriodDays')}
        />
        <TextInput
          label={t('agreements.form.exclusivityCategory')}
          placeholder={t('agreements.form.exclusivityPlaceholder')}
          data-testid="agreement-exclusivity-category"
          {...form.getInputProps('exclusivityCategory')}
        />
        <WholeNumberInput
          label={t('agreements.form.exclusivityDays')}
          min={0}
          max={3650}
          data-testid="agreement-exclusivity-days"
          {...form.getInputProps('exclusivityDays')}
        />
      </SimpleGrid>
      <Group gap="xl">
        <Switch
          label={t('agreements.form.paidUsage')}
          data-testid="agreement-paid-usage"
          {...form.getInputProps('paidUsage', { type: 'checkbox' })}
        />
        <Switch
          label={t('agreements.form.whitelisting')}
          data-testid="agreement-whitelisting"
          {...form.getInputProps('whitelisting', { type: 'checkbox' })}
        />
      </Group>
    </Section>
  );
}

/** Renewal, notice, payment terms and the rate review bound. */
export function RenewalSection({ form }: { form: AgreementFormApi }) {
  const { t } = useTranslation();
  const term = intOrNull(form.values.termMonths);
  return (
    <Section title={t('agreements.form.sections.renewal')}>
      <Switch
        label={t('agreements.form.autoRenew')}
        description={t('agreements.form.autoRenewHint')}
        data-testid="agreement-auto-renew"
        {...form.getInputProps('autoRenew', { type: 'checkbox' })}
      />
      <SimpleGrid cols={{ base: 1, xs: 2, sm: 4 }} spacing="sm">
        <WholeNumberInput
          label={t('agreements.form.paymentTermsDays')}
          min={0}
          max={365}
          required
          data-testid="agreement-payment-days"
          {...form.getInputProps('paymentTermsDays')}
        />
        <WholeNumberInput
          label={t('agreements.form.renewalTermMonths')}
          placeholder={term ? String(term) : undefined}
          description={t('agreements.form.renewalTermHint')}
          {...hintBelow}
          min={1}
          max={120}
          data-testid="agreement-renewal-term"
          {...form.getInputProps('renewalTermMonths')}
        />
        <WholeNumberInput
          label={t('agreements.form.noticeDays')}
          min={0}
          max={365}
          required
          data-testid="agreement-notice-days"
          {...form.getInputProps('noticeDays')}
        />
        <TextInput
          label={t('agreements.form.reviewMaxAdjustPct')}
          description={t('agreements.form.reviewHint')}
          {...hintBelow}
          inputMode="decimal"
          rightSection={
            <Text size="sm" c="dimmed">
              %
            </Text>
          }
          required
          data-testid="agreement-review-pct"
          {...form.getInputProps('reviewMaxAdjustPct')}
        />
      </SimpleGrid>
    </Section>
  );
}

/** The document's language and notes. */
export function OtherSection({ form }: { form: AgreementFormApi }) {
  const { t } = useTranslation();
  return (
    <Section title={t('agreements.form.sections.other')}>
      <Select
        label={t('agreements.form.language')}
        description={t('agreements.form.languageHint')}
        {...hintBelow}
        data={[
          { value: 'en', label: 'English' },
          { value: 'ru', label: 'Русский' },
        ]}
        allowDeselect={false}
        w={{ base: '100%', xs: 260 }}
        data-testid="agreement-language"
        {...form.getInputProps('language')}
      />
      <Textarea
        label={t('agreements.form.notes')}
        autosize
        minRows={2}
        maxRows={8}
        data-testid="agreement-notes"
        {...form.getInputProps('notes')}
      />
    </Section>
  );
}
