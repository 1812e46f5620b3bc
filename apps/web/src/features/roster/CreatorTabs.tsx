import type { Creator } from '@evergreen/contracts';
import { Stack, Tabs } from '@mantine/core';
import {
  IconChartDots,
  IconChartLine,
  IconCreditCard,
  IconFileDescription,
  IconFileText,
  IconHistory,
  IconMail,
  IconMessageCircle,
  IconStar,
  IconTicket,
  IconUser,
} from '@tabler/icons-react';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../shared/i18n/format.ts';
import { PageLoader } from '../../shared/ui/QueryStates.tsx';
import { AgreementsTab } from '../agreements/AgreementsTab.tsx';
import { CreatorBriefsTab } from '../campaigns/CreatorBriefsTab.tsx';
import { MessagesTab } from '../messaging/MessagesTab.tsx';
import { SelectionTab } from '../selection/SelectionTab.tsx';
import { TrackingTab } from '../tracking/TrackingTab.tsx';
import { MonthlySummarySection } from './MonthlySummarySection.tsx';
import { PaymentSection } from './PaymentSection.tsx';
import { PortalAccessSection } from './PortalAccessSection.tsx';
import { ProfileTab } from './ProfileTab.tsx';
import { TimelineTab } from './TimelineTab.tsx';
import { TouchpointsTab } from './TouchpointsTab.tsx';

// The chart library is large; it loads when someone opens the Audience tab.
const AudienceTab = lazy(() => import('./AudienceTab.tsx').then((m) => ({ default: m.AudienceTab })));

const CreatorResultsTab = lazy(() =>
  import('../performance/CreatorResultsTab.tsx').then((m) => ({ default: m.CreatorResultsTab })),
);

/** The creator's tabs, in the order shown; each names its label and icon. */
const tabDefs = [
  { value: 'profile', icon: IconUser, label: 'creatorPage.tabs.profile' },
  { value: 'timeline', icon: IconHistory, label: 'creatorPage.tabs.timeline' },
  { value: 'touchpoints', icon: IconMessageCircle, label: 'creatorPage.tabs.touchpoints' },
  { value: 'messages', icon: IconMail, label: 'creatorPage.tabs.messages' },
  { value: 'audience', icon: IconChartLine, label: 'creatorPage.tabs.audience' },
  { value: 'payment', icon: IconCreditCard, label: 'creatorPage.tabs.payment' },
  { value: 'agreements', icon: IconFileDescription, label: 'agreements.tab' },
  { value: 'briefs', icon: IconFileText, label: 'briefs.tab' },
  { value: 'results', icon: IconChartDots, label: 'performance.results.tab' },
  { value: 'tracking', icon: IconTicket, label: 'tracking.tab' },
  { value: 'partnership', icon: IconStar, label: 'selection.tab' },
] as const;

export type Tab = (typeof tabDefs)[number]['value'];
const tabs: readonly string[] = tabDefs.map((d) => d.value);
export const isTab = (value: string | null): value is Tab => value !== null && tabs.includes(value);

/** The creator's page below the header: one tab at a time, the chosen one kept in the URL (`?tab=`). */
export function CreatorTabs({
  creator: c,
  tab,
  onTab,
}: {
  creator: Creator;
  tab: Tab;
  onTab: (value: string | null) => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  return (
    <Tabs value={tab} onChange={onTab} keepMounted={false}>
      <Tabs.List>
        {tabDefs.map(({ value, icon: Icon, label }) => (
          <Tabs.Tab
            key={value}
            value={value}
            leftSection={<Icon size={16} aria-hidden />}
            data-testid={`creator-tab-${value}`}
          >
            {t(label)}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      <Tabs.Panel value="profile" pt="lg">
        <Stack gap="lg">
          <ProfileTab creator={c} key={`${c.id}:${fmt.lng}`} />
          <PortalAccessSection creator={c} />
          <MonthlySummarySection creator={c} />
        </Stack>
      </Tabs.Panel>
      <Tabs.Panel value="timeline" pt="lg">
        <TimelineTab creatorId={c.id} />
      </Tabs.Panel>
      <Tabs.Panel value="touchpoints" pt="lg">
        <TouchpointsTab creator={c} />
      </Tabs.Panel>
      <Tabs.Panel value="messages" pt="lg">
        <MessagesTab creatorId={c.id} creatorName={c.displayName} />
      </Tabs.Panel>
      <Tabs.Panel value="audience" pt="lg">
        <Suspense fallback={<PageLoader />}>
          <AudienceTab creatorId={c.id} />
        </Suspense>
      </Tabs.Panel>
      <Tabs.Panel value="payment" pt="lg">
        <PaymentSection creator={c} />
      </Tabs.Panel>
      <Tabs.Panel value="agreements" pt="lg">
        <AgreementsTab creator={c} />
      </Tabs.Panel>
      <Tabs.Panel value="briefs" pt="lg">
        <CreatorBriefsTab creatorId={c.id} />
      </Tabs.Panel>
      <Tabs.Panel value="results" pt="lg">
        <Suspense fallback={<PageLoader />}>
          <CreatorResultsTab creatorId={c.id} />
        </Suspense>
      </Tabs.Panel>
      <Tabs.Panel value="tracking" pt="lg">
        <TrackingTab creatorId={c.id} creatorName={c.displayName} />
      </Tabs.Panel>
      <Tabs.Panel value="partnership" pt="lg">
        <SelectionTab creatorId={c.id} />
      </Tabs.Panel>
    </Tabs>
  );
}
