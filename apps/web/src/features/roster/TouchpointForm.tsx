import type { Channel, TouchpointKind } from '@evergreen/contracts';
import { isDay, utcToday } from '@evergreen/rules';
import { NumberInput, Select, SimpleGrid } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useFormSubmit } from '../../shared/api/useFormSubmit.ts';
import { FormActions, StackForm } from '../../shared/ui/FormActions.tsx';
import { bindField, DayInput, GrowingTextarea } from '../../shared/ui/FormFields.tsx';
import { useLogTouchpoint } from './api.ts';
import { channelOptions, isChannel, isKind, kindOptions } from './options.ts';

interface TouchpointFormValues {
  occurredOn: string;
  channel: Channel | null;
  kind: TouchpointKind | null;
  summary: string;
  /** Optional: how long it took (the Portfolio page's workload compares it with what is needed). */
  minutes: number | string;
}

interface TouchpointFormProps {
  workspaceId: string;
  creatorId: string;
  creatorName: string;
  /** The server's today (from Today), else today in UTC as the server counts it. */
  today?: string;
  defaultKind?: TouchpointKind;
  defaultChannel?: Channel | null;
  onDone?: () => void;
  onCancel?: () => void;
}

/** Log a touchpoint: used in Today's modal and on the creator page. */
export function TouchpointForm({
  workspaceId,
  creatorId,
  creatorName,
  today = utcToday(),
  defaultKind = 'check_in',
  defaultChannel,
  onDone,
  onCancel,
}: TouchpointFormProps) {
  const { t } = useTranslation();
  const log = useLogTouchpoint(workspaceId);
  const initialValues: TouchpointFormValues = {
    occurredOn: today,
    channel: defaultChannel ?? 'email',
    kind: defaultKind,
    summary: '',
    minutes: '',
  };
  const form = useForm<TouchpointFormValues>({
    initialValues,
    validate: {
      occurredOn: (value) =>
        !value
          ? t('validation.required')
          : !isDay(value)
            ? t('fieldErrors.invalid')
            : value > today
              ? t('fieldErrors.future_date')
              : null,
      channel: (value) => (value ? null : t('validation.required')),
      kind: (value) => (value ? null : t('validation.required')),
      summary: (value) => (value.trim().length > 5000 ? t('validation.maxLength', { max: 5000 }) : null),
      minutes: (value) =>
        value === '' || (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 1440)
          ? null
          : t('fieldErrors.invalid'),
    },
  });

  const send = useFormSubmit(log, form, {
    done: () => t('touchpoint.logged', { name: creatorName }),
    after: () => {
      form.setValues(initialValues);
      form.resetDirty(initialValues);
      onDone?.();
    },
  });
  const submit = form.onSubmit((values) => {
    if (!values.channel || !values.kind) return;
    send({
      creatorId,
      input: {
        occurredOn: values.occurredOn,
        channel: values.channel,
        kind: values.kind,
        summary: values.summary.trim(),
        ...(typeof values.minutes === 'number' ? { minutes: values.minutes } : {}),
      },
    });
  });

  return (
    <StackForm onSubmit={submit} label={t('touchpoint.formLabel', { name: creatorName })} gap="sm">
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        <DayInput
          label={t('touchpoint.date')}
          max={today}
          required
          {...bindField(form, 'occurredOn', 'touchpoint-date')}
        />
        <Select
          label={t('touchpoint.channel')}
          data={channelOptions(t)}
          allowDeselect={false}
          required
          {...bindField(form, 'channel', 'touchpoint-channel')}
          onChange={(value) => form.setFieldValue('channel', isChannel(value) ? value : null)}
        />
        <Select
          label={t('touchpoint.kind')}
          data={kindOptions(t)}
          allowDeselect={false}
          required
          {...bindField(form, 'kind', 'touchpoint-kind')}
          onChange={(value) => form.setFieldValue('kind', isKind(value) ? value : null)}
        />
        <NumberInput
          label={t('touchpoint.minutes')}
          min={0}
          max={1440}
          allowDecimal={false}
          allowNegative={false}
          {...bindField(form, 'minutes', 'touchpoint-minutes')}
        />
      </SimpleGrid>
      <GrowingTextarea
        label={t('touchpoint.summary')}
        placeholder={t('touchpoint.summaryPlaceholder')}
        maxRows={8}
        {...bindField(form, 'summary', 'touchpoint-summary')}
      />
      <FormActions
        onCancel={onCancel}
        loading={log.isPending}
        label={t('touchpoint.submit')}
        testId="touchpoint-submit"
      />
    </StackForm>
  );
}
