import { defaultGreetingName } from '@evergreen/contracts';
import { MultiSelect, Select, SimpleGrid, Stack, TagsInput, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../shared/i18n/format.ts';
import { currencyDigits, formatMoney, parseAmount } from '../../shared/money.ts';
import { currencyCodes } from '../../shared/regions.ts';
import {
  bindField,
  FormSection,
  GrowingTextarea,
  hintBelow,
  WholeNumberInput,
} from '../../shared/ui/FormFields.tsx';
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
            {...bindField(form, 'displayName', `${P}-name`)}
          />
          {edit ? (
            <TextInput
              label={t('creatorForm.legalName')}
              description={t('creatorForm.legalNameHint')}
              {...hintBelow}
              readOnly={readOnly}
              {...bindField(form, 'legalName', `${P}-legal-name`)}
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
              {...bindField(form, 'greetingName', `${P}-greeting-name`)}
            />
          ) : null}
          <TextInput
            type="email"
            label={t('creatorForm.email')}
            readOnly={readOnly}
            {...bindField(form, 'email', `${P}-email`)}
          />
          {edit ? (
            <TextInput
              label={t('creatorForm.externalId')}
              description={t('creatorForm.externalIdHint')}
              {...hintBelow}
              readOnly={readOnly}
              {...bindField(form, 'externalId', `${P}-external-id`)}
            />
          ) : null}
          {edit ? null : (
            <Select
              label={t('creatorForm.tier')}
              data={tierData}
              allowDeselect={false}
              required
              {...bindField(form, 'tier', `${P}-tier`)}
            />
          )}
          <Select
            label={t('creatorForm.status')}
            data={statusOptions(t)}
            allowDeselect={false}
            readOnly={readOnly}
            {...bindField(form, 'status', `${P}-status`)}
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
            {...bindField(form, 'ownerUserId', `${P}-owner`)}
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
            {...bindField(form, 'languages', `${P}-languages`)}
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
          {...bindField(form, 'tags', `${P}-tags`)}
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
            {...bindField(form, 'preferredChannel', `${P}-channel`)}
            onChange={(value) => form.setFieldValue('preferredChannel', isChannel(value) ? value : null)}
          />
          <WholeNumberInput
            label={t('creatorForm.leadTimeDays')}
            description={t('creatorForm.leadTimeHint')}
            {...hintBelow}
            min={0}
            max={365}
            readOnly={readOnly}
            {...bindField(form, 'leadTimeDays', `${P}-lead-time`)}
          />
          <WholeNumberInput
            label={t('creatorForm.cadenceOverride')}
            description={t('creatorForm.cadenceOverrideHint')}
            {...hintBelow}
            min={1}
            max={3650}
            readOnly={readOnly}
            {...bindField(form, 'cadenceDaysOverride', `${P}-cadence`)}
          />
        </SimpleGrid>
        {edit ? (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <GrowingTextarea
              label={t('creatorForm.briefingStyle')}
              placeholder={readOnly ? undefined : t('creatorForm.briefingStylePlaceholder')}
              readOnly={readOnly}
              {...bindField(form, 'briefingStyle', `${P}-briefing`)}
            />
            <GrowingTextarea
              label={t('creatorForm.boundaries')}
              placeholder={readOnly ? undefined : t('creatorForm.boundariesPlaceholder')}
              readOnly={readOnly}
              {...bindField(form, 'boundaries', `${P}-boundaries`)}
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
          <GrowingTextarea
            aria-label={t('creatorForm.notes')}
            minRows={3}
            maxRows={16}
            readOnly={readOnly}
            {...bindField(form, 'notes', `${P}-notes`)}
          />
        </Section>
      ) : null}
    </Stack>
  );
}
