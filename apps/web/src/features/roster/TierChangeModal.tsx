import type { Creator } from '@evergreen/contracts';
import { Select, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useFormSubmit } from '../../shared/api/useFormSubmit.ts';
import { FormActions, StackForm } from '../../shared/ui/FormActions.tsx';
import { bindField, GrowingTextarea } from '../../shared/ui/FormFields.tsx';
import { FormModal } from '../../shared/ui/FormModal.tsx';
import { validators } from '../../shared/validation.ts';
import { useCurrentWorkspace, useTiers } from '../workspaces/api.ts';
import { useChangeTier } from './api.ts';

/** Moving a creator between tiers always needs a reason: it stays on the timeline. */
export function TierChangeModal({
  creator,
  opened,
  onClose,
}: {
  creator: Creator;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <FormModal opened={opened} onClose={onClose} title={t('tierChange.title', { name: creator.displayName })}>
      <TierChangeForm creator={creator} onClose={onClose} />
    </FormModal>
  );
}

function TierChangeForm({ creator, onClose }: { creator: Creator; onClose: () => void }) {
  const { t } = useTranslation();
  const { workspaceId } = useCurrentWorkspace();
  const tiers = useTiers(workspaceId);
  const change = useChangeTier(workspaceId, creator.id);
  const form = useForm({
    initialValues: { tier: '', reason: '' },
    validate: {
      tier: (value: string) =>
        !value ? t('validation.required') : Number(value) === creator.tier ? t('tierChange.same') : null,
      reason: validators(t).requiredText(500),
    },
  });
  const data = [1, 2, 3].map((n) => {
    const policy = tiers.data?.find((tier) => tier.tier === n);
    const label = policy
      ? `${t('creator.tier', { tier: n })} · ${policy.name}`
      : t('creator.tier', { tier: n });
    return { value: String(n), label, disabled: n === creator.tier };
  });

  const send = useFormSubmit(change, form, {
    done: (saved) => t('tierChange.done', { name: saved.displayName, tier: saved.tier }),
    after: onClose,
  });
  const submit = form.onSubmit((values) => send({ tier: Number(values.tier), reason: values.reason.trim() }));

  return (
    <StackForm onSubmit={submit} testId="tier-change-form" gap="sm">
      <Text size="sm" c="dimmed">
        {t('tierChange.current', { tier: creator.tier })}
      </Text>
      <Select
        label={t('tierChange.newTier')}
        data={data}
        allowDeselect={false}
        required
        {...bindField(form, 'tier', 'tier-select')}
      />
      <GrowingTextarea
        label={t('tierChange.reason')}
        description={t('tierChange.reasonHint')}
        placeholder={t('tierChange.reasonPlaceholder')}
        required
        {...bindField(form, 'reason', 'tier-reason')}
      />
      <FormActions
        onCancel={onClose}
        loading={change.isPending}
        label={t('tierChange.submit')}
        testId="tier-submit"
        gap="md"
        mt="xs"
      />
    </StackForm>
  );
}
