import type { Creator } from '@evergreen/contracts';
import { daysBetween, utcToday } from '@evergreen/rules';
import {
  Alert,
  Anchor,
  Button,
  Group,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import {
  IconArrowLeft,
  IconChartDots,
  IconChartLine,
  IconClockPause,
  IconCreditCard,
  IconFileDescription,
  IconFileText,
  IconHistory,
  IconMail,
  IconMessageCircle,
  IconStairs,
  IconStar,
  IconTicket,
  IconUser,
} from '@tabler/icons-react';
import { lazy, type ReactNode, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { isApiError } from '../../shared/api/client.ts';
import { useFormatters } from '../../shared/i18n/format.ts';
import { PageLoader, QueryError } from '../../shared/ui/QueryStates.tsx';
import { AgreementsTab } from '../agreements/AgreementsTab.tsx';
import { CreatorBriefsTab } from '../campaigns/CreatorBriefsTab.tsx';
import { MessagesTab } from '../messaging/MessagesTab.tsx';
import { SelectionTab } from '../selection/SelectionTab.tsx';
import { TrackingTab } from '../tracking/TrackingTab.tsx';
import { useCurrentWorkspace } from '../workspaces/api.ts';
import { useCreator } from './api.ts';
import { HandleLinks, QuietBadge, StatusBadge, TierBadge } from './CreatorBadges.tsx';
import { CreatorGlance } from './CreatorGlance.tsx';
import { PaymentSection } from './PaymentSection.tsx';
import { PortalAccessSection } from './PortalAccessSection.tsx';
import { ProfileTab } from './ProfileTab.tsx';
import { SnoozeForm } from './SnoozeForm.tsx';
import { SendMessageSlot } from './slots.tsx';
import { TierChangeModal } from './TierChangeModal.tsx';
import { TimelineTab } from './TimelineTab.tsx';
import { TouchpointForm } from './TouchpointForm.tsx';
import { TouchpointsTab } from './TouchpointsTab.tsx';

// The chart library is large; it loads when someone opens the Audience tab.
const AudienceTab = lazy(() => import('./AudienceTab.tsx').then((m) => ({ default: m.AudienceTab })));
const CreatorResultsTab = lazy(() =>
  import('../performance/CreatorResultsTab.tsx').then((m) => ({ default: m.CreatorResultsTab })),
);

const tabs = [
  'profile',
  'timeline',
  'touchpoints',
  'messages',
  'audience',
  'payment',
  'agreements',
  'briefs',
  'results',
  'tracking',
  'partnership',
] as const;
type Tab = (typeof tabs)[number];
const isTab = (value: string | null): value is Tab => (tabs as readonly (string | null)[]).includes(value);

type Dialog = 'tier' | 'log' | 'snooze' | null;

export function CreatorPage() {
  const { t } = useTranslation();
  const { creatorId = '' } = useParams();
  const { workspaceId } = useCurrentWorkspace();
  const creator = useCreator(workspaceId, creatorId);
  const back = (
    <Anchor component={Link} to={`/w/${workspaceId}/roster`} size="sm" data-testid="creator-back">
      <Group gap={4} component="span">
        <IconArrowLeft size={14} aria-hidden />
        {t('creatorPage.back')}
      </Group>
    </Anchor>
  );

  if (creator.isPending) return <PageLoader />;
  if (creator.isError) {
    return (
      <Stack gap="md" align="flex-start">
        {back}
        {isApiError(creator.error, 'not_found') ? (
          <Alert
            color="gray"
            variant="light"
            title={t('creatorPage.notFoundTitle')}
            data-testid="creator-not-found"
          >
            {t('creatorPage.notFoundText')}
          </Alert>
        ) : (
          <QueryError error={creator.error} onRetry={() => void creator.refetch()} />
        )}
      </Stack>
    );
  }
  return <CreatorView creator={creator.data} back={back} />;
}

function CreatorView({ creator: c, back }: { creator: Creator; back: ReactNode }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const { workspaceId, canWrite } = useCurrentWorkspace();
  const [searchParams, setSearchParams] = useSearchParams();
  const tabParam = searchParams.get('tab');
  const tab: Tab = isTab(tabParam) ? tabParam : 'profile';
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const today = utcToday();
  const onRhythm = c.checkIn.nextCheckInOn !== null;

  const setTab = (value: string | null) => {
    const next = new URLSearchParams(searchParams);
    if (!value || value === 'profile') next.delete('tab');
    else next.set('tab', value);
    setSearchParams(next, { replace: true });
  };

  return (
    <Stack gap="lg" data-testid="creator-page">
      {back}
      <Group justify="space-between" align="flex-start" gap="md">
        <Stack gap={8} style={{ minWidth: 0, flex: 1 }}>
          <Group gap="sm" wrap="wrap">
            <Title order={1} size="h2" data-testid="creator-name" style={{ wordBreak: 'break-word' }}>
              {c.displayName}
            </Title>
            <TierBadge tier={c.tier} size="lg" data-testid="creator-tier" />
            <StatusBadge status={c.status} size="lg" data-testid="creator-status" />
          </Group>
          <Group gap="lg" wrap="wrap" style={{ rowGap: 4 }}>
            <Text size="sm" c="dimmed" data-testid="creator-owner">
              {t('creatorPage.owner')}:{' '}
              <Text span inherit c={c.ownerName ? 'var(--mantine-color-text)' : undefined} fw={500}>
                {c.ownerName ?? t('creator.noOwner')}
              </Text>
            </Text>
            {c.email ? (
              <Anchor href={`mailto:${c.email}`} size="sm" data-testid="creator-email">
                {c.email}
              </Anchor>
            ) : null}
          </Group>
          {c.handles.length > 0 ? <HandleLinks handles={c.handles} testId="creator-handles" /> : null}
        </Stack>
        {canWrite ? (
          <Group gap="xs">
            <SendMessageSlot
              workspaceId={workspaceId}
              creatorId={c.id}
              creatorName={c.displayName}
              canWrite={canWrite}
              testId="creator-send-message"
            />
            <Button
              variant="light"
              leftSection={<IconMessageCircle size={16} aria-hidden />}
              onClick={() => setDialog('log')}
              data-testid="creator-log-touchpoint"
            >
              {t('today.log')}
            </Button>
            {onRhythm ? (
              <Button
                variant="default"
                leftSection={<IconClockPause size={16} aria-hidden />}
                onClick={() => setDialog('snooze')}
                data-testid="creator-snooze"
              >
                {t('today.snooze')}
              </Button>
            ) : null}
            <Button
              variant="default"
              leftSection={<IconStairs size={16} aria-hidden />}
              onClick={() => setDialog('tier')}
              data-testid="creator-tier-change"
            >
              {t('tierChange.button')}
            </Button>
          </Group>
        ) : null}
      </Group>

      <CreatorGlance creator={c} />
      <CheckInSummary creator={c} today={today} />

      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab
            value="profile"
            leftSection={<IconUser size={16} aria-hidden />}
            data-testid="creator-tab-profile"
          >
            {t('creatorPage.tabs.profile')}
          </Tabs.Tab>
          <Tabs.Tab
            value="timeline"
            leftSection={<IconHistory size={16} aria-hidden />}
            data-testid="creator-tab-timeline"
          >
            {t('creatorPage.tabs.timeline')}
          </Tabs.Tab>
          <Tabs.Tab
            value="touchpoints"
            leftSection={<IconMessageCircle size={16} aria-hidden />}
            data-testid="creator-tab-touchpoints"
          >
            {t('creatorPage.tabs.touchpoints')}
          </Tabs.Tab>
          <Tabs.Tab
            value="messages"
            leftSection={<IconMail size={16} aria-hidden />}
            data-testid="creator-tab-messages"
          >
            {t('creatorPage.tabs.messages')}
          </Tabs.Tab>
          <Tabs.Tab
            value="audience"
            leftSection={<IconChartLine size={16} aria-hidden />}
            data-testid="creator-tab-audience"
          >
            {t('creatorPage.tabs.audience')}
          </Tabs.Tab>
          <Tabs.Tab
            value="payment"
            leftSection={<IconCreditCard size={16} aria-hidden />}
            data-testid="creator-tab-payment"
          >
            {t('creatorPage.tabs.payment')}
          </Tabs.Tab>
          <Tabs.Tab
            value="agreements"
            leftSection={<IconFileDescription size={16} aria-hidden />}
            data-testid="creator-tab-agreements"
          >
            {t('agreements.tab')}
          </Tabs.Tab>
          <Tabs.Tab
            value="briefs"
            leftSection={<IconFileText size={16} aria-hidden />}
            data-testid="creator-tab-briefs"
          >
            {t('briefs.tab')}
          </Tabs.Tab>
          <Tabs.Tab
            value="results"
            leftSection={<IconChartDots size={16} aria-hidden />}
            data-testid="creator-tab-results"
          >
            {t('performance.results.tab')}
          </Tabs.Tab>
          <Tabs.Tab
            value="tracking"
            leftSection={<IconTicket size={16} aria-hidden />}
            data-testid="creator-tab-tracking"
          >
            {t('tracking.tab')}
          </Tabs.Tab>
          <Tabs.Tab
            value="partnership"
            leftSection={<IconStar size={16} aria-hidden />}
            data-testid="creator-tab-partnership"
          >
            {t('selection.tab')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="profile" pt="lg">
          <Stack gap="lg">
            <ProfileTab creator={c} key={`${c.id}:${fmt.lng}`} />
            <PortalAccessSection creator={c} />
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

      <TierChangeModal creator={c} opened={dialog === 'tier'} onClose={close} />
      <Modal
        opened={dialog === 'log'}
        onClose={close}
        title={t('touchpoint.title', { name: c.displayName })}
        size="lg"
      >
        {dialog === 'log' ? (
          <TouchpointForm
            workspaceId={workspaceId}
            creatorId={c.id}
            creatorName={c.displayName}
            defaultChannel={c.preferredChannel}
            onDone={close}
            onCancel={close}
          />
        ) : null}
      </Modal>
      <Modal opened={dialog === 'snooze'} onClose={close} title={t('snooze.title', { name: c.displayName })}>
        {dialog === 'snooze' ? (
          <SnoozeForm
            workspaceId={workspaceId}
            creatorId={c.id}
            creatorName={c.displayName}
            onDone={close}
            onCancel={close}
          />
        ) : null}
      </Modal>
    </Stack>
  );
}

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <div data-testid={testId}>{children}</div>
    </Stack>
  );
}

/** The relationship's rhythm: cadence in force, last and next touchpoint, quiet and snoozed flags. */
function CheckInSummary({ creator: c, today }: { creator: Creator; today: string }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const { cadenceDays, lastTouchpointOn, nextCheckInOn, goneQuiet, snoozedUntil } = c.checkIn;
  const own = c.cadenceDaysOverride !== null;
  const overdueDays = nextCheckInOn && nextCheckInOn < today ? daysBetween(nextCheckInOn, today) : 0;
  const snoozed = snoozedUntil !== null && snoozedUntil > today;
  return (
    <Paper withBorder radius="md" p="md" data-testid="creator-checkin">
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
        <Fact label={t('creator.checkIn.cadence')} testId="creator-cadence">
          <Text size="sm" fw={500}>
            {cadenceDays === null
              ? t('creator.checkIn.none')
              : t('creator.checkIn.every', { duration: fmt.days(cadenceDays) })}
          </Text>
          {cadenceDays !== null ? (
            <Text size="xs" c="dimmed">
              {own ? t('creator.checkIn.own') : t('creator.checkIn.fromTier', { tier: c.tier })}
            </Text>
          ) : null}
        </Fact>
        <Fact label={t('creator.checkIn.last')} testId="creator-last-touchpoint">
          <Text size="sm" fw={500} c={lastTouchpointOn ? undefined : 'dimmed'}>
            {lastTouchpointOn ? fmt.day(lastTouchpointOn) : t('creator.never')}
          </Text>
        </Fact>
        <Fact label={t('creator.checkIn.next')} testId="creator-next-check-in">
          {nextCheckInOn ? (
            <>
              <Text
                size="sm"
                fw={overdueDays ? 700 : 500}
                c={overdueDays ? 'red' : undefined}
                data-overdue={overdueDays > 0 || undefined}
              >
                {fmt.day(nextCheckInOn)}
              </Text>
              {overdueDays ? (
                <Text size="xs" c="red">
                  {t('creator.overdueBy', { duration: fmt.days(overdueDays) })}
                </Text>
              ) : null}
            </>
          ) : (
            <Text size="sm" c="dimmed">
              {t('creator.checkIn.notOnRhythm')}
            </Text>
          )}
        </Fact>
        <Fact label={t('creator.checkIn.flags')}>
          <Group gap={6}>
            {goneQuiet ? <QuietBadge data-testid="creator-quiet" /> : null}
            {snoozed ? (
              <Text size="sm" data-testid="creator-snoozed">
                <IconClockPause size={14} aria-hidden style={{ verticalAlign: -2 }} />{' '}
                {t('creator.snoozedUntil', { date: fmt.day(snoozedUntil) })}
              </Text>
            ) : null}
            {!goneQuiet && !snoozed ? (
              <Text size="sm" c="dimmed">
                —
              </Text>
            ) : null}
          </Group>
        </Fact>
      </SimpleGrid>
    </Paper>
  );
}
