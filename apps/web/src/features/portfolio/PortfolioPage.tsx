import type { PortfolioOverview } from '@evergreen/contracts';
import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QueryStates } from '../../shared/layout/ListPage.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { PeriodPicker, usePeriod } from '../performance/PeriodPicker.tsx';
import { useCurrentWorkspace } from '../workspaces/api.ts';
import { usePortfolio } from './api.ts';
import { ConcentrationSection } from './ConcentrationSection.tsx';
import { MarketsSection, PhasesSection, TurnoverSection, WorkloadSection } from './PortfolioSections.tsx';
import { SettingsSection } from './SettingsSection.tsx';
import { TiersSection } from './TiersSection.tsx';

export function PortfolioPage() {
  const { t } = useTranslation();
  const { workspaceId: ws, canWrite } = useCurrentWorkspace();
  const [period, setPeriod] = usePeriod();
  const q = usePortfolio(ws, period);
  return (
    <>
      <PageHeader title={t('portfolio.title')} description={t('portfolio.description')} />
      <Stack gap="lg" data-testid="portfolio-page">
        <PeriodPicker value={period} onChange={setPeriod} />
        <QueryStates query={q}>
          {(result) => <PortfolioView ws={ws} data={result} period={period} canWrite={canWrite} />}
        </QueryStates>
      </Stack>
    </>
  );
}

/** The page's sections, one file each (or a few small ones together), given the same overview. */
function PortfolioView({
  ws,
  data,
  period,
  canWrite,
}: {
  ws: string;
  data: PortfolioOverview;
  period: { from: string; to: string };
  canWrite: boolean;
}) {
  const props = { ws, data, period };
  return (
    <>
      <TiersSection {...props} />
      <ConcentrationSection {...props} />
      <TurnoverSection {...props} />
      <PhasesSection {...props} />
      <MarketsSection {...props} />
      <WorkloadSection {...props} />
      <SettingsSection ws={ws} settings={data.workload.settings} canWrite={canWrite} />
    </>
  );
}
