import type { Agreement, FieldIssue } from '@evergreen/contracts';
import {
  addMonths,
  adjustWithinBound,
  allowedRange,
  effectiveEndOn,
  isDay,
  termEndsOn,
  utcToday,
} from '@evergreen/rules';
import {
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle, IconSignature } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api/client.ts';
import { useApiErrorHandler } from '../../shared/api/useApiErrorHandler.ts';
import { useFormatters } from '../../shared/i18n/format.ts';
import { currencyDigits, formatMoney, minorToInput, parseAmount } from '../../shared/money.ts';
import { formatMonths, itemLabel } from './AgreementBadges.tsx';
import { intOrNull } from './agreementForm.ts';
import {
  useAcceptAgreement,
  useEndAgreement,
  useExtendDecision,
  useGiveNotice,
  useRenewAgreement,
} from './api.ts';

interface FormProps {
  workspaceId: string;
  agreement: Agreement;
  onDone: (agreement: Agreement) => void;
  onCancel: () => void;
}

function Actions({
  onCancel,
  loading,
  label,
  testId,
  color,
}: {
  onCancel: () => void;
  loading: boolean;
  label: string;
  testId: string;
  color?: string;
}) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" gap="sm">
      <Button variant="default" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" loading={loading} color={color} data-testid={testId}>
        {label}
      </Button>
    </Group>
  );
}

/** Accept on the creator's behalf by typing their name: recorded with the time and address. */
export function AcceptForm({ workspaceId, agreement: a, onDone, onCancel }: FormProps) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const handleError = useApiErrorHandler();
  const accept = useAcceptAgreement(workspaceId, a.id);
  const form = useForm({
    initialValues: { acceptedName: '' },
    validate: { acceptedName: (value) => (value.trim() ? null : t('validation.required')) },
  });
  const submit = form.onSubmit((values) =>
    accept.mutate(
      { acceptedName: values.acceptedName.trim() },
      {
        onSuccess: (accepted) => {
          notifications.show({ color: 'teal', message: t('agreements.accept.done') });
          onDone(accepted);
        },
        onError: (error) => handleError(error, form),
      },
    ),
  );
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
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          autoComplete="off"
          data-autofocus
          required
          data-testid="accept-name"
          {...form.getInputProps('acceptedName')}
        />
        <Actions
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
  const handleError = useApiErrorHandler();
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
  const submit = form.onSubmit((values) =>
    notice.mutate(
      {
        by: values.by,
        givenOn: values.givenOn,
        ...(values.reason.trim() ? { reason: values.reason.trim() } : {}),
      },
      {
        onSuccess: (updated) => {
          notifications.show({ color: 'teal', message: t('agreements.notice.done') });
          onDone(updated);
        },
        onError: (error) => handleError(error, form),
      },
    ),
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
        <Actions
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
  const handleError = useApiErrorHandler();
  const end = useEndAgreement(workspaceId, a.id);
  const form = useForm({
    initialValues: { endedOn: utcToday(), reason: '' },
    validate: {
      endedOn: (value) => (isDay(value) ? null : t('validation.required')),
      reason: (value) => (value.trim().length > 2000 ? t('validation.maxLength', { max: 2000 }) : null),
    },
  });
  const submit = form.onSubmit((values) =>
    end.mutate(
      { endedOn: values.endedOn, ...(values.reason.trim() ? { reason: values.reason.trim() } : {}) },
      {
        onSuccess: (updated) => {
          notifications.show({ color: 'teal', message: t('agreements.end.done') });
          onDone(updated);
        },
        onError: (error) => handleError(error, form),
      },
    ),
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
        <Actions
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

/** Month 6 of a new partnership: extend or move on, and what was learned (required). */
export function ExtendForm({ workspaceId, agreement: a, onDone, onCancel }: FormProps) {
  const { t } = useTranslation();
  const handleError = useApiErrorHandler();
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
  const submit = form.onSubmit((values) =>
    decide.mutate(
      { decision: values.decision, learned: values.learned.trim() },
      {
        onSuccess: (updated) => {
          notifications.show({ color: 'teal', message: t('agreements.extend.done') });
          onDone(updated);
        },
        onError: (error) => handleError(error, form),
      },
    ),
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
        <Actions
          onCancel={onCancel}
          loading={decide.isPending}
          label={t('agreements.extend.submit')}
          testId="extend-submit"
        />
      </Stack>
    </form>
  );
}

interface RenewValues {
  rates: { deliverableType: string; amount: string }[];
  monthlyFee: string;
  fee: string;
  collaborationsPerYear: number | string;
  deliverablesPerMonth: number | string;
}

/** The renewal's server issues worded here: amounts are money in the agreement's currency. */
function renewIssueText(
  issue: FieldIssue,
  t: TFunction,
  money: (minor: number) => string | number,
): string | null {
  if (issue.code !== 'out_of_review_bound') return null;
  const { minimum, maximum } = issue.params ?? {};
  if (minimum === undefined || maximum === undefined) return null;
  return t('agreements.renew.outOfBound', { min: money(Number(minimum)), max: money(Number(maximum)) });
}

/**
 * Renew into the next term with reviewed values, each within ± the review bound. As "Review
 * rates" it says so first: the reviewed rates take effect as the next term.
 */
export function RenewForm({
  workspaceId,
  agreement: a,
  onDone,
  onCancel,
  review = false,
}: FormProps & { review?: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const { lng } = fmt;
  const handleError = useApiErrorHandler();
  const renew = useRenewAgreement(workspaceId, a.id);
  const digits = currencyDigits(a.currency);
  const money = (minor: number) => formatMoney(minor, a.currency, lng);
  const input = (minor: number | null) => (minor === null ? '' : minorToInput(minor, digits, lng));
  const pct = a.reviewMaxAdjustPct;
  const form = useForm<RenewValues>({
    initialValues: {
      rates: a.rates.map((r) => ({ deliverableType: r.deliverableType, amount: input(r.amountMinor) })),
      monthlyFee: input(a.monthlyFeeMinor),
      fee: input(a.feeMinor),
      collaborationsPerYear: a.collaborationsPerYear ?? '',
      deliverablesPerMonth: a.deliverablesPerMonth ?? '',
    },
    validate: (values) => {
      const errors: Record<string, string> = {};
      const amount = (path: string, raw: string, current: number | null) => {
        if (current === null) return;
        const parsed = parseAmount(raw, digits, lng);
        if (!parsed.ok) errors[path] = t(`creatorForm.amountErrors.${parsed.error}`, { digits });
      };
      values.rates.forEach((r, i) => {
        amount(`rates.${i}.amount`, r.amount, a.rates[i]?.amountMinor ?? null);
      });
      amount('monthlyFee', values.monthlyFee, a.monthlyFeeMinor);
      amount('fee', values.fee, a.feeMinor);
      const count = (path: 'collaborationsPerYear' | 'deliverablesPerMonth', current: number | null) => {
        if (current !== null && intOrNull(values[path]) === null) errors[path] = t('validation.required');
      };
      count('collaborationsPerYear', a.collaborationsPerYear);
      count('deliverablesPerMonth', a.deliverablesPerMonth);
      return errors;
    },
  });
  const v = form.values;
  const parsedMinor = (raw: string) => {
    const parsed = parseAmount(raw, digits, lng);
    return parsed.ok ? parsed.minor : null;
  };
  /** The allowed range under a value, red while the typed value is outside it. */
  const rangeHint = (current: number, proposed: number | null, format: (n: number) => string | number) => {
    const { min, max } = allowedRange(current, pct);
    const outside = proposed !== null && (proposed < min || proposed > max);
    return (
      <Text span size="xs" c={outside ? 'red' : 'dimmed'}>
        {min === max
          ? t('agreements.renew.fixed', { current: format(current) })
          : t('agreements.renew.range', { current: format(current), min: format(min), max: format(max) })}
      </Text>
    );
  };
  const nextStart = addMonths(a.startsOn, a.termMonths);
  const nextMonths = a.renewalTermMonths ?? a.termMonths;
  const nextEnd = termEndsOn(nextStart, nextMonths);
  // The ±% helper: every amount changed by the same percent, kept inside its allowed range.
  const [byPct, setByPct] = useState<number | string>('');
  const hasMoney = a.rates.length > 0 || a.monthlyFeeMinor !== null || a.feeMinor !== null;
  const applyPct = () => {
    const p = typeof byPct === 'number' ? byPct : Number(byPct);
    if (byPct === '' || !Number.isFinite(p)) return;
    const moved = (current: number | null) =>
      input(current === null ? null : adjustWithinBound(current, pct, p));
    form.setValues({
      rates: a.rates.map((r) => ({ deliverableType: r.deliverableType, amount: moved(r.amountMinor) })),
      monthlyFee: moved(a.monthlyFeeMinor),
      fee: moved(a.feeMinor),
    });
  };

  const submit = form.onSubmit((values) => {
    const body: {
      rates?: { deliverableType: string; amountMinor: number }[];
      monthlyFeeMinor?: number;
      feeMinor?: number;
      collaborationsPerYear?: number;
      deliverablesPerMonth?: number;
    } = {};
    if (a.rates.length > 0) {
      body.rates = values.rates.map((r) => ({
        deliverableType: r.deliverableType,
        amountMinor: parsedMinor(r.amount) ?? 0,
      }));
    }
    if (a.monthlyFeeMinor !== null) body.monthlyFeeMinor = parsedMinor(values.monthlyFee) ?? 0;
    if (a.feeMinor !== null) body.feeMinor = parsedMinor(values.fee) ?? 0;
    if (a.collaborationsPerYear !== null) {
      body.collaborationsPerYear = intOrNull(values.collaborationsPerYear) ?? a.collaborationsPerYear;
    }
    if (a.deliverablesPerMonth !== null) {
      body.deliverablesPerMonth = intOrNull(values.deliverablesPerMonth) ?? a.deliverablesPerMonth;
    }
    renew.mutate(body, {
      onSuccess: (next) => {
        notifications.show({
          color: 'teal',
          message: t('agreements.renew.done', { number: next.termNumber }),
        });
        onDone(next);
      },
      onError: (error) => {
        // Out-of-bound amounts are money: say the range in the agreement's currency.
        if (error instanceof ApiError && error.fields.some((f) => f.code === 'out_of_review_bound')) {
          const errors: Record<string, string> = {};
          const rest: FieldIssue[] = [];
          for (const issue of error.fields) {
            const rate = /^rates\.(\d+)\.amountMinor$/.exec(issue.field);
            const path = rate
              ? `rates.${rate[1]}.amount`
              : issue.field === 'monthlyFeeMinor'
                ? 'monthlyFee'
                : issue.field === 'feeMinor'
                  ? 'fee'
                  : issue.field;
            const isMoney = path !== 'collaborationsPerYear' && path !== 'deliverablesPerMonth';
            const text = renewIssueText(issue, t, isMoney ? money : (n) => fmt.number(n));
            if (text) errors[path] = text;
            else rest.push(issue);
          }
          form.setErrors(errors);
          if (rest.length > 0) handleError(new ApiError(error.status, error.code, error.message, rest));
          return;
        }
        handleError(error, form, {
          monthlyFeeMinor: 'monthlyFee',
          feeMinor: 'fee',
          ...Object.fromEntries(values.rates.map((_, i) => [`rates.${i}.amountMinor`, `rates.${i}.amount`])),
        });
      },
    });
  });

  const hasValues =
    a.rates.length > 0 ||
    a.monthlyFeeMinor !== null ||
    a.feeMinor !== null ||
    a.collaborationsPerYear !== null ||
    a.deliverablesPerMonth !== null;
  return (
    <form onSubmit={submit} noValidate data-testid="renew-form">
      <Stack gap="md">
        <Alert color="teal" variant="light" icon={<IconInfoCircle size={18} aria-hidden />}>
          <Stack gap={4}>
            <Text size="sm">
              {t('agreements.renew.nextTerm', {
                from: fmt.day(nextStart),
                to: fmt.day(nextEnd),
                duration: formatMonths(nextMonths, lng),
              })}
            </Text>
            <Text size="sm">
              {a.autoRenew ? t('agreements.renew.activeNext') : t('agreements.renew.draftNext')}
            </Text>
          </Stack>
        </Alert>
        {review ? <Text size="sm">{t('agreements.review.explain')}</Text> : null}
        <Text size="sm">
          {hasValues
            ? t('agreements.renew.explain', { pct: fmt.percent(pct) })
            : t('agreements.renew.nothing')}
        </Text>
        {hasMoney ? (
          <Group gap="xs" align="flex-end" wrap="wrap" data-testid="review-helper">
            <NumberInput
              label={t('agreements.review.byPct')}
              description={t('agreements.review.byPctHint', { pct: fmt.percent(pct) })}
              value={byPct}
              onChange={setByPct}
              decimalScale={2}
              suffix="%"
              w={220}
              maw="100%"
              data-testid="review-pct"
            />
            <Button variant="light" onClick={applyPct} disabled={byPct === ''} data-testid="review-pct-apply">
              {t('agreements.review.apply')}
            </Button>
          </Group>
        ) : null}
        {v.rates.map((row, i) => {
          const current = a.rates[i]?.amountMinor ?? 0;
          return (
            <TextInput
              // biome-ignore lint/suspicious/noArrayIndexKey: the agreement's rates, in order
              key={i}
              label={itemLabel(row.deliverableType, t)}
              inputMode="decimal"
              description={rangeHint(current, parsedMinor(row.amount), money)}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              rightSection={
                <Text size="xs" c="dimmed">
                  {a.currency}
                </Text>
              }
              rightSectionWidth={48}
              data-testid={`renew-rate-${i}`}
              {...form.getInputProps(`rates.${i}.amount`)}
            />
          );
        })}
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          {a.monthlyFeeMinor !== null ? (
            <TextInput
              label={t('agreements.form.monthlyFee')}
              inputMode="decimal"
              description={rangeHint(a.monthlyFeeMinor, parsedMinor(v.monthlyFee), money)}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              data-testid="renew-monthly-fee"
              {...form.getInputProps('monthlyFee')}
            />
          ) : null}
          {a.feeMinor !== null ? (
            <TextInput
              label={t('agreements.form.fee')}
              inputMode="decimal"
              description={rangeHint(a.feeMinor, parsedMinor(v.fee), money)}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              data-testid="renew-fee"
              {...form.getInputProps('fee')}
            />
          ) : null}
          {a.collaborationsPerYear !== null ? (
            <NumberInput
              label={t('agreements.form.collaborationsPerYear')}
              allowDecimal={false}
              allowNegative={false}
              description={rangeHint(a.collaborationsPerYear, intOrNull(v.collaborationsPerYear), fmt.number)}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              data-testid="renew-collabs"
              {...form.getInputProps('collaborationsPerYear')}
            />
          ) : null}
          {a.deliverablesPerMonth !== null ? (
            <NumberInput
              label={t('agreements.form.deliverablesPerMonth')}
              allowDecimal={false}
              allowNegative={false}
              description={rangeHint(a.deliverablesPerMonth, intOrNull(v.deliverablesPerMonth), fmt.number)}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              data-testid="renew-per-month"
              {...form.getInputProps('deliverablesPerMonth')}
            />
          ) : null}
        </SimpleGrid>
        <Actions
          onCancel={onCancel}
          loading={renew.isPending}
          label={
            review
              ? t('agreements.review.submit', { number: a.termNumber + 1 })
              : t('agreements.renew.submit', { number: a.termNumber + 1 })
          }
          testId="renew-submit"
        />
      </Stack>
    </form>
  );
}
