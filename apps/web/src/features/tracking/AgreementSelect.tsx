import type { Agreement } from '@evergreen/contracts';
import { Select } from '@mantine/core';
import type { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useCreatorAgreements } from '../agreements/api.ts';
import { DELIVERABLE_SUGGESTIONS } from '../agreements/RateRowsField.tsx';
import type { PostValues } from './PostForm.tsx';

/** The agreement's own items first (those are what its ledger counts), then the usual types. */
export function typeSuggestions(agreement: Agreement | undefined): string[] {
  if (!agreement) return DELIVERABLE_SUGGESTIONS;
  return [
    ...new Set([
      ...agreement.inclusions.map((i) => i.item),
      ...agreement.rates.map((r) => r.deliverableType),
      ...DELIVERABLE_SUGGESTIONS,
    ]),
  ];
}

export function AgreementSelect({
  workspaceId,
  creatorId,
  inputProps,
}: {
  workspaceId: string;
  creatorId: string;
  inputProps: ReturnType<ReturnType<typeof useForm<PostValues>>['getInputProps']>;
}) {
  const { t } = useTranslation();
  const agreements = useCreatorAgreements(workspaceId, creatorId);
  return (
    <Select
      label={t('posts.fields.agreement')}
      data={(agreements.data ?? []).map((a) => ({ value: a.id, label: a.title }))}
      clearable
      placeholder={agreements.data?.length === 0 ? t('posts.noAgreements') : undefined}
      data-testid="post-agreement"
      {...inputProps}
    />
  );
}
