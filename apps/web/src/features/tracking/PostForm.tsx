import {
  type Agreement,
  type CreateDeliverableRequest,
  type Deliverable,
  deliverableStatuses,
  type Platform,
  platforms,
} from '@evergreen/contracts';
import { isDay } from '@evergreen/rules';
import { Autocomplete, Button, Group, Select, SimpleGrid, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useFormSubmit } from '../../shared/api/useFormSubmit.ts';
import { useFormatters } from '../../shared/i18n/format.ts';
import { currencyDigits, formatMoney, minorToInput, parseAmount } from '../../shared/money.ts';
import { CURRENCY_CODE, currencyCodes } from '../../shared/regions.ts';
import { StackForm } from '../../shared/ui/FormActions.tsx';
import { bindField, DayInput, hintBelow } from '../../shared/ui/FormFields.tsx';
import { itemLabel } from '../agreements/AgreementBadges.tsx';
import { platformNames } from '../roster/handles.ts';
import { useWorkspace } from '../workspaces/api.ts';
import { AgreementSelect, typeSuggestions } from './AgreementSelect.tsx';
import { useCampaignOptions, useCreatorOptions, useSavePost } from './api.ts';
import { isDeliverableStatus, isHttpUrl, isoToLocal, isPlatform, localToIso } from './rules.ts';

type Status = Deliverable['status'];

export interface PostValues {
  creatorId: string | null;
  agreementId: string | null;
  campaignId: string | null;
  type: string;
  platform: Platform | null;
  sponsored: boolean;
  title: string;
  plannedOn: string;
  dueOn: string;
  postedAt: string;
  url: string;
  status: Status;
  cost: string;
  costCurrency: string;
}

/**
 * Create or edit a post: who, under which agreement and campaign, when, where, and its cost.
 * Opened for an agreement, the creator and the agreement are fixed, its items come first among
 * the types (the first one is the default) and its currency is the cost's.
 */
export function PostForm({
  workspaceId,
  post,
  agreement,
  defaultCreatorId,
  onDone,
}: {
  workspaceId: string;
  post: Deliverable | null;
  agreement?: Agreement;
  defaultCreatorId?: string;
  onDone: (saved: Deliverable | null) => void;
}) {
  const { t } = useTranslation();
  const { lng } = useFormatters();
  const creators = useCreatorOptions(workspaceId);
  const campaigns = useCampaignOptions(workspaceId);
  const workspace = useWorkspace(workspaceId);
  const save = useSavePost(workspaceId);
  const reporting = workspace.data?.reportingCurrency ?? 'USD';
  const currency0 = post?.costCurrency ?? agreement?.currency ?? reporting;
  const suggestions = typeSuggestions(agreement);

  const form = useForm<PostValues>({
    initialValues: {
      creatorId: post?.creatorId ?? agreement?.creatorId ?? defaultCreatorId ?? null,
      agreementId: post?.agreementId ?? agreement?.id ?? null,
      campaignId: post?.campaignId ?? null,
      type: post?.type ?? agreement?.inclusions[0]?.item ?? agreement?.rates[0]?.deliverableType ?? 'post',
      platform: post?.platform ?? null,
      sponsored: post?.sponsored ?? true,
      title: post?.title ?? '',
      plannedOn: post?.plannedOn ?? '',
      dueOn: post?.dueOn ?? '',
      postedAt: isoToLocal(post?.postedAt ?? null),
      url: post?.url ?? '',
      status: post?.status ?? 'planned',
      cost: post?.costMinor != null ? minorToInput(post.costMinor, currencyDigits(currency0), lng) : '',
      costCurrency: currency0,
    },
    validate: {
      creatorId: (value) => (value ? null : t('validation.required')),
      type: (value) =>
        !value.trim()
          ? t('validation.required')
          : value.trim().length > 60
            ? t('validation.maxLength', { max: 60 })
            : null,
      title: (value) => (value.trim().length > 300 ? t('validation.maxLength', { max: 300 }) : null),
      plannedOn: (value) => (value && !isDay(value) ? t('fieldErrors.invalid') : null),
      dueOn: (value) => (value && !isDay(value) ? t('fieldErrors.invalid') : null),
      postedAt: (value, values) =>
        value && !localToIso(value)
          ? t('fieldErrors.invalid')
          : !value && values.status === 'live'
            ? t('posts.postedAtNeeded')
            : null,
      url: (value) => (value.trim() && !isHttpUrl(value) ? t('creatorForm.urlInvalid') : null),
      costCurrency: (value) => (CURRENCY_CODE.test(value) ? null : t('fieldErrors.invalid')),
      cost: (value, values) => {
        if (!value.trim()) return null;
        const digits = currencyDigits(values.costCurrency);
        const parsed = parseAmount(value, digits, lng);
        return parsed.ok ? null : t(`creatorForm.amountErrors.${parsed.error}`, { digits });
      },
    },
  });
  const v = form.values;
  const digits = currencyDigits(v.costCurrency);
  const parsedCost = v.cost.trim() ? parseAmount(v.cost, digits, lng) : null;

  const send = useFormSubmit(save, form, {
    done: () => t('posts.saved'),
    after: onDone,
    fieldAliases: { costMinor: 'cost' },
  });
  const submit = form.onSubmit((values) => {
    const cost = values.cost.trim()
      ? parseAmount(values.cost, currencyDigits(values.costCurrency), lng)
      : null;
    const fields = {
      agreementId: values.agreementId,
      campaignId: values.campaignId,
      type: values.type.trim(),
      platform: values.platform,
      sponsored: values.sponsored,
      title: values.title.trim() || null,
      plannedOn: values.plannedOn || null,
      dueOn: values.dueOn || null,
      postedAt: localToIso(values.postedAt),
      url: values.url.trim() || null,
      status: values.status,
      costMinor: cost?.ok ? cost.minor : null,
      costCurrency: cost?.ok ? values.costCurrency : null,
    };
    const input =
      post === null
        ? {
            id: null,
            body: { creatorId: values.creatorId ?? '', ...fields } satisfies CreateDeliverableRequest,
          }
        : { id: post.id, body: fields };
    send(input);
  });

  return (
    <StackForm onSubmit={submit} testId="post-form" gap="sm">
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        <Select
          label={t('posts.fields.creator')}
          data={
            agreement ? [{ value: agreement.creatorId, label: agreement.creatorName }] : (creators.data ?? [])
          }
          searchable
          required
          disabled={post !== null || agreement !== undefined}
          {...bindField(form, 'creatorId', 'post-creator')}
          onChange={(value) => {
            form.setFieldValue('creatorId', value);
            form.setFieldValue('agreementId', null);
          }}
        />
        {agreement ? (
          <Select
            label={t('posts.fields.agreement')}
            data={[{ value: agreement.id, label: agreement.title }]}
            disabled
            {...bindField(form, 'agreementId', 'post-agreement')}
          />
        ) : v.creatorId ? (
          <AgreementSelect
            workspaceId={workspaceId}
            creatorId={v.creatorId}
            inputProps={form.getInputProps('agreementId')}
          />
        ) : (
          <Select label={t('posts.fields.agreement')} data={[]} disabled />
        )}
        <Select
          label={t('posts.fields.campaign')}
          data={campaigns.data ?? []}
          searchable
          clearable
          {...bindField(form, 'campaignId', 'post-campaign')}
        />
        <Select
          label={t('posts.fields.platform')}
          data={platforms.map((p) => ({
            value: p,
            label: p === 'other' ? t('agreements.deliverables.otherPlatform') : platformNames[p],
          }))}
          clearable
          {...bindField(form, 'platform', 'post-platform')}
          onChange={(value) => form.setFieldValue('platform', isPlatform(value) ? value : null)}
        />
        <Autocomplete
          label={t('posts.fields.type')}
          data={suggestions}
          renderOption={({ option }) => <Text size="sm">{itemLabel(option.value, t)}</Text>}
          required
          {...bindField(form, 'type', 'post-type')}
        />
        <Select
          label={t('posts.fields.status')}
          data={deliverableStatuses.map((s) => ({ value: s, label: t(`posts.statuses.${s}`) }))}
          allowDeselect={false}
          {...bindField(form, 'status', 'post-status')}
          onChange={(value) => form.setFieldValue('status', isDeliverableStatus(value) ? value : 'planned')}
        />
      </SimpleGrid>
      <Switch
        label={t('posts.fields.sponsored')}
        description={t('posts.sponsoredHint')}
        {...bindField(form, 'sponsored', 'post-sponsored', 'checkbox')}
      />
      <TextInput label={t('posts.fields.title')} {...bindField(form, 'title', 'post-title')} />
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
        <DayInput label={t('posts.fields.plannedOn')} {...bindField(form, 'plannedOn', 'post-planned')} />
        <DayInput label={t('posts.fields.dueOn')} data-testid="post-due" {...form.getInputProps('dueOn')} />
        <TextInput
          type="datetime-local"
          label={t('posts.fields.postedAt')}
          {...bindField(form, 'postedAt', 'post-posted')}
        />
      </SimpleGrid>
      <TextInput
        type="url"
        label={t('posts.fields.url')}
        placeholder="https://"
        {...bindField(form, 'url', 'post-url')}
      />
      <Group align="flex-start" gap="sm" grow>
        <TextInput
          label={t('posts.fields.cost')}
          inputMode="decimal"
          description={
            parsedCost?.ok ? formatMoney(parsedCost.minor, v.costCurrency, lng) : t('posts.costHint')
          }
          {...hintBelow}
          {...bindField(form, 'cost', 'post-cost')}
        />
        <Select
          label={t('posts.fields.costCurrency')}
          data={currencyCodes()}
          searchable
          allowDeselect={false}
          {...bindField(form, 'costCurrency', 'post-currency')}
        />
      </Group>
      {agreement ? (
        <Text size="xs" c="dimmed">
          {t('agreements.deliverables.ledgerHint')}
        </Text>
      ) : null}
      <Group justify="flex-end" gap="sm" mt="sm">
        <Button variant="default" onClick={() => onDone(null)}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" loading={save.isPending} data-testid="post-submit">
          {t('common.save')}
        </Button>
      </Group>
    </StackForm>
  );
}
