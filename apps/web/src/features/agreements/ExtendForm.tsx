import { SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useFormSubmit } from '../../shared/api/useFormSubmit.ts';
import { FormActions } from '../../shared/ui/FormActions.tsx';
import { useExtendDecision } from './api.ts';
import type { FormProps } from './LifecycleForms.tsx';

/** Month 6 of a new partnership: extend or move on, and what was learned (required). */
export function ExtendForm({ workspaceId, agreement: a, onDone, onCancel }: FormProps) {
  const { t } = useTranslation();
  const decide = useExtendDecision(workspaceId, a.id);
  const form = useForm<{ decision: 'extend' | 'move_on'; learned: string }>({
    initialValues: { decision: 'extend', learned: '' },
    validate: {
      learned: (value) =>
        !value.trim()
          ? t('agreements.extend.learnedRequired')
          : value.trim().length > 5000
            ? t('validation.maxLength', { max: 5000 })
            : null,
    },
  });
  const send = useFormSubmit(decide, form, { done: () => t('agreements.extend.done'), after: onDone });
  const submit = form.onSubmit((values) =>
    send({ decision: values.decision, learned: values.learned.trim() }),
  );
  return (
    <form onSubmit={submit} noValidate data-testid="extend-form">
      <Stack gap="md">
        <Text size="sm">{t('agreements.extend.explain')}</Text>
        <SegmentedControl
          value={form.values.decision}
          onChange={(value) => form.setFieldValue('decision', value === 'move_on' ? 'move_on' : 'extend')}
          data-testid="extend-decision"
          data={[
            {
              value: 'extend',
              label: <span data-testid="extend-decision-extend">{t('agreements.extend.extend')}</span>,
            },
            {
              value: 'move_on',
              label: <span data-testid="extend-decision-move-on">{t('agreements.extend.moveOn')}</span>,
            },
          ]}
        />
        {form.values.decision === 'move_on' ? (
          <Text size="sm" c="dimmed">
            {t('agreements.extend.moveOnHint')}
          </Text>
        ) : null}
        <Textarea
          label={t('agreements.extend.learned')}
          placeholder={t('agreements.extend.learnedPlaceholder')}
          autosize
          minRows={3}
          maxRows={10}
          required
          data-testid="extend-learned"
          {...form.getInputProps('learned')}
        />
        <FormActions
          onCancel={onCancel}
          loading={decide.isPending}
          label={t('agreements.extend.submit')}
          testId="extend-submit"
        />
      </Stack>
    </form>
  );
}
