import type { Agreement, Creator } from '@evergreen/contracts';
import { addDays, daysBetween, utcToday } from '@evergreen/rules';
import { Anchor, Paper, SimpleGrid, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatters } from '../../shared/i18n/format.ts';
import { Fact } from '../../shared/layout/EntityPage.tsx';
import { formatMoney } from '../../shared/money.ts';
import { itemLabel } from '../agreements/AgreementBadges.tsx';
import { useCreatorAgreements } from '../agreements/api.ts';
import { nextDecision } from '../agreements/rules.ts';
import { usePayments } from '../budgets/api.ts';
import { useReport } from '../performance/api.ts';
import { formatRate } from '../performance/numbers.ts';
import { usePosts } from '../tracking/api.ts';
import { useCurrentWorkspace } from '../workspaces/api.ts';
import { TierBadge } from './CreatorBadges.tsx';

/**
 * The term in force now (the newest started one that is active or under notice), else the one
 * signed and waiting to start, else none. Agreements come newest start first.
 */
export function currentTerm(agreements: Agreement[]): Agreement | null {
  return (
    agreements.find((a) => !a.scheduled && (a.status === 'active' || a.status === 'notice_given')) ??
    agreements.find((a) => a.scheduled) ??
    null
  );
}

/** Which open deliverable comes next: the earliest due (undated ones last). */
export function nextOpenDeliverable<T extends { dueOn: string | null; status: string }>(list: T[]): T | null {
  const open = list.filter(
    (d) => d.status === 'planned' || d.status === 'submitted' || d.status === 'approved',
  );
  open.sort((a, b) => (a.dueOn ?? '9999-12-31').localeCompare(b.dueOn ?? '9999-12-31'));
  return open[0] ?? null;
}

function Cell(props: { label: string; testId: string; children: ReactNode }) {
  return <Fact style={{ minWidth: 0 }} {...props} />;
}

/**
 * The creator at a glance, from the read models the tabs use (agreements, payments, results,
 * posts, check-ins): tier, the term in force and its next decision, what was paid under it
 * against its rate, ROI over the last 12 months, the next deliverable, the last touchpoint.
 */
export function CreatorGlance({ creator: c }: { creator: Creator }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const { workspaceId: ws } = useCurrentWorkspace();
  const today = utcToday();
  const agreements = useCreatorAgreements(ws, c.id);
  const payments = usePayments(ws, { creatorId: c.id, sort: 'due', limit: 1000, offset: 0 });
  // The Results tab's default period (12 months up to today), so both share one answer.
  const results = useReport(ws, 'creator-results', {
    from: addDays(today, -364),
    to: today,
    creatorId: c.id,
  });
  const posts = usePosts(ws, {
    creatorId: c.id,
    status: 'planned,submitted,approved',
    limit: 100,
    offset: 0,
  });

  const term = agreements.data ? currentTerm(agreements.data) : null;
  const waiting = agreements.data?.find((a) => a.scheduled && a.id !== term?.id) ?? null;
  const decision = term && !term.scheduled ? nextDecision(term, today) : null;
  const money = (minor: number, currency: string) => formatMoney(minor, currency, fmt.lng);
  const paidUnder = term
    ? (payments.data?.payments ?? [])
        .filter((p) => p.agreementId === term.id)
        .reduce((sum, p) => sum + p.paidMinor, 0)
    : 0;
  const rateText = (a: Agreement) =>
    a.type === 'retainer' && a.monthlyFeeMinor !== null
      ? t('creatorGlance.monthly', { amount: money(a.monthlyFeeMinor, a.currency) })
      : a.rates.length > 0
        ? a.rates
            .map((r) =>
              t('creatorGlance.per', {
                amount: money(r.amountMinor, a.currency),
                item: itemLabel(r.deliverableType, t),
              }),
            )
            .join(' · ')
        : a.feeMinor !== null
          ? t('creatorGlance.fee', { amount: money(a.feeMinor, a.currency) })
          : '—';
  const next = posts.data ? nextOpenDeliverable(posts.data.deliverables) : null;
  const last = c.checkIn.lastTouchpointOn;
  const dim = (text: string) => (
    <Text size="sm" c="dimmed">
      {text}
    </Text>
  );
  const loading = dim('…');

  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="section"
      aria-label={t('creatorGlance.title')}
      data-testid="creator-glance"
    >
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md" verticalSpacing="md">
        <Cell label={t('creatorGlance.tier')} testId="glance-tier">
          <div>
            <TierBadge tier={c.tier} />
          </div>
        </Cell>
        <Cell label={t('creatorGlance.term')} testId="glance-term">
          {agreements.isPending ? (
            loading
          ) : term ? (
            <>
              <Anchor component={Link} to={`/w/${ws}/agreements/${term.id}`} size="sm" fw={600}>
                {t('agreements.termNumber', { number: term.termNumber })} ·{' '}
                {term.scheduled
                  ? t('creatorGlance.startsOn', { date: fmt.day(term.startsOn) })
                  : t('creatorGlance.until', {
                      date: fmt.day(term.dates.effectiveEndOn ?? term.dates.termEndsOn),
                    })}
              </Anchor>
              {decision ? (
                <Text size="xs" c={decision.date < today ? 'red' : 'dimmed'} data-testid="glance-decision">
                  {t('creatorGlance.nextDecision', {
                    what: t(`agreements.dates.kinds.${decision.kind}`),
                    date: fmt.day(decision.date),
                  })}
                </Text>
              ) : null}
              {waiting ? (
                <Text size="xs" c="dimmed">
                  {t('creatorGlance.nextTermFrom', { date: fmt.day(waiting.startsOn) })}
                </Text>
              ) : null}
            </>
          ) : (
            dim(t('creatorGlance.noTerm'))
          )}
        </Cell>
        <Cell label={t('creatorGlance.spend')} testId="glance-spend">
          {term ? (
            payments.isPending ? (
              loading
            ) : (
              <>
                <Text size="sm" fw={600} data-testid="glance-paid">
                  {t('creatorGlance.paidThisTerm', { amount: money(paidUnder, term.currency) })}
                </Text>
                <Text size="xs" c="dimmed" data-testid="glance-rate">
                  {rateText(term)}
                </Text>
              </>
            )
          ) : (
            dim('—')
          )}
        </Cell>
        <Cell label={t('creatorGlance.roi')} testId="glance-roi">
          {results.isPending ? (
            loading
          ) : results.data ? (
            <>
              <Text size="sm" fw={600} data-testid="glance-roi-value">
                {results.data.measures.roi === null ? '—' : formatRate(results.data.measures.roi, fmt.lng)}
              </Text>
              <Text size="xs" c="dimmed">
                {t('creatorGlance.roiPeriod')}
              </Text>
            </>
          ) : (
            dim('—')
          )}
        </Cell>
        <Cell label={t('creatorGlance.nextDeliverable')} testId="glance-deliverable">
          {posts.isPending ? (
            loading
          ) : next ? (
            <>
              <Text size="sm" fw={600} truncate>
                {next.title ?? itemLabel(next.type, t)}
              </Text>
              {next.dueOn ? (
                <Text size="xs" c={next.dueOn < today ? 'red' : 'dimmed'}>
                  {t('creatorGlance.due', { date: fmt.day(next.dueOn) })}
                </Text>
              ) : null}
            </>
          ) : (
            dim(t('creatorGlance.noDeliverable'))
          )}
        </Cell>
        <Cell label={t('creatorGlance.lastTouchpoint')} testId="glance-touchpoint">
          {last ? (
            <>
              <Text size="sm" fw={600}>
                {fmt.day(last)}
              </Text>
              <Text size="xs" c="dimmed">
                {daysBetween(last, today) === 0
                  ? t('agreements.dates.today')
                  : t('agreements.dates.daysAgo', { duration: fmt.days(daysBetween(last, today)) })}
              </Text>
            </>
          ) : (
            dim(t('creator.never'))
          )}
        </Cell>
      </SimpleGrid>
    </Paper>
  );
}
