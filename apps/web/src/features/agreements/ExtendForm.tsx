import { Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useFormSubmit } from '../../shared/api/useFormSubmit.ts';
import { bindField, GrowingTextarea, SegmentedField } from '../../shared/ui/FormFields.tsx';
import { useExtendDecision } from './api.ts';
import { type FormProps, StepForm } from './LifecycleForms.tsx';

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
    <StepForm step="extend" onSubmit={submit} pending={decide.isPending} onCancel={onCancel}>
      <Text size="sm">{t('agreements.extend.explain')}</Text>
      <SegmentedField
        value={form.values.decision}
        onChange={(decision) => form.setFieldValue('decision', decision)}
        testId="extend-decision"
        options={[
          { value: 'extend', label: t('agreements.extend.extend') },
          { value: 'move_on', label: t('agreements.extend.moveOn'), testId: 'extend-decision-move-on' },
        ]}
      />
      {form.values.decision === 'move_on' ? (
        <Text size="sm" c="dimmed">
          {t('agreements.extend.moveOnHint')}
        </Text>
      ) : null}
      <GrowingTextarea
        label={t('agreements.extend.learned')}
        placeholder={t('agreements.extend.learnedPlaceholder')}
        minRows={3}
        maxRows={10}
        required
        {...bindField(form, 'learned', 'extend-learned')}
      />
    </StepForm>
  );
}
