import type { Agreement } from '@evergreen/contracts';
import { daysBetween, utcToday } from '@evergreen/rules';
import { Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconCalendarEvent } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../shared/i18n/format.ts';
import { Fact as SharedFact } from '../../shared/layout/EntityPage.tsx';
import { formatMoney } from '../../shared/money.ts';
import { formatMonths, itemLabel } from './AgreementBadges.tsx';
import { daysLeftColor } from './rules.ts';

/** A fact of the agreement: its label, and its value in a block of its own. */
export function Fact(props: { label: string; children: ReactNode; testId?: string }) {
  return <SharedFact boxed {...props} />;
}

/** "in 30 days", "today", "12 days ago" against today (UTC, as the server counts). */
export function useDaysFromToday() {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const today = utcToday();
  return (day: string) => {
    const n = daysBetween(today, day);
    return {
      n,
      text:
        n === 0
          ? t('agreements.dates.today')
          : n > 0
            ? t('agreements.dates.inDays', { duration: fmt.days(n) })
            : t('agreements.dates.daysAgo', { duration: fmt.days(-n) }),
    };
  };
}

export function KeyDates({ agreement: a }: { agreement: Agreement }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const fromToday = useDaysFromToday();
  const d = a.dates;
  const live = a.status === 'accepted' || a.status === 'active';
  const settled = a.nextAgreementId !== null || a.status === 'notice_given' || a.status === 'ended';
  type Kind =
    | 'starts'
    | 'term_end'
    | 'notice_deadline'
    | 'rate_review'
    | 'month_six'
    | 'effective_end'
    | 'renews_on'
    | 'ended';
  const rows: { kind: Kind; date: string | null; muted?: boolean; done?: string }[] = [
    ...(a.scheduled ? [{ kind: 'starts' as const, date: a.startsOn }] : []),
    { kind: 'term_end', date: d.termEndsOn },
    { kind: 'notice_deadline', date: d.noticeDeadline, muted: settled },
    { kind: 'rate_review', date: d.rateReviewOn, muted: settled },
  ];
  if (d.monthSixOn) {
    rows.push({
      kind: 'month_six',
      date: d.monthSixOn,
      done: a.extendDecision
        ? t('agreements.dates.decided', { decision: t(`agreements.extend.decided.${a.extendDecision}`) })
        : undefined,
    });
  }
  if (d.effectiveEndOn) rows.push({ kind: 'effective_end', date: d.effectiveEndOn });
  if (d.renewsOn) rows.push({ kind: 'renews_on', date: d.renewsOn });
  if (a.endedOn) rows.push({ kind: 'ended', date: a.endedOn });
  return (
    <Paper withBorder radius="md" p="md" data-testid="agreement-dates">
      <Group gap={6} mb="sm">
        <IconCalendarEvent size={18} aria-hidden />
        <Title order={2} size="h5">
          {t('agreements.dates.title')}
        </Title>
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
        {rows.map((row) => {
          if (!row.date) return null;
          const rel = fromToday(row.date);
          const urgent =
            live &&
            !row.muted &&
            !row.done &&
            row.kind !== 'renews_on' &&
            row.kind !== 'starts' &&
            row.kind !== 'ended';
          return (
            <Fact
              key={row.kind}
              label={t(`agreements.dates.kinds.${row.kind}`)}
              testId={`agreement-date-${row.kind}`}
            >
              <Text
                size="sm"
                fw={500}
                td={row.muted ? 'line-through' : undefined}
                c={row.muted ? 'dimmed' : undefined}
              >
                {fmt.day(row.date)}
              </Text>
              <Text size="xs" c={row.done ? 'teal' : urgent ? (daysLeftColor(rel.n) ?? 'dimmed') : 'dimmed'}>
                {row.done ?? rel.text}
              </Text>
            </Fact>
          );
        })}
      </SimpleGrid>
      {a.status === 'active' && !a.nextAgreementId && !a.scheduled ? (
        <Text size="xs" c="dimmed" mt="sm">
          {a.autoRenew && d.renewsOn
            ? t('agreements.dates.autoRenewNote', {
                date: fmt.day(d.renewsOn),
                deadline: fmt.day(d.noticeDeadline),
              })
            : t('agreements.dates.manualNote', { date: fmt.day(d.termEndsOn) })}
        </Text>
      ) : null}
    </Paper>
  );
}

/** Who accepted and when; who gave notice; the month-6 decision with what was learned. */
export function StatusFacts({ agreement: a }: { agreement: Agreement }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const lines: { key: string; text: string; detail?: string | null }[] = [];
  if (a.previousAgreementId) {
    // A renewed term: when it was made, and what its acceptance is (its own, or the first term's).
    lines.push({
      key: 'renewed',
      text: t('agreements.page.renewedOn', {
        number: a.termNumber - 1,
        date: fmt.dateTime(a.createdAt),
      }),
      detail:
        !a.acceptedAt && a.autoRenew && a.status !== 'draft' && a.status !== 'sent'
          ? t('agreements.page.coveredByFirst')
          : null,
    });
  }
  if (a.scheduled) {
    lines.push({ key: 'scheduled', text: t('agreements.page.scheduledOn', { date: fmt.day(a.startsOn) }) });
  }
  if (a.sentAt)
    lines.push({ key: 'sent', text: t('agreements.page.sentAt', { date: fmt.dateTime(a.sentAt) }) });
  if (a.acceptedAt && a.acceptedName) {
    lines.push({
      key: 'accepted',
      text: t('agreements.page.acceptedAs', { name: a.acceptedName, date: fmt.dateTime(a.acceptedAt) }),
      detail: [
        a.acceptedIp ? t('agreements.page.acceptedIp', { ip: a.acceptedIp }) : null,
        a.acceptedOnBehalf ? t('agreements.page.onBehalf') : null,
        a.acceptedOnBehalf === false ? t('agreements.page.byCreator') : null,
      ]
        .filter(Boolean)
        .join(' · '),
    });
  }
  if (a.noticeGivenOn && a.noticeBy) {
    lines.push({
      key: 'notice',
      text: t(`agreements.page.noticeBy.${a.noticeBy}`, { date: fmt.day(a.noticeGivenOn) }),
      detail: a.noticeReason,
    });
  }
  if (a.extendDecision && a.extendDecidedOn) {
    lines.push({
      key: 'month_six',
      text: t('agreements.page.decided', {
        decision: t(`agreements.extend.decided.${a.extendDecision}`),
        date: fmt.day(a.extendDecidedOn),
      }),
      detail: a.extendDecisionNotes,
    });
  }
  if (lines.length === 0) return null;
  return (
    <Paper withBorder radius="md" p="md" data-testid="agreement-history">
      <Stack gap="xs">
        {lines.map((line) => (
          <div key={line.key} data-testid={`agreement-fact-${line.key}`}>
            <Text size="sm">{line.text}</Text>
            {line.detail ? (
              <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
                {line.detail}
              </Text>
            ) : null}
          </div>
        ))}
      </Stack>
    </Paper>
  );
}

export function Summary({ agreement: a }: { agreement: Agreement }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const money = (minor: number) => formatMoney(minor, a.currency, fmt.lng);
  const yesNo = (value: boolean) => (value ? t('agreements.summary.yes') : t('agreements.summary.no'));
  const none = (
    <Text size="sm" c="dimmed">
      —
    </Text>
  );
  const text = (value: ReactNode) => <Text size="sm">{value}</Text>;
  return (
    <Paper withBorder radius="md" p="md" data-testid="agreement-summary">
      <Title order={2} size="h5" mb="sm">
        {t('agreements.summary.title')}
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 2, sm: 3 }} spacing="md" verticalSpacing="md">
        <Fact label={t('agreements.summary.term')}>
          {text(t('agreements.range', { from: fmt.day(a.startsOn), to: fmt.day(a.dates.termEndsOn) }))}
          <Text size="xs" c="dimmed">
            {formatMonths(a.termMonths, fmt.lng)}
          </Text>
        </Fact>
        {a.collaborationsPerYear !== null ? (
          <Fact label={t('agreements.form.collaborationsPerYear')}>
            {text(fmt.number(a.collaborationsPerYear))}
          </Fact>
        ) : null}
        {a.deliverablesPerMonth !== null ? (
          <Fact label={t('agreements.form.deliverablesPerMonth')}>
            {text(fmt.number(a.deliverablesPerMonth))}
          </Fact>
        ) : null}
        {a.monthlyFeeMinor !== null ? (
          <Fact label={t('agreements.form.monthlyFee')} testId="agreement-summary-monthly-fee">
            {text(money(a.monthlyFeeMinor))}
          </Fact>
        ) : null}
        {a.feeMinor !== null ? (
          <Fact label={t('agreements.form.fee')} testId="agreement-summary-fee">
            {text(money(a.feeMinor))}
          </Fact>
        ) : null}
        <Fact label={t('agreements.summary.rates')} testId="agreement-summary-rates">
          {a.rates.length === 0
            ? none
            : a.rates.map((r) => (
                <Text key={r.deliverableType} size="sm">
                  {itemLabel(r.deliverableType, t)} · {money(r.amountMinor)}
                </Text>
              ))}
        </Fact>
        {a.type === 'retainer' ? (
          <Fact label={t('agreements.summary.inclusions')} testId="agreement-summary-inclusions">
            {a.inclusions.length === 0
              ? none
              : a.inclusions.map((i) => (
                  <Text key={i.item} size="sm">
                    {itemLabel(i.item, t)} × {fmt.number(i.quantity)}
                  </Text>
                ))}
          </Fact>
        ) : null}
        <Fact label={t('agreements.summary.rights')}>
          {text(
            a.usagePeriodDays !== null
              ? t('agreements.summary.usageFor', { duration: fmt.days(a.usagePeriodDays) })
              : t('agreements.summary.usageUnset'),
          )}
          <Text size="xs" c="dimmed">
            {t('agreements.form.paidUsage')}: {yesNo(a.paidUsage)} · {t('agreements.summary.whitelisting')}:{' '}
            {yesNo(a.whitelisting)}
          </Text>
        </Fact>
        <Fact label={t('agreements.summary.exclusivity')}>
          {a.exclusivityCategory
            ? text(
                a.exclusivityDays !== null
                  ? t('agreements.summary.exclusiveFor', {
                      category: a.exclusivityCategory,
                      duration: fmt.days(a.exclusivityDays),
                    })
                  : a.exclusivityCategory,
              )
            : none}
        </Fact>
        <Fact label={t('agreements.summary.payment')}>
          {text(t('agreements.summary.paymentWithin', { duration: fmt.days(a.paymentTermsDays) }))}
          <Text size="xs" c="dimmed">
            {a.currency}
            {fmt.currency(a.currency) ? ` · ${fmt.currency(a.currency)}` : ''}
          </Text>
        </Fact>
        <Fact label={t('agreements.summary.renewal')} testId="agreement-summary-renewal">
          {text(
            a.autoRenew
              ? t('agreements.summary.autoRenew', {
                  duration: formatMonths(a.renewalTermMonths ?? a.termMonths, fmt.lng),
                })
              : t('agreements.summary.noAutoRenew'),
          )}
          <Text size="xs" c="dimmed">
            {t('agreements.summary.reviewBound', { pct: fmt.percent(a.reviewMaxAdjustPct) })}
          </Text>
        </Fact>
        <Fact label={t('agreements.summary.notice')}>
          {text(t('agreements.summary.noticeDays', { duration: fmt.days(a.noticeDays) }))}
        </Fact>
        <Fact label={t('agreements.form.language')}>{text(a.language === 'ru' ? 'Русский' : 'English')}</Fact>
      </SimpleGrid>
      {a.notes ? (
        <Stack gap={2} mt="md">
          <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
            {t('agreements.form.notes')}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {a.notes}
          </Text>
        </Stack>
      ) : null}
    </Paper>
  );
}
