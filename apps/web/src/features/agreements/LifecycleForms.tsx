import type { Agreement } from '@evergreen/contracts';
import { effectiveEndOn, isDay, utcToday } from '@evergreen/rules';
import { Alert, Paper, SegmentedControl, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconSignature } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormSubmit } from '../../shared/api/useFormSubmit.ts';
import { useFormatters } from '../../shared/i18n/format.ts';
import { FormActions } from '../../shared/ui/FormActions.tsx';
import { hintBelow } from '../../shared/ui/FormFields.tsx';
import { useAcceptAgreement, useEndAgreement, useGiveNotice } from './api.ts';

/** A reason the person may leave empty: sent trimmed, or not at all. */
const optionalReason = (reason: string) => (reason.trim() ? { reason: reason.trim() } : {});

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
    <form onSubmit={submit} noValidate data-testid="accept-form">
      <Stack gap="md">
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
          data-testid="accept-name"
          {...form.getInputProps('acceptedName')}
        />
        <FormActions
          onCancel={onCancel}
          loading={accept.isPending}
          label={t('agreements.accept.submit')}
          testId="accept-submit"
        />
      </Stack>
    </form>
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
      reason: (value) => (value.trim().length > 2000 ? t('validation.maxLength', { max: 2000 }) : null),
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
    <form onSubmit={submit} noValidate data-testid="notice-form">
      <Stack gap="md">
        <Stack gap={6}>
          <Text size="sm" fw={500}>
            {t('agreements.notice.by')}
          </Text>
          <SegmentedControl
            value={form.values.by}
            onChange={(value) => form.setFieldValue('by', value === 'creator' ? 'creator' : 'brand')}
            data-testid="notice-by"
            data={[
              {
                value: 'brand',
                label: <span data-testid="notice-by-brand">{t('agreements.notice.brand')}</span>,
              },
              {
                value: 'creator',
                label: (
                  <span data-testid="notice-by-creator">
                    {t('agreements.notice.creator', { name: a.creatorName })}
                  </span>
                ),
              },
            ]}
          />
        </Stack>
        <TextInput
          type="date"
          label={t('agreements.notice.date')}
          max={today}
          required
          w={{ base: '100%', xs: 220 }}
          data-testid="notice-date"
          {...form.getInputProps('givenOn')}
        />
        <Textarea
          label={t('agreements.notice.reason')}
          autosize
          minRows={2}
          maxRows={6}
          data-testid="notice-reason"
          {...form.getInputProps('reason')}
        />
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
        <FormActions
          onCancel={onCancel}
          loading={notice.isPending}
          label={t('agreements.notice.submit')}
          testId="notice-submit"
          color="orange"
        />
      </Stack>
    </form>
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
      reason: (value) => (value.trim().length > 2000 ? t('validation.maxLength', { max: 2000 }) : null),
    },
  });
  const send = useFormSubmit(end, form, { done: () => t('agreements.end.done'), after: onDone });
  const submit = form.onSubmit((values) =>
    send({ endedOn: values.endedOn, ...optionalReason(values.reason) }),
  );
  return (
    <form onSubmit={submit} noValidate data-testid="end-form">
      <Stack gap="md">
        <Text size="sm">
          {a.status === 'notice_given' && a.dates.effectiveEndOn
            ? t('agreements.end.explainNotice', { date: fmt.day(a.dates.effectiveEndOn) })
            : t('agreements.end.explain', { duration: fmt.days(a.noticeDays) })}
        </Text>
        <TextInput
          type="date"
          label={t('agreements.end.date')}
          required
          w={{ base: '100%', xs: 220 }}
          data-testid="end-date"
          {...form.getInputProps('endedOn')}
        />
        <Textarea
          label={t('agreements.end.reason')}
          autosize
          minRows={2}
          maxRows={6}
          data-testid="end-reason"
          {...form.getInputProps('reason')}
        />
        <FormActions
          onCancel={onCancel}
          loading={end.isPending}
          label={t('agreements.end.submit')}
          testId="end-submit"
          color="red"
        />
      </Stack>
    </form>
  );
}
