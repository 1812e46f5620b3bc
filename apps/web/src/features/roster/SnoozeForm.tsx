import { addDays, isDay, utcToday, validSnoozeUntil } from '@evergreen/rules';
import { Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useFormSubmit } from '../../shared/api/useFormSubmit.ts';
import { useFormatters } from '../../shared/i18n/format.ts';
import { FormActions, StackForm } from '../../shared/ui/FormActions.tsx';
import { bindField, DayInput, GrowingTextarea } from '../../shared/ui/FormFields.tsx';
import { validators } from '../../shared/validation.ts';
import { useSnooze } from './api.ts';

interface SnoozeFormProps {
  workspaceId: string;
  creatorId: string;
  creatorName: string;
  today?: string;
  onDone?: () => void;
  onCancel?: () => void;
}

/** Hide a creator from Today until a later day, with a reason (it goes on the timeline). */
export function SnoozeForm({
  workspaceId,
  creatorId,
  creatorName,
  today = utcToday(),
  onDone,
  onCancel,
}: SnoozeFormProps) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const snooze = useSnooze(workspaceId);
  const tomorrow = addDays(today, 1);
  const form = useForm({
    initialValues: { until: addDays(today, 7), reason: '' },
    validate: {
      until: (value: string) =>
        !value
          ? t('validation.required')
          : !isDay(value)
            ? t('fieldErrors.invalid')
            : !validSnoozeUntil(value, today)
              ? t('fieldErrors.not_after_today')
              : null,
      reason: validators(t).requiredText(500),
    },
  });

  const send = useFormSubmit(snooze, form, {
    done: (_, sent) => t('snooze.done', { name: creatorName, date: fmt.day(sent.until) }),
    after: () => onDone?.(),
  });
  const submit = form.onSubmit((values) =>
    send({ creatorId, until: values.until, reason: values.reason.trim() }),
  );

  return (
    <StackForm onSubmit={submit} label={t('snooze.title', { name: creatorName })} gap="sm">
      <Text size="sm" c="dimmed">
        {t('snooze.text')}
      </Text>
      <DayInput
        label={t('snooze.until')}
        min={tomorrow}
        required
        {...bindField(form, 'until', 'snooze-until')}
      />
      <GrowingTextarea
        label={t('snooze.reason')}
        placeholder={t('snooze.reasonPlaceholder')}
        required
        {...bindField(form, 'reason', 'snooze-reason')}
      />
      <FormActions
        onCancel={onCancel}
        loading={snooze.isPending}
        label={t('snooze.submit')}
        testId="snooze-submit"
      />
    </StackForm>
  );
}
