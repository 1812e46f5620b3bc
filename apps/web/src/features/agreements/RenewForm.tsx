import type { FieldIssue } from '@evergreen/contracts';
import { addMonths, adjustWithinBound, allowedRange, termEndsOn } from '@evergreen/rules';
import { Alert, Button, Group, NumberInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api/client.ts';
import { useApiErrorHandler } from '../../shared/api/useApiErrorHandler.ts';
import { useFormatters } from '../../shared/i18n/format.ts';
import { currencyDigits, formatMoney, minorToInput, parseAmount } from '../../shared/money.ts';
import { FormActions, StackForm } from '../../shared/ui/FormActions.tsx';
import { bindField, hintBelow, WholeNumberInput } from '../../shared/ui/FormFields.tsx';
import { formatMonths, itemLabel } from './AgreementBadges.tsx';
import { intOrNull } from './agreementForm.ts';
import { useRenewAgreement } from './api.ts';
import type { FormProps } from './LifecycleForms.tsx';

export interface RenewValues {
  rates: { deliverableType: string; amount: string }[];
  monthlyFee: string;
  fee: string;
  collaborationsPerYear: number | string;
  deliverablesPerMonth: number | string;
}

/** The renewal's server issues worded here: amounts are money in the agreement's currency. */
export function renewIssueText(
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
    <StackForm onSubmit={submit} testId="renew-form">
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
        {hasValues ? t('agreements.renew.explain', { pct: fmt.percent(pct) }) : t('agreements.renew.nothing')}
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
            {...hintBelow}
            rightSection={
              <Text size="xs" c="dimmed">
                {a.currency}
              </Text>
            }
            rightSectionWidth={48}
            {...bindField(form, `rates.${i}.amount`, `renew-rate-${i}`)}
          />
        );
      })}
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        {a.monthlyFeeMinor !== null ? (
          <TextInput
            label={t('agreements.form.monthlyFee')}
            inputMode="decimal"
            description={rangeHint(a.monthlyFeeMinor, parsedMinor(v.monthlyFee), money)}
            {...hintBelow}
            {...bindField(form, 'monthlyFee', 'renew-monthly-fee')}
          />
        ) : null}
        {a.feeMinor !== null ? (
          <TextInput
            label={t('agreements.form.fee')}
            inputMode="decimal"
            description={rangeHint(a.feeMinor, parsedMinor(v.fee), money)}
            {...hintBelow}
            {...bindField(form, 'fee', 'renew-fee')}
          />
        ) : null}
        {a.collaborationsPerYear !== null ? (
          <WholeNumberInput
            label={t('agreements.form.collaborationsPerYear')}
            description={rangeHint(a.collaborationsPerYear, intOrNull(v.collaborationsPerYear), fmt.number)}
            {...hintBelow}
            {...bindField(form, 'collaborationsPerYear', 'renew-collabs')}
          />
        ) : null}
        {a.deliverablesPerMonth !== null ? (
          <WholeNumberInput
            label={t('agreements.form.deliverablesPerMonth')}
            description={rangeHint(a.deliverablesPerMonth, intOrNull(v.deliverablesPerMonth), fmt.number)}
            {...hintBelow}
            {...bindField(form, 'deliverablesPerMonth', 'renew-per-month')}
          />
        ) : null}
      </SimpleGrid>
      <FormActions
        onCancel={onCancel}
        loading={renew.isPending}
        label={
          review
            ? t('agreements.review.submit', { number: a.termNumber + 1 })
            : t('agreements.renew.submit', { number: a.termNumber + 1 })
        }
        testId="renew-submit"
      />
    </StackForm>
  );
}
