import { type AgreementType, agreementTypes } from '@evergreen/contracts';
import { Group, Select, SimpleGrid, Switch, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../shared/i18n/format.ts';
import {
  bindField,
  DayInput,
  FormSection,
  GrowingTextarea,
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
        {...bindField(form, 'title', 'agreement-title')}
      />
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
        <DayInput
          label={t('agreements.form.startsOn')}
          required
          {...bindField(form, 'startsOn', 'agreement-start')}
        />
        <WholeNumberInput
          label={t('agreements.form.termMonths')}
          min={1}
          max={120}
          required
          description={endsOn ? t('agreements.form.termEnds', { date: fmt.day(endsOn) }) : undefined}
          {...hintBelow}
          {...bindField(form, 'termMonths', 'agreement-term')}
        />
        <Select
          label={t('agreements.form.currency')}
          data={currencies}
          searchable
          allowDeselect={false}
          limit={50}
          required
          {...bindField(form, 'currency', 'agreement-currency')}
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
            {...bindField(form, 'collaborationsPerYear', 'agreement-collabs')}
          />
        ) : null}
        {fields.perMonth ? (
          <WholeNumberInput
            label={t('agreements.form.deliverablesPerMonth')}
            min={0}
            max={1000}
            {...bindField(form, 'deliverablesPerMonth', 'agreement-per-month')}
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
            {...bindField(form, 'monthlyFee', 'agreement-monthly-fee')}
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
            {...bindField(form, 'fee', 'agreement-fee')}
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
          {...bindField(form, 'usagePeriodDays', 'agreement-usage-days')}
        />
        <TextInput
          label={t('agreements.form.exclusivityCategory')}
          placeholder={t('agreements.form.exclusivityPlaceholder')}
          {...bindField(form, 'exclusivityCategory', 'agreement-exclusivity-category')}
        />
        <WholeNumberInput
          label={t('agreements.form.exclusivityDays')}
          min={0}
          max={3650}
          {...bindField(form, 'exclusivityDays', 'agreement-exclusivity-days')}
        />
      </SimpleGrid>
      <Group gap="xl">
        <Switch
          label={t('agreements.form.paidUsage')}
          {...bindField(form, 'paidUsage', 'agreement-paid-usage', 'checkbox')}
        />
        <Switch
          label={t('agreements.form.whitelisting')}
          {...bindField(form, 'whitelisting', 'agreement-whitelisting', 'checkbox')}
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
        {...bindField(form, 'autoRenew', 'agreement-auto-renew', 'checkbox')}
      />
      <SimpleGrid cols={{ base: 1, xs: 2, sm: 4 }} spacing="sm">
        <WholeNumberInput
          label={t('agreements.form.paymentTermsDays')}
          min={0}
          max={365}
          required
          {...bindField(form, 'paymentTermsDays', 'agreement-payment-days')}
        />
        <WholeNumberInput
          label={t('agreements.form.renewalTermMonths')}
          placeholder={term ? String(term) : undefined}
          description={t('agreements.form.renewalTermHint')}
          {...hintBelow}
          min={1}
          max={120}
          {...bindField(form, 'renewalTermMonths', 'agreement-renewal-term')}
        />
        <WholeNumberInput
          label={t('agreements.form.noticeDays')}
          min={0}
          max={365}
          required
          {...bindField(form, 'noticeDays', 'agreement-notice-days')}
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
          {...bindField(form, 'reviewMaxAdjustPct', 'agreement-review-pct')}
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
        {...bindField(form, 'language', 'agreement-language')}
      />
      <GrowingTextarea
        label={t('agreements.form.notes')}
        maxRows={8}
        {...bindField(form, 'notes', 'agreement-notes')}
      />
    </Section>
  );
}
