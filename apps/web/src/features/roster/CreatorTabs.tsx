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
import { lazy, type ReactNode, Suspense } from 'react';
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

/** A tab's panel; the tabs loaded on demand (Audience, Results) show the loader until they arrive. */
function Panel({ value, children }: { value: Tab; children: ReactNode }) {
  return (
    <Tabs.Panel value={value} pt="lg">
      <Suspense fallback={<PageLoader />}>{children}</Suspense>
    </Tabs.Panel>
  );
}

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
      <Panel value="profile">
        <Stack gap="lg">
          <ProfileTab creator={c} key={`${c.id}:${fmt.lng}`} />
          <PortalAccessSection creator={c} />
          <MonthlySummarySection creator={c} />
        </Stack>
      </Panel>
      <Panel value="timeline">
        <TimelineTab creatorId={c.id} />
      </Panel>
      <Panel value="touchpoints">
        <TouchpointsTab creator={c} />
      </Panel>
      <Panel value="messages">
        <MessagesTab creatorId={c.id} creatorName={c.displayName} />
      </Panel>
      <Panel value="audience">
        <AudienceTab creatorId={c.id} />
      </Panel>
      <Panel value="payment">
        <PaymentSection creator={c} />
      </Panel>
      <Panel value="agreements">
        <AgreementsTab creator={c} />
      </Panel>
      <Panel value="briefs">
        <CreatorBriefsTab creatorId={c.id} />
      </Panel>
      <Panel value="results">
        <CreatorResultsTab creatorId={c.id} />
      </Panel>
      <Panel value="tracking">
        <TrackingTab creatorId={c.id} creatorName={c.displayName} />
      </Panel>
      <Panel value="partnership">
        <SelectionTab creatorId={c.id} />
      </Panel>
    </Tabs>
  );
}
