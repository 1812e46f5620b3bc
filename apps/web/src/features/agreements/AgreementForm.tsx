import { type Agreement, type AgreementType, agreementTypes } from '@evergreen/contracts';
import {
  ActionIcon,
  Autocomplete,
  Button,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { type UseFormReturnType, useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiErrorHandler } from '../../shared/api/useApiErrorHandler.ts';
import { isDay } from '../../shared/days.ts';
import { useFormatters } from '../../shared/i18n/format.ts';
import { currencyDigits, formatMoney, parseAmount } from '../../shared/money.ts';
import { CURRENCY_CODE, currencyCodes } from '../../shared/regions.ts';
import { FormActions } from '../../shared/ui/FormActions.tsx';
import { itemLabel } from './AgreementBadges.tsx';
import {
  type AgreementFormValues,
  agreementFieldAliases,
  INCLUSION_SUGGESTIONS,
  intOrNull,
  typeDefaults,
  typeFields,
  validateAgreement,
  valuesToCreate,
  valuesToFields,
} from './agreementForm.ts';
import { useCreateAgreement, useUpdateAgreement } from './api.ts';
import { termEndsOn } from './rules.ts';

/** Deliverables offered while typing a rate; any other name can be typed. */
export const DELIVERABLE_SUGGESTIONS = [
  'reel',
  'story',
  'post',
  'short',
  'youtube_integration',
  'stream',
  'ugc_video',
];

const hintBelow: { inputWrapperOrder: ('label' | 'input' | 'description' | 'error')[] } = {
  inputWrapperOrder: ['label', 'input', 'description', 'error'],
};

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="sm" component="fieldset" style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
      <Title order={3} size="h5" component="legend" mb={4}>
        {title}
      </Title>
      {children}
    </Stack>
  );
}

const isType = (value: string): value is AgreementType =>
  (agreementTypes as readonly string[]).includes(value);

interface AgreementFormProps {
  workspaceId: string;
  creatorId: string;
  creatorName: string;
  initialValues: AgreementFormValues;
  /** Editing a draft; otherwise a new draft is created. */
  agreementId?: string;
  onDone: (agreement: Agreement) => void;
  onCancel: () => void;
}

/** A new agreement (a draft) or a draft's changes: the fields that apply to its type. */
export function AgreementForm({
  workspaceId,
  creatorId,
  creatorName,
  initialValues,
  agreementId,
  onDone,
  onCancel,
}: AgreementFormProps) {
  const { t, i18n } = useTranslation();
  const fmt = useFormatters();
  const { lng } = fmt;
  const handleError = useApiErrorHandler();
  const create = useCreateAgreement(workspaceId);
  const update = useUpdateAgreement(workspaceId, agreementId ?? '');
  const form = useForm<AgreementFormValues>({
    initialValues,
    validate: (values) => validateAgreement(values, t, lng),
  });
  const v = form.values;
  const fields = typeFields[v.type];
  const currencies = useMemo(() => {
    const codes = new Set(currencyCodes());
    if (CURRENCY_CODE.test(v.currency)) codes.add(v.currency);
    return [...codes].sort();
  }, [v.currency]);
  const digits = CURRENCY_CODE.test(v.currency) ? currencyDigits(v.currency) : null;
  const moneyHint = (raw: string) => {
    if (digits === null || !raw.trim()) return undefined;
    const parsed = parseAmount(raw, digits, lng);
    return parsed.ok ? formatMoney(parsed.minor, v.currency, lng) : undefined;
  };
  const term = intOrNull(v.termMonths);
  const endsOn = isDay(v.startsOn) && term && term >= 1 && term <= 120 ? termEndsOn(v.startsOn, term) : null;

  // Named in the document's language, like the document itself.
  const defaultTitle = i18n.getFixedT(v.language)(`agreements.defaultTitles.${v.type}`, {
    name: creatorName,
  });

  const setType = (value: string) => {
    if (!isType(value)) return;
    form.setFieldValue('type', value);
    // Defaults follow the type until someone chooses otherwise.
    if (!form.isDirty('termMonths')) form.setFieldValue('termMonths', typeDefaults[value].termMonths);
    if (!form.isDirty('autoRenew')) form.setFieldValue('autoRenew', typeDefaults[value].autoRenew);
  };

  const submit = form.onSubmit((values) => {
    const options = {
      onSuccess: (saved: Agreement) => {
        notifications.show({
          color: 'teal',
          message: agreementId
            ? t('agreements.form.saved')
            : t('agreements.form.created', { title: saved.title }),
        });
        onDone(saved);
      },
      onError: (error: unknown) => handleError(error, form, agreementFieldAliases(values)),
    };
    if (agreementId) {
      const fields = valuesToFields(values, lng);
      update.mutate({ ...fields, title: fields.title || defaultTitle }, options);
    } else create.mutate(valuesToCreate(values, creatorId, lng, defaultTitle), options);
  });
  return (
    <form onSubmit={submit} noValidate aria-label={t('agreements.form.label')} data-testid="agreement-form">
      <Stack gap="xl">
        <Section title={t('agreements.form.sections.basics')}>
          <Stack gap={6}>
            <Text size="sm" fw={500}>
              {t('agreements.form.type')}
            </Text>
            <SegmentedControl
              value={v.type}
              onChange={setType}
              fullWidth
              aria-label={t('agreements.form.type')}
              data-testid="agreement-type"
              data={agreementTypes.map((type) => ({
                value: type,
                label: <span data-testid={`agreement-type-${type}`}>{t(`agreements.types.${type}`)}</span>,
              }))}
            />
            <Text size="xs" c="dimmed">
              {t(`agreements.typeHints.${v.type}`)}
            </Text>
          </Stack>
          <TextInput
            label={t('agreements.form.title')}
            placeholder={defaultTitle}
            description={t('agreements.form.titleHint')}
            {...hintBelow}
            data-testid="agreement-title"
            {...form.getInputProps('title')}
          />
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
            <TextInput
              type="date"
              label={t('agreements.form.startsOn')}
              required
              data-testid="agreement-start"
              {...form.getInputProps('startsOn')}
            />
            <NumberInput
              label={t('agreements.form.termMonths')}
              min={1}
              max={120}
              allowDecimal={false}
              allowNegative={false}
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

        <Section title={t('agreements.form.sections.commitment')}>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            {fields.collabs ? (
              <NumberInput
                label={t('agreements.form.collaborationsPerYear')}
                min={0}
                max={1000}
                allowDecimal={false}
                allowNegative={false}
                data-testid="agreement-collabs"
                {...form.getInputProps('collaborationsPerYear')}
              />
            ) : null}
            {fields.perMonth ? (
              <NumberInput
                label={t('agreements.form.deliverablesPerMonth')}
                min={0}
                max={1000}
                allowDecimal={false}
                allowNegative={false}
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
          <RatesField form={form} moneyHint={moneyHint} />
        </Section>

        {fields.inclusions ? (
          <Section title={t('agreements.form.sections.inclusions')}>
            <InclusionsField form={form} />
          </Section>
        ) : null}

        <Section title={t('agreements.form.sections.rights')}>
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
            <NumberInput
              label={t('agreements.form.usagePeriodDays')}
              description={t('agreements.form.usageHint')}
              {...hintBelow}
              min={0}
              max={36500}
              allowDecimal={false}
              allowNegative={false}
              data-testid="agreement-usage-days"
              {...form.getInputProps('usagePeriodDays')}
            />
            <TextInput
              label={t('agreements.form.exclusivityCategory')}
              placeholder={t('agreements.form.exclusivityPlaceholder')}
              data-testid="agreement-exclusivity-category"
              {...form.getInputProps('exclusivityCategory')}
            />
            <NumberInput
              label={t('agreements.form.exclusivityDays')}
              min={0}
              max={3650}
              allowDecimal={false}
              allowNegative={false}
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

        <Section title={t('agreements.form.sections.renewal')}>
          <Switch
            label={t('agreements.form.autoRenew')}
            description={t('agreements.form.autoRenewHint')}
            data-testid="agreement-auto-renew"
            {...form.getInputProps('autoRenew', { type: 'checkbox' })}
          />
          <SimpleGrid cols={{ base: 1, xs: 2, sm: 4 }} spacing="sm">
            <NumberInput
              label={t('agreements.form.paymentTermsDays')}
              min={0}
              max={365}
              allowDecimal={false}
              allowNegative={false}
              required
              data-testid="agreement-payment-days"
              {...form.getInputProps('paymentTermsDays')}
            />
            <NumberInput
              label={t('agreements.form.renewalTermMonths')}
              placeholder={term ? String(term) : undefined}
              description={t('agreements.form.renewalTermHint')}
              {...hintBelow}
              min={1}
              max={120}
              allowDecimal={false}
              allowNegative={false}
              data-testid="agreement-renewal-term"
              {...form.getInputProps('renewalTermMonths')}
            />
            <NumberInput
              label={t('agreements.form.noticeDays')}
              min={0}
              max={365}
              allowDecimal={false}
              allowNegative={false}
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

        <FormActions
          onCancel={onCancel}
          loading={create.isPending || update.isPending}
          label={agreementId ? t('agreements.form.save') : t('agreements.form.submit')}
          testId="agreement-submit"
        />
      </Stack>
    </form>
  );
}

function RatesField({
  form,
  moneyHint,
}: {
  form: UseFormReturnType<AgreementFormValues>;
  moneyHint: (raw: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const rows = form.values.rates;
  return (
    <Stack gap="xs">
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('agreements.form.noRates')}
        </Text>
      ) : null}
      {rows.map((row, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id of their own
        <Group key={i} gap="xs" align="flex-start" wrap="nowrap" data-testid={`agreement-rate-row-${i}`}>
          <Autocomplete
            aria-label={t('agreements.form.deliverableType')}
            placeholder={t('agreements.form.deliverableType')}
            data={DELIVERABLE_SUGGESTIONS}
            renderOption={({ option }) => <Text size="sm">{itemLabel(option.value, t)}</Text>}
            style={{ flex: 1.4, minWidth: 0 }}
            data-testid={`agreement-rate-type-${i}`}
            {...form.getInputProps(`rates.${i}.deliverableType`)}
          />
          <TextInput
            aria-label={t('agreements.form.amount')}
            placeholder={t('creatorForm.amountPlaceholder')}
            inputMode="decimal"
            style={{ flex: 1, minWidth: 0 }}
            description={moneyHint(row.amount)}
            {...hintBelow}
            data-testid={`agreement-rate-amount-${i}`}
            {...form.getInputProps(`rates.${i}.amount`)}
          />
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            onClick={() => form.removeListItem('rates', i)}
            aria-label={t('agreements.form.removeRate')}
            data-testid={`agreement-rate-remove-${i}`}
          >
            <IconTrash size={16} aria-hidden />
          </ActionIcon>
        </Group>
      ))}
      {rows.length >= 50 ? null : (
        <Group>
          <Button
            variant="subtle"
            size="xs"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => form.insertListItem('rates', { deliverableType: '', amount: '' })}
            data-testid="agreement-rate-add"
          >
            {t('agreements.form.addRate')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function InclusionsField({ form }: { form: UseFormReturnType<AgreementFormValues> }) {
  const { t } = useTranslation();
  const rows = form.values.inclusions;
  const used = new Set(rows.map((r) => r.item.trim()));
  const next = INCLUSION_SUGGESTIONS.find((item) => !used.has(item)) ?? '';
  return (
    <Stack gap="xs">
      <Text size="xs" c="dimmed">
        {t('agreements.form.inclusionsHint')}
      </Text>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('agreements.form.noInclusions')}
        </Text>
      ) : null}
      {rows.map((row, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id of their own
        <Group key={i} gap="xs" align="flex-start" wrap="nowrap" data-testid={`agreement-inclusion-row-${i}`}>
          <Autocomplete
            aria-label={t('agreements.form.inclusionItem')}
            placeholder={t('agreements.form.inclusionItem')}
            data={[...INCLUSION_SUGGESTIONS]}
            renderOption={({ option }) => (
              <Stack gap={0}>
                <Text size="sm">{itemLabel(option.value, t)}</Text>
                <Text size="xs" c="dimmed">
                  {option.value}
                </Text>
              </Stack>
            )}
            description={
              itemLabel(row.item.trim(), t) !== row.item.trim() ? itemLabel(row.item.trim(), t) : undefined
            }
            {...hintBelow}
            style={{ flex: 2, minWidth: 0 }}
            data-testid={`agreement-inclusion-item-${i}`}
            {...form.getInputProps(`inclusions.${i}.item`)}
          />
          <NumberInput
            aria-label={t('agreements.form.quantity')}
            min={1}
            max={1000}
            allowDecimal={false}
            allowNegative={false}
            leftSection={
              <Text size="sm" c="dimmed">
                ×
              </Text>
            }
            w={110}
            style={{ flexShrink: 0 }}
            data-testid={`agreement-inclusion-qty-${i}`}
            {...form.getInputProps(`inclusions.${i}.quantity`)}
          />
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            onClick={() => form.removeListItem('inclusions', i)}
            aria-label={t('agreements.form.removeInclusion')}
            data-testid={`agreement-inclusion-remove-${i}`}
          >
            <IconTrash size={16} aria-hidden />
          </ActionIcon>
        </Group>
      ))}
      {rows.length >= 30 ? null : (
        <Group>
          <Button
            variant="subtle"
            size="xs"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => form.insertListItem('inclusions', { item: next, quantity: 1 })}
            data-testid="agreement-inclusion-add"
          >
            {t('agreements.form.addInclusion')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
