import '@mantine/charts/styles.css';
import type { Budget, TierPolicy, Workspace } from '@evergreen/contracts';
import { utcToday } from '@evergreen/rules';
import { Alert, Badge, Button, Group, Modal, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconLock, IconPencil } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../shared/i18n/format.ts';
import { QueryStates } from '../../shared/layout/ListPage.tsx';
import { formatMoney } from '../../shared/money.ts';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { PageLoader, QueryError } from '../../shared/ui/QueryStates.tsx';
import { useCurrentWorkspace, useTiers, useWorkspace } from '../workspaces/api.ts';
import { useBudgetPlan, useBudgetSummary, useBudgets } from './api.ts';
import { BudgetForm } from './BudgetForm.tsx';
import { ForecastChart, SummaryView, warningText } from './BudgetSummary.tsx';
import { planLineText } from './planText.ts';
import { fiscalYearOf } from './rules.ts';

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
      <QueryStates query={plan}>
        {(data) => (
          <Stack gap="sm">
            {data.tiers.map((tier) => (
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
                      {line.currency !== data.currency
                        ? ` ${
                            line.reportingMinor === null
                              ? t('budgets.plan.noRate')
                              : t('budgets.plan.converted', {
                                  amount: formatMoney(line.reportingMinor, data.currency, fmt.lng),
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
                amount: formatMoney(data.totalMinor, data.currency, fmt.lng),
              })}
            </Text>
            {data.warnings.map((w) => (
              <Text size="sm" c="orange" key={`${w.currency}-${w.on}`}>
                {warningText(w, t, fmt.day)}
              </Text>
            ))}
          </Stack>
        )}
      </QueryStates>
    </Paper>
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
      <QueryStates query={summary}>
        {(data) => (
          <SummaryView
            summary={data}
            tiers={tiers}
            workspaceId={workspaceId}
            chart={<ForecastChart workspaceId={workspaceId} year={budget.fiscalYear} />}
          />
        )}
      </QueryStates>
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
