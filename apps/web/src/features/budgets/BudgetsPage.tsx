import { utcToday } from '@evergreen/rules';
import '@mantine/charts/styles.css';
import type { Budget, BudgetSummary, BudgetWarning, TierPolicy, Workspace } from '@evergreen/contracts';
import { BarChart } from '@mantine/charts';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCurrencyDollar, IconLock, IconPencil } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApiErrorHandler } from '../../shared/api/useApiErrorHandler.ts';
import { intlLocale, useFormatters } from '../../shared/i18n/format.ts';
import { currencyDigits, formatMoney, minorToInput, parseAmount } from '../../shared/money.ts';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { PageLoader, QueryError } from '../../shared/ui/QueryStates.tsx';
import { useCurrentWorkspace, useTiers, useWorkspace } from '../workspaces/api.ts';
import { useBudgetForecast, useBudgetPlan, useBudgetSummary, useBudgets, useSaveBudget } from './api.ts';
import { planLineText } from './planText.ts';
import { fiscalYearOf, normalizePercent, PERCENT, sumHundredths } from './rules.ts';

/** "FY 2026", or "FY 2026–27" when the fiscal year does not start in January. */
export function fiscalYearLabel(year: number, startMonth: number, t: TFunction): string {
  return startMonth === 1
    ? t('budgets.fiscalYear', { year })
    : t('budgets.fiscalYearSpan', { year, next: String(year + 1).slice(-2) });
}

export function BudgetsPage() {
  const { t } = useTranslation();
  const { workspaceId, canWrite } = useCurrentWorkspace();
  const workspace = useWorkspace(workspaceId);
  const tiers = useTiers(workspaceId);
  const budgets = useBudgets(workspaceId);
  const startMonth = workspace.data?.fiscalYearStartMonth ?? 1;
  const current = fiscalYearOf(utcToday(), startMonth);
  const [year, setYear] = useState<number | null>(null);
  const selected = year ?? current;

  const years = useMemo(() => {
    const set = new Set<number>([current - 1, current, current + 1]);
    for (const b of budgets.data ?? []) set.add(b.fiscalYear);
    return [...set].sort((a, b) => b - a);
  }, [budgets.data, current]);

  const pending = workspace.isPending || tiers.isPending || budgets.isPending;
  const error = workspace.error ?? tiers.error ?? budgets.error;
  const found = budgets.data?.find((b) => b.fiscalYear === selected) ?? null;

  return (
    <>
      <PageHeader
        title={t('budgets.title')}
        description={t('budgets.description')}
        actions={
          <Select
            aria-label={t('budgets.yearLabel')}
            data={years.map((y) => ({
              value: String(y),
              label: fiscalYearLabel(y, startMonth, t),
            }))}
            value={String(selected)}
            onChange={(v) => v && setYear(Number(v))}
            allowDeselect={false}
            w={170}
            data-testid="budget-year"
          />
        }
      />
      {pending ? (
        <PageLoader />
      ) : error ? (
        <QueryError
          error={error}
          onRetry={() => {
            void workspace.refetch();
            void tiers.refetch();
            void budgets.refetch();
          }}
        />
      ) : workspace.data && tiers.data ? (
        found ? (
          <BudgetView
            key={`${workspaceId}-${selected}`}
            workspaceId={workspaceId}
            budget={found}
            workspace={workspace.data}
            tiers={tiers.data}
            canWrite={canWrite}
          />
        ) : (
          <Stack gap="md">
            <Alert
              variant="light"
              color="gray"
              title={t('budgets.none', { year: fiscalYearLabel(selected, startMonth, t) })}
            >
              {canWrite ? t('budgets.noneHint') : t('budgets.noneReadOnly')}
            </Alert>
            {canWrite ? (
              <Paper withBorder radius="md" p="md">
                <Title order={3} size="h4" mb="sm">
                  {t('budgets.createTitle')}
                </Title>
                <BudgetForm
                  key={`${workspaceId}-${selected}`}
                  workspaceId={workspaceId}
                  year={selected}
                  workspace={workspace.data}
                  tiers={tiers.data}
                  budget={null}
                />
              </Paper>
            ) : null}
          </Stack>
        )
      ) : null}
    </>
  );
}

function PlanSection({
  workspaceId,
  year,
  startMonth,
  tiers,
}: {
  workspaceId: string;
  year: number;
  startMonth: number;
  tiers: TierPolicy[];
}) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const plan = useBudgetPlan(workspaceId, year);
  const nameOf = (tier: number) => tiers.find((p) => p.tier === tier)?.name ?? String(tier);
  return (
    <Paper withBorder radius="md" p="md" data-testid="budget-plan">
      <Title order={3} size="h4" mb={4}>
        {t('budgets.plan.title', { year: fiscalYearLabel(year + 1, startMonth, t) })}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('budgets.plan.hint')}
      </Text>
      {plan.isPending ? (
        <PageLoader />
      ) : plan.isError ? (
        <QueryError error={plan.error} onRetry={() => void plan.refetch()} />
      ) : (
        <Stack gap="sm">
          {plan.data.tiers.map((tier) => (
            <div key={tier.tier} data-testid={`budget-plan-tier-${tier.tier}`}>
              <Text fw={600} size="sm">
                {t('budgets.tierLabel', { tier: tier.tier, name: nameOf(tier.tier) })}
              </Text>
              {tier.lines.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('budgets.plan.empty')}
                </Text>
              ) : (
                tier.lines.map((line) => (
                  <Text
                    size="sm"
                    key={`${line.type}-${line.currency}-${line.rateMinor}-${line.timesPerYear}`}
                  >
                    {planLineText(line, t, fmt.lng)}
                    {line.currency !== plan.data.currency
                      ? ` ${
                          line.reportingMinor === null
                            ? t('budgets.plan.noRate')
                            : t('budgets.plan.converted', {
                                amount: formatMoney(line.reportingMinor, plan.data.currency, fmt.lng),
                              })
                        }`
                      : null}
                  </Text>
                ))
              )}
            </div>
          ))}
          <Text fw={600} data-testid="budget-plan-total">
            {t('budgets.plan.total', {
              amount: formatMoney(plan.data.totalMinor, plan.data.currency, fmt.lng),
            })}
          </Text>
          {plan.data.warnings.map((w) => (
            <Text size="sm" c="orange" key={`${w.currency}-${w.on}`}>
              {warningText(w, t, fmt.day)}
            </Text>
          ))}
        </Stack>
      )}
    </Paper>
  );
}

interface BudgetValues {
  total: string;
  shares: string[];
  splitByMarket: boolean;
  markets: { market: string; sharePct: string }[];
  notes: string;
}

function BudgetForm({
  workspaceId,
  year,
  workspace,
  tiers,
  budget,
  onDone,
}: {
  workspaceId: string;
  year: number;
  workspace: Workspace;
  tiers: TierPolicy[];
  budget: Budget | null;
  onDone?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'en';
  const fmt = useFormatters();
  const save = useSaveBudget(workspaceId);
  const handleError = useApiErrorHandler();
  const currency = budget?.currency ?? workspace.reportingCurrency;
  const digits = currencyDigits(currency);
  const sorted = [...tiers].sort((a, b) => a.tier - b.tier);
  const shareOf = (tier: number) =>
    budget?.tierShares.find((s) => s.tier === tier)?.sharePct ??
    sorted.find((p) => p.tier === tier)?.budgetSharePct ??
    '0';
  const marketCodes = budget?.marketSplit?.map((m) => m.market) ?? workspace.markets;

  const form = useForm<BudgetValues>({
    initialValues: {
      total: budget ? minorToInput(budget.totalMinor, digits, lng) : '',
      shares: [1, 2, 3].map(shareOf),
      splitByMarket: Boolean(budget?.marketSplit?.length),
      markets: marketCodes.map((market) => ({
        market,
        sharePct:
          budget?.marketSplit?.find((m) => m.market === market)?.sharePct ??
          (marketCodes.length > 0 ? '' : '0'),
      })),
      notes: budget?.notes ?? '',
    },
    validate: (values) => {
      const errors: Record<string, string> = {};
      const total = parseAmount(values.total, digits, lng);
      if (!total.ok) errors.total = t(`creatorForm.amountErrors.${total.error}`, { digits });
      values.shares.forEach((s, i) => {
        if (!PERCENT.test(normalizePercent(s)) || Number(normalizePercent(s)) > 100)
          errors[`shares.${i}`] = t('budgets.form.percentInvalid');
      });
      if (sumHundredths(values.shares) !== 10_000) errors.sharesTotal = t('budgets.form.sharesMustBe100');
      if (values.splitByMarket) {
        values.markets.forEach((m, i) => {
          if (!PERCENT.test(normalizePercent(m.sharePct)))
            errors[`markets.${i}.sharePct`] = t('budgets.form.percentInvalid');
        });
        if (sumHundredths(values.markets.map((m) => m.sharePct)) !== 10_000)
          errors.marketsTotal = t('budgets.form.sharesMustBe100');
      }
      return errors;
    },
  });

  const v = form.values;
  const parsedTotal = parseAmount(v.total, digits, lng);
  const sharesSum = sumHundredths(v.shares);
  const marketsSum = sumHundredths(v.markets.map((m) => m.sharePct));

  const submit = form.onSubmit((values) => {
    const total = parseAmount(values.total, digits, lng);
    if (!total.ok) return;
    const body = {
      totalMinor: total.minor,
      tierShares: values.shares.map((s, i) => ({ tier: i + 1, sharePct: normalizePercent(s) })),
      marketSplit: values.splitByMarket
        ? values.markets.map((m) => ({ market: m.market, sharePct: normalizePercent(m.sharePct) }))
        : null,
      notes: values.notes.trim() || null,
    };
    save.mutate(
      budget ? { create: false, year, body } : { create: true, body: { fiscalYear: year, ...body } },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('budgets.form.saved') });
          onDone?.();
        },
        onError: (error) =>
          handleError(error, form, {
            totalMinor: 'total',
            tierShares: 'sharesTotal',
            marketSplit: 'marketsTotal',
          }),
      },
    );
  });

  const sumText = (sum: number | null) => (sum === null ? '—' : fmt.percent(String(sum / 100)));

  return (
    <form onSubmit={submit} noValidate data-testid="budget-form">
      <Stack gap="md">
        <TextInput
          label={t('budgets.form.total', { currency })}
          description={
            parsedTotal.ok
              ? formatMoney(parsedTotal.minor, currency, lng)
              : t('budgets.form.totalHint', { currency })
          }
          placeholder={t('creatorForm.amountPlaceholder')}
          leftSection={<IconCurrencyDollar size={16} aria-hidden />}
          required
          inputMode="decimal"
          data-testid="budget-total"
          {...form.getInputProps('total')}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('budgets.form.shares')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('budgets.form.sharesHint')}
          </Text>
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
            {sorted.map((policy, i) => (
              <TextInput
                key={policy.tier}
                label={t('budgets.tierLabel', { tier: policy.tier, name: policy.name })}
                rightSection={<Text size="sm">%</Text>}
                inputMode="decimal"
                description={t('budgets.form.defaultShare', { pct: fmt.percent(policy.budgetSharePct) })}
                data-testid={`budget-share-${policy.tier}`}
                {...form.getInputProps(`shares.${i}`)}
              />
            ))}
          </SimpleGrid>
          <Text
            size="sm"
            c={sharesSum === 10_000 ? 'teal' : 'red'}
            data-testid="budget-shares-sum"
            role={form.errors.sharesTotal ? 'alert' : undefined}
          >
            {t('budgets.form.sharesSum', { sum: sumText(sharesSum) })}
            {form.errors.sharesTotal ? ` · ${form.errors.sharesTotal}` : ''}
          </Text>
        </Stack>
        {v.markets.length > 0 ? (
          <Stack gap="xs">
            <Checkbox
              label={t('budgets.form.splitByMarket')}
              description={t('budgets.form.splitHint')}
              data-testid="budget-split-markets"
              {...form.getInputProps('splitByMarket', { type: 'checkbox' })}
            />
            {v.splitByMarket ? (
              <>
                <SimpleGrid cols={{ base: 2, xs: 4 }} spacing="sm">
                  {v.markets.map((m, i) => (
                    <TextInput
                      key={m.market}
                      label={fmt.region(m.market) ?? m.market}
                      rightSection={<Text size="sm">%</Text>}
                      inputMode="decimal"
                      data-testid={`budget-market-${m.market}`}
                      {...form.getInputProps(`markets.${i}.sharePct`)}
                    />
                  ))}
                </SimpleGrid>
                <Text size="sm" c={marketsSum === 10_000 ? 'teal' : 'red'}>
                  {t('budgets.form.sharesSum', { sum: sumText(marketsSum) })}
                  {form.errors.marketsTotal ? ` · ${form.errors.marketsTotal}` : ''}
                </Text>
              </>
            ) : null}
          </Stack>
        ) : null}
        <Textarea label={t('budgets.form.notes')} autosize minRows={2} {...form.getInputProps('notes')} />
        <Group justify="flex-end">
          {onDone ? (
            <Button variant="default" onClick={onDone}>
              {t('common.cancel')}
            </Button>
          ) : null}
          <Button type="submit" loading={save.isPending} data-testid="budget-save">
            {budget ? t('common.save') : t('budgets.form.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function BudgetView({
  workspaceId,
  budget,
  workspace,
  tiers,
  canWrite,
}: {
  workspaceId: string;
  budget: Budget;
  workspace: Workspace;
  tiers: TierPolicy[];
  canWrite: boolean;
}) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const summary = useBudgetSummary(workspaceId, budget.fiscalYear, true);
  const [editing, { open, close }] = useDisclosure(false);
  const label = fiscalYearLabel(budget.fiscalYear, workspace.fiscalYearStartMonth, t);
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <Text size="sm" c="dimmed">
          {t('budgets.period', { from: fmt.day(budget.startsOn), to: fmt.day(budget.endsOn) })}
        </Text>
        {canWrite ? (
          <Button
            variant="light"
            leftSection={<IconPencil size={16} aria-hidden />}
            onClick={open}
            data-testid="budget-edit"
          >
            {t('budgets.edit')}
          </Button>
        ) : (
          <Badge variant="light" color="gray" tt="none" leftSection={<IconLock size={12} aria-hidden />}>
            {t('budgets.readOnly')}
          </Badge>
        )}
      </Group>
      {summary.isPending ? (
        <PageLoader />
      ) : summary.isError ? (
        <QueryError error={summary.error} onRetry={() => void summary.refetch()} />
      ) : (
        <SummaryView
          summary={summary.data}
          tiers={tiers}
          workspaceId={workspaceId}
          chart={<ForecastChart workspaceId={workspaceId} year={budget.fiscalYear} />}
        />
      )}
      <PlanSection
        workspaceId={workspaceId}
        year={budget.fiscalYear}
        startMonth={workspace.fiscalYearStartMonth}
        tiers={tiers}
      />
      <Modal opened={editing} onClose={close} title={t('budgets.editTitle', { year: label })} size="lg">
        <BudgetForm
          workspaceId={workspaceId}
          year={budget.fiscalYear}
          workspace={workspace}
          tiers={tiers}
          budget={budget}
          onDone={close}
        />
      </Modal>
    </Stack>
  );
}

/** "January", "Янв" for a "YYYY-MM" (or a day) of the chart. */
function shortMonth(month: string, lng: string): string {
  const d = new Date(`${month.slice(0, 7)}-01T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return month;
  return new Intl.DateTimeFormat(intlLocale(lng), {
    month: 'short',
    year: '2-digit',
    timeZone: 'UTC',
  }).format(d);
}

/** One line per currency: the earliest day a rate is needed and how many amounts wait for it. */
function missingByCurrency(warnings: BudgetWarning[]): { first: BudgetWarning; count: number }[] {
  const byCurrency = new Map<string, { first: BudgetWarning; count: number }>();
  for (const w of warnings) {
    const key = w.currency ?? '';
    const seen = byCurrency.get(key);
    if (!seen) byCurrency.set(key, { first: w, count: 1 });
    else {
      seen.count += 1;
      if ((w.on ?? '') < (seen.first.on ?? '')) seen.first = w;
    }
  }
  return [...byCurrency.values()];
}

function warningText(w: BudgetWarning, t: TFunction, day: (d: string) => string): string {
  switch (w.code) {
    case 'over_allocation':
      return t('budgets.warnings.over_allocation');
    case 'ahead_of_reserve':
      return t('budgets.warnings.ahead_of_reserve');
    case 'missing_rate':
      return t('budgets.warnings.missing_rate', {
        currency: w.currency ?? '?',
        on: w.on ? day(w.on) : '?',
      });
    default:
      return t('budgets.warnings.other');
  }
}

function SummaryView({
  summary,
  tiers,
  workspaceId,
  chart,
}: {
  summary: BudgetSummary;
  tiers: TierPolicy[];
  workspaceId: string;
  chart: ReactNode;
}) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const money = (minor: number) => formatMoney(minor, summary.currency, fmt.lng);
  const nameOf = (tier: number) => tiers.find((p) => p.tier === tier)?.name ?? String(tier);
  const missing = summary.warnings.filter((w) => w.code === 'missing_rate');
  const other = summary.warnings.filter((w) => w.code !== 'missing_rate');
  return (
    <Stack gap="lg">
      {missing.length > 0 ? (
        <Alert
          color="orange"
          variant="light"
          icon={<IconAlertTriangle size={18} aria-hidden />}
          title={t('budgets.missingRates.title')}
          data-testid="budget-missing-rates"
        >
          <Stack gap={4}>
            <Text size="sm">{t('budgets.missingRates.explain', { currency: summary.currency })}</Text>
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {missingByCurrency(missing).map(({ first, count }) => (
                <li key={first.currency} data-testid={`budget-missing-rate-${first.currency}`}>
                  <Text size="sm">
                    {warningText(first, t, fmt.day)}
                    {' · '}
                    {t('budgets.missingRates.count', { count })}
                  </Text>
                </li>
              ))}
            </ul>
            <Anchor
              component={Link}
              to={`/w/${workspaceId}/settings/rates`}
              size="sm"
              c="inherit"
              underline="always"
            >
              {t('budgets.missingRates.add')}
            </Anchor>
          </Stack>
        </Alert>
      ) : null}
      {other.map((w) => (
        <Alert key={`${w.code}-${w.on ?? ''}`} color="yellow" variant="light">
          {warningText(w, t, fmt.day)}
        </Alert>
      ))}
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="md">
        <Stat label={t('budgets.total')} value={money(summary.totalMinor)} testId="budget-summary-total" />
        <Stat
          label={t('budgets.committed')}
          value={money(summary.committedMinor)}
          testId="budget-summary-committed"
        />
        <Stat
          label={t('budgets.remaining')}
          value={money(summary.remainingMinor)}
          testId="budget-summary-remaining"
          color={summary.remainingMinor < 0 ? 'red' : undefined}
        />
      </SimpleGrid>
      <Paper withBorder radius="md">
        <Table.ScrollContainer minWidth={820}>
          <Table verticalSpacing="sm" data-testid="budget-tiers">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('budgets.columns.tier')}</Table.Th>
                <Table.Th ta="right">{t('budgets.columns.share')}</Table.Th>
                <Table.Th ta="right">{t('budgets.columns.allocation')}</Table.Th>
                <Table.Th ta="right">{t('budgets.columns.committed')}</Table.Th>
                <Table.Th ta="right">{t('budgets.columns.reserve')}</Table.Th>
                <Table.Th ta="right">{t('budgets.columns.paid')}</Table.Th>
                <Table.Th ta="right">{t('budgets.columns.remaining')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {summary.tiers.map((tier) => (
                <Table.Tr key={tier.tier} data-testid={`budget-tier-${tier.tier}`}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {t('budgets.tierLabel', { tier: tier.tier, name: nameOf(tier.tier) })}
                    </Text>
                    {tier.warnings.length > 0 ? (
                      <Group gap={4} mt={4}>
                        {tier.warnings.map((w) => (
                          <Badge
                            key={w.code}
                            size="sm"
                            tt="none"
                            variant="light"
                            color={w.code === 'over_allocation' ? 'red' : 'yellow'}
                            styles={{ label: { overflow: 'visible' } }}
                            data-testid={`budget-tier-${tier.tier}-warning-${w.code}`}
                          >
                            {warningText(w, t, fmt.day)}
                          </Badge>
                        ))}
                      </Group>
                    ) : null}
                  </Table.Td>
                  <Table.Td ta="right">{fmt.percent(tier.sharePct)}</Table.Td>
                  <Table.Td ta="right">{money(tier.allocationMinor)}</Table.Td>
                  <Table.Td ta="right" data-testid={`budget-tier-${tier.tier}-committed`}>
                    {money(tier.committedMinor)}
                  </Table.Td>
                  <Table.Td ta="right">
                    {tier.reserveMinor === null ? (
                      <Text size="sm" c="dimmed" span title={t('budgets.reservePlanned')}>
                        {t('budgets.reserveNone')}
                      </Text>
                    ) : (
                      money(tier.reserveMinor)
                    )}
                  </Table.Td>
                  <Table.Td ta="right">{money(tier.paidMinor)}</Table.Td>
                  <Table.Td
                    ta="right"
                    c={tier.remainingMinor < 0 ? 'red' : undefined}
                    fw={600}
                    data-testid={`budget-tier-${tier.tier}-remaining`}
                  >
                    {money(tier.remainingMinor)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      <Text size="xs" c="dimmed">
        {t('budgets.reserveHint', { on: fmt.day(summary.asOf) })}
      </Text>
      {summary.markets && summary.markets.length > 0 ? (
        <Paper withBorder radius="md">
          <Table verticalSpacing="xs" data-testid="budget-markets">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('budgets.columns.market')}</Table.Th>
                <Table.Th ta="right">{t('budgets.columns.share')}</Table.Th>
                <Table.Th ta="right">{t('budgets.columns.allocation')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {summary.markets.map((m) => (
                <Table.Tr key={m.market}>
                  <Table.Td>{fmt.region(m.market) ?? m.market}</Table.Td>
                  <Table.Td ta="right">{fmt.percent(m.sharePct)}</Table.Td>
                  <Table.Td ta="right">{money(m.allocationMinor)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      ) : null}
      {chart}
    </Stack>
  );
}

/** Per fiscal month: committed, due (payments scheduled) and paid, in the reporting currency. */
function ForecastChart({ workspaceId, year }: { workspaceId: string; year: number }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const forecast = useBudgetForecast(workspaceId, year);
  const f = forecast.data;
  const money = (minor: number) => (f ? formatMoney(minor, f.currency, fmt.lng) : String(minor));
  const data = (f?.months ?? []).map((m) => ({
    month: shortMonth(m.month, fmt.lng),
    committed: m.committedMinor,
    scheduled: m.scheduledMinor,
    paid: m.paidMinor,
  }));
  return (
    <Stack gap="xs" component="section" aria-labelledby="budget-chart-heading">
      <Title order={3} size="h4" id="budget-chart-heading">
        {t('budgets.chartTitle')}
      </Title>
      {forecast.isPending ? (
        <PageLoader />
      ) : forecast.isError ? (
        <QueryError error={forecast.error} onRetry={() => void forecast.refetch()} />
      ) : (
        <Paper withBorder radius="md" p="md" data-testid="budget-forecast-chart">
          <BarChart
            h={280}
            data={data}
            dataKey="month"
            withLegend
            series={[
              { name: 'committed', label: t('budgets.forecast.committed'), color: 'teal.6' },
              { name: 'scheduled', label: t('budgets.forecast.scheduled'), color: 'blue.5' },
              { name: 'paid', label: t('budgets.forecast.paid'), color: 'grape.6' },
            ]}
            valueFormatter={(value) => money(value)}
            yAxisProps={{ width: 100 }}
            tickLine="y"
          />
          <Text size="xs" c="dimmed" mt="xs">
            {t('budgets.forecast.hint', { currency: f?.currency ?? '' })}
          </Text>
          {f && f.warnings.length > 0 ? (
            <Text size="xs" c="orange" mt={4} data-testid="budget-forecast-missing">
              {t('budgets.missingRates.title')}
              {': '}
              {f.warnings.map((w) => warningText(w, t, fmt.day)).join('; ')}
            </Text>
          ) : null}
        </Paper>
      )}
    </Stack>
  );
}

function Stat({
  label,
  value,
  testId,
  color,
}: {
  label: string;
  value: string;
  testId: string;
  color?: string;
}) {
  return (
    <Paper withBorder radius="md" p="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text size="xl" fw={700} c={color} data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
}
