import type { Agreement } from '@evergreen/contracts';
import { effectiveEndOn, isDay, utcToday } from '@evergreen/rules';
import { Alert, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconSignature } from '@tabler/icons-react';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormSubmit } from '../../shared/api/useFormSubmit.ts';
import { useFormatters } from '../../shared/i18n/format.ts';
import { FormActions, StackForm } from '../../shared/ui/FormActions.tsx';
import {
  bindField,
  DayInput,
  GrowingTextarea,
  hintBelow,
  SegmentedField,
} from '../../shared/ui/FormFields.tsx';
import { validators } from '../../shared/validation.ts';
import { useAcceptAgreement, useEndAgreement, useGiveNotice } from './api.ts';

/** A reason the person may leave empty: sent trimmed, or not at all. */
const optionalReason = (reason: string) => (reason.trim() ? { reason: reason.trim() } : {});

/** The four steps of an agreement's life that ask something of the manager. */
type Step = 'accept' | 'notice' | 'end' | 'extend';

/** A step's form: its fields stacked, then Cancel and the step's submit button. */
export function StepForm({
  step,
  onSubmit,
  pending,
  onCancel,
  color,
  children,
}: {
  step: Step;
  onSubmit: (event?: FormEvent<HTMLFormElement>) => void;
  pending: boolean;
  onCancel: () => void;
  color?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <StackForm onSubmit={onSubmit} testId={`${step}-form`}>
      {children}
      <FormActions
        onCancel={onCancel}
        loading={pending}
        label={t(`agreements.${step}.submit`)}
        testId={`${step}-submit`}
        color={color}
      />
    </StackForm>
  );
}

/** The day a notice or an end takes effect from, and the optional reason. */
function DayAndReason({
  step,
  form,
  day,
  max,
}: {
  step: 'notice' | 'end';
  form: { getInputProps: (path: string) => object };
  day: string;
  max?: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <DayInput
        label={t(`agreements.${step}.date`)}
        max={max}
        required
        w={{ base: '100%', xs: 220 }}
        data-testid={`${step}-date`}
        {...form.getInputProps(day)}
      />
      <GrowingTextarea
        label={t(`agreements.${step}.reason`)}
        maxRows={6}
        {...bindField(form, 'reason', `${step}-reason`)}
      />
    </>
  );
}

export interface FormProps {
  workspaceId: string;
  agreement: Agreement;
  onDone: (agreement: Agreement) => void;
  onCancel: () => void;
}

/** Accept on the creator's behalf by typing their name: recorded with the time and address. */
export function AcceptForm({ workspaceId, agreement: a, onDone, onCancel }: FormProps) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const accept = useAcceptAgreement(workspaceId, a.id);
  const form = useForm({
    initialValues: { acceptedName: '' },
    validate: { acceptedName: (value) => (value.trim() ? null : t('validation.required')) },
  });
  const send = useFormSubmit(accept, form, { done: () => t('agreements.accept.done'), after: onDone });
  const submit = form.onSubmit((values) => send({ acceptedName: values.acceptedName.trim() }));
  return (
    <StepForm step="accept" onSubmit={submit} pending={accept.isPending} onCancel={onCancel}>
      <Alert color="blue" variant="light" icon={<IconSignature size={18} aria-hidden />}>
        <Stack gap={6}>
          <Text size="sm">{t('agreements.accept.explain', { name: a.creatorName })}</Text>
          <Text size="sm">{t('agreements.accept.records')}</Text>
          <Text size="sm" c="dimmed">
            {a.startsOn <= utcToday()
              ? t('agreements.accept.activeNow')
              : t('agreements.accept.activeLater', { date: fmt.day(a.startsOn) })}
          </Text>
        </Stack>
      </Alert>
      <TextInput
        label={t('agreements.accept.nameLabel')}
        description={t('agreements.accept.nameHint', { name: a.creatorName })}
        {...hintBelow}
        autoComplete="off"
        data-autofocus
        required
        {...bindField(form, 'acceptedName', 'accept-name')}
      />
    </StepForm>
  );
}

/** Notice by either side: shows the last day in force before it is given. */
export function NoticeForm({ workspaceId, agreement: a, onDone, onCancel }: FormProps) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const notice = useGiveNotice(workspaceId, a.id);
  const today = utcToday();
  const form = useForm<{ by: 'brand' | 'creator'; givenOn: string; reason: string }>({
    initialValues: { by: 'brand', givenOn: today, reason: '' },
    validate: {
      givenOn: (value) =>
        !isDay(value) ? t('validation.required') : value > today ? t('fieldErrors.future_date') : null,
      reason: validators(t).maxLength(2000),
    },
  });
  const givenOn = form.values.givenOn;
  const end = isDay(givenOn) ? effectiveEndOn(givenOn, a.noticeDays) : null;
  const termEnd = a.dates.termEndsOn;
  const send = useFormSubmit(notice, form, { done: () => t('agreements.notice.done'), after: onDone });
  const submit = form.onSubmit((values) =>
    send({ by: values.by, givenOn: values.givenOn, ...optionalReason(values.reason) }),
  );
  return (
    <StepForm step="notice" onSubmit={submit} pending={notice.isPending} onCancel={onCancel} color="orange">
      <SegmentedField
        label={t('agreements.notice.by')}
        value={form.values.by}
        onChange={(by) => form.setFieldValue('by', by)}
        testId="notice-by"
        options={[
          { value: 'brand', label: t('agreements.notice.brand') },
          { value: 'creator', label: t('agreements.notice.creator', { name: a.creatorName }) },
        ]}
      />
      <DayAndReason step="notice" form={form} day="givenOn" max={today} />
      {end ? (
        <Paper
          withBorder
          radius="md"
          p="sm"
          bg="var(--mantine-color-orange-light)"
          data-testid="notice-effective-end"
        >
          <Text size="sm" fw={600}>
            {t('agreements.notice.effectiveEnd', { date: fmt.day(end, 'long') })}
          </Text>
          <Text size="sm">
            {t('agreements.notice.effectiveExplain', {
              given: fmt.day(givenOn),
              duration: fmt.days(a.noticeDays),
            })}
          </Text>
          <Text size="sm" c="dimmed">
            {end < termEnd
              ? t('agreements.notice.beforeTermEnd', { date: fmt.day(termEnd) })
              : end === termEnd
                ? t('agreements.notice.atTermEnd')
                : t('agreements.notice.afterTermEnd', { date: fmt.day(termEnd) })}
          </Text>
        </Paper>
      ) : null}
    </StepForm>
  );
}

/** End at once (or on a given day), as opposed to notice. */
export function EndForm({ workspaceId, agreement: a, onDone, onCancel }: FormProps) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const end = useEndAgreement(workspaceId, a.id);
  const form = useForm({
    initialValues: { endedOn: utcToday(), reason: '' },
    validate: {
      endedOn: (value) => (isDay(value) ? null : t('validation.required')),
      reason: validators(t).maxLength(2000),
    },
  });
  const send = useFormSubmit(end, form, { done: () => t('agreements.end.done'), after: onDone });
  const submit = form.onSubmit((values) =>
    send({ endedOn: values.endedOn, ...optionalReason(values.reason) }),
  );
  return (
    <StepForm step="end" onSubmit={submit} pending={end.isPending} onCancel={onCancel} color="red">
      <Text size="sm">
        {a.status === 'notice_given' && a.dates.effectiveEndOn
          ? t('agreements.end.explainNotice', { date: fmt.day(a.dates.effectiveEndOn) })
          : t('agreements.end.explain', { duration: fmt.days(a.noticeDays) })}
      </Text>
      <DayAndReason step="end" form={form} day="endedOn" />
    </StepForm>
  );
}
