import { defaultGreetingName } from '@evergreen/contracts';
import { MultiSelect, Select, SimpleGrid, Stack, TagsInput, Textarea, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../shared/i18n/format.ts';
import { currencyDigits, formatMoney, parseAmount } from '../../shared/money.ts';
import { currencyCodes } from '../../shared/regions.ts';
import { FormSection, hintBelow, WholeNumberInput } from '../../shared/ui/FormFields.tsx';
import { MarketsInput } from '../../shared/ui/MarketsInput.tsx';
import { RateRowsField } from '../agreements/RateRowsField.tsx';
import { useMembers } from '../team/api.ts';
import { useTiers } from '../workspaces/api.ts';
import type { CreatorFormValues } from './creatorForm.ts';
import { HandlesField, P } from './HandlesField.tsx';
import { channelOptions, creatorLanguageOptions, isChannel, isStatus, statusOptions } from './options.ts';

const Section = FormSection;

/** Owners to choose from: the team (creators sign in to the portal and own nobody). */
export function useOwnerOptions(workspaceId: string) {
  const members = useMembers(workspaceId);
  return useMemo(
    () =>
      (members.data ?? [])
        .filter((m) => m.role !== 'creator')
        .map((m) => ({ value: m.userId, label: m.name }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    [members.data],
  );
}

interface CreatorFieldsProps {
  form: UseFormReturnType<CreatorFormValues>;
  mode: 'create' | 'edit';
  workspaceId: string;
  defaultCurrency: string;
  readOnly?: boolean;
}

/** The creator's fields, shared by "Add creator" (a subset) and the profile tab (all). */
// Hints go under the inputs, so fields side by side line up whether or not they have one.
export function CreatorFields({
  form,
  mode,
  workspaceId,
  defaultCurrency,
  readOnly = false,
}: CreatorFieldsProps) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const owners = useOwnerOptions(workspaceId);
  const tiers = useTiers(workspaceId);
  const edit = mode === 'edit';

  const tierData = [1, 2, 3].map((n) => {
    const name = tiers.data?.find((tier) => tier.tier === n)?.name;
    return {
      value: String(n),
      label: name ? `${t('creator.tier', { tier: n })} · ${name}` : t('creator.tier', { tier: n }),
    };
  });
  const currencyData = useMemo(() => {
    const codes = new Set(currencyCodes());
    for (const r of form.values.rates) if (r.currency) codes.add(r.currency);
    return [...codes].sort();
  }, [form.values.rates]);
  const ownerData = [...owners];
  const currentOwner = form.values.ownerUserId;
  if (currentOwner && !ownerData.some((o) => o.value === currentOwner)) {
    ownerData.push({ value: currentOwner, label: t('creator.formerMember') });
  }

  return (
    <Stack gap="xl">
      <Section title={t('creatorForm.sections.profile')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('creatorForm.displayName')}
            required={!readOnly}
            readOnly={readOnly}
            data-testid={`${P}-name`}
            {...form.getInputProps('displayName')}
          />
          {edit ? (
            <TextInput
              label={t('creatorForm.legalName')}
              description={t('creatorForm.legalNameHint')}
              {...hintBelow}
              readOnly={readOnly}
              data-testid={`${P}-legal-name`}
              {...form.getInputProps('legalName')}
            />
          ) : null}
          {edit ? (
            <TextInput
              label={t('creatorForm.greetingName')}
              description={t('creatorForm.greetingNameHint', {
                name: defaultGreetingName(form.values.legalName, form.values.displayName) || '—',
              })}
              placeholder={defaultGreetingName(form.values.legalName, form.values.displayName)}
              {...hintBelow}
              readOnly={readOnly}
              data-testid={`${P}-greeting-name`}
              {...form.getInputProps('greetingName')}
            />
          ) : null}
          <TextInput
            type="email"
            label={t('creatorForm.email')}
            readOnly={readOnly}
            data-testid={`${P}-email`}
            {...form.getInputProps('email')}
          />
          {edit ? (
            <TextInput
              label={t('creatorForm.externalId')}
              description={t('creatorForm.externalIdHint')}
              {...hintBelow}
              readOnly={readOnly}
              data-testid={`${P}-external-id`}
              {...form.getInputProps('externalId')}
            />
          ) : null}
          {edit ? null : (
            <Select
              label={t('creatorForm.tier')}
              data={tierData}
              allowDeselect={false}
              required
              data-testid={`${P}-tier`}
              {...form.getInputProps('tier')}
            />
          )}
          <Select
            label={t('creatorForm.status')}
            data={statusOptions(t)}
            allowDeselect={false}
            readOnly={readOnly}
            data-testid={`${P}-status`}
            {...form.getInputProps('status')}
            onChange={(value) => {
              if (isStatus(value)) form.setFieldValue('status', value);
            }}
          />
          <Select
            label={t('creatorForm.owner')}
            placeholder={t('creator.noOwner')}
            data={ownerData}
            clearable={!readOnly}
            searchable
            readOnly={readOnly}
            nothingFoundMessage={t('common.nothingFound')}
            data-testid={`${P}-owner`}
            {...form.getInputProps('ownerUserId')}
          />
        </SimpleGrid>
      </Section>

      <Section title={t('creatorForm.sections.reach')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <MarketsInput
            label={t('creatorForm.markets')}
            description={t('creatorForm.marketsHint')}
            {...hintBelow}
            readOnly={readOnly}
            testId={`${P}-markets`}
            {...form.getInputProps('markets')}
          />
          <MultiSelect
            label={t('creatorForm.languages')}
            data={creatorLanguageOptions}
            readOnly={readOnly}
            clearable={!readOnly}
            data-testid={`${P}-languages`}
            {...form.getInputProps('languages')}
          />
        </SimpleGrid>
        <TagsInput
          label={t('creatorForm.tags')}
          description={readOnly ? undefined : t('creatorForm.tagsHint')}
          {...hintBelow}
          readOnly={readOnly}
          clearable={!readOnly}
          maxTags={50}
          splitChars={[',']}
          data-testid={`${P}-tags`}
          {...form.getInputProps('tags')}
        />
      </Section>

      <Section title={t('creatorForm.sections.handles')}>
        <HandlesField form={form} readOnly={readOnly} />
      </Section>

      <Section title={t('creatorForm.sections.preferences')}>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <Select
            label={t('creatorForm.preferredChannel')}
            data={channelOptions(t)}
            clearable={!readOnly}
            readOnly={readOnly}
            placeholder="—"
            data-testid={`${P}-channel`}
            {...form.getInputProps('preferredChannel')}
            onChange={(value) => form.setFieldValue('preferredChannel', isChannel(value) ? value : null)}
          />
          <WholeNumberInput
            label={t('creatorForm.leadTimeDays')}
            description={t('creatorForm.leadTimeHint')}
            {...hintBelow}
            min={0}
            max={365}
            readOnly={readOnly}
            data-testid={`${P}-lead-time`}
            {...form.getInputProps('leadTimeDays')}
          />
          <WholeNumberInput
            label={t('creatorForm.cadenceOverride')}
            description={t('creatorForm.cadenceOverrideHint')}
            {...hintBelow}
            min={1}
            max={3650}
            readOnly={readOnly}
            data-testid={`${P}-cadence`}
            {...form.getInputProps('cadenceDaysOverride')}
          />
        </SimpleGrid>
        {edit ? (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Textarea
              label={t('creatorForm.briefingStyle')}
              placeholder={readOnly ? undefined : t('creatorForm.briefingStylePlaceholder')}
              autosize
              minRows={2}
              readOnly={readOnly}
              data-testid={`${P}-briefing`}
              {...form.getInputProps('briefingStyle')}
            />
            <Textarea
              label={t('creatorForm.boundaries')}
              placeholder={readOnly ? undefined : t('creatorForm.boundariesPlaceholder')}
              autosize
              minRows={2}
              readOnly={readOnly}
              data-testid={`${P}-boundaries`}
              {...form.getInputProps('boundaries')}
            />
          </SimpleGrid>
        ) : null}
      </Section>

      {edit ? (
        <Section title={t('creatorForm.sections.rates')}>
          <RateRowsField
            form={form}
            testIdPrefix={P}
            readOnly={readOnly}
            currencies={currencyData}
            labels={{
              none: t('creatorForm.noRates'),
              deliverableType: t('creatorForm.deliverableType'),
              amount: t('creatorForm.amount'),
              currency: t('creatorForm.currency'),
              remove: t('creatorForm.removeRate'),
              add: t('creatorForm.addRate'),
            }}
            amountHint={(row) => {
              const currency = row.currency ?? '';
              const parsed = /^[A-Z]{3}$/.test(currency)
                ? parseAmount(row.amount, currencyDigits(currency), fmt.lng)
                : null;
              return parsed?.ok ? formatMoney(parsed.minor, currency, fmt.lng) : undefined;
            }}
            newRow={() => ({
              deliverableType: '',
              amount: '',
              currency: form.values.rates.at(-1)?.currency ?? defaultCurrency,
            })}
          />
        </Section>
      ) : null}

      {edit ? (
        <Section title={t('creatorForm.notes')}>
          <Textarea
            aria-label={t('creatorForm.notes')}
            autosize
            minRows={3}
            maxRows={16}
            readOnly={readOnly}
            data-testid={`${P}-notes`}
            {...form.getInputProps('notes')}
          />
        </Section>
      ) : null}
    </Stack>
  );
}
