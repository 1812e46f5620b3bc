import { AppShell, Burger, Group, NavLink, ScrollArea, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconAddressBook,
  IconArrowsExchange,
  IconBuilding,
  IconCalendarCheck,
  IconCalendarRepeat,
  IconCalendarShare,
  IconCash,
  IconChartDots,
  IconChartPie,
  IconFileImport,
  IconHistory,
  IconHome,
  IconKey,
  IconLayersIntersect,
  IconPhotoVideo,
  IconReportMoney,
  IconShoppingCart,
  IconStairs,
  IconTargetArrow,
  IconTemplate,
  IconUsers,
  type TablerIcon,
} from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useMatches, useNavigation } from 'react-router';
import { rememberWorkspace, useCurrentWorkspace } from '../features/workspaces/api.ts';
import { WorkspaceSwitcher } from '../features/workspaces/WorkspaceSwitcher.tsx';
import { ColorSchemeToggle } from '../shared/ui/ColorSchemeToggle.tsx';
import { LanguageSwitcher } from '../shared/ui/LanguageSwitcher.tsx';
import { Logo } from '../shared/ui/Logo.tsx';
import { PageLoader } from '../shared/ui/QueryStates.tsx';
import { NoAccessPanel } from './NoAccess.tsx';
import { UserMenu } from './UserMenu.tsx';

interface NavItem {
  to: string;
  label: string;
  icon: TablerIcon;
  testId: string;
  /** Other path prefixes under which the item counts as the current page. */
  also?: string[];
}

export function AppLayout() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const { workspaceId, summary, isOwner, canWrite } = useCurrentWorkspace();
  const location = useLocation();
  const navigation = useNavigation();
  const wide = useMatches().some((m) => (m.handle as { wide?: boolean } | undefined)?.wide);

  useEffect(() => {
    if (summary) rememberWorkspace(summary.id);
  }, [summary]);

  // Close the mobile navbar after following a link.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation on purpose
  useEffect(() => close(), [location.pathname, close]);

  const base = `/w/${workspaceId}`;
  const work: NavItem[] = [
    { to: `${base}/today`, label: t('nav.today'), icon: IconCalendarCheck, testId: 'nav-today' },
    {
      to: `${base}/roster`,
      label: t('nav.roster'),
      icon: IconAddressBook,
      testId: 'nav-roster',
      also: [`${base}/creators/`],
    },
    {
      to: `${base}/renewals`,
      label: t('renewals.nav'),
      icon: IconCalendarRepeat,
      testId: 'nav-renewals',
      also: [`${base}/agreements/`],
    },
    {
      to: `${base}/campaigns`,
      label: t('campaigns.nav'),
      icon: IconTargetArrow,
      testId: 'nav-campaigns',
    },
    { to: `${base}/overlaps`, label: t('overlaps.nav'), icon: IconLayersIntersect, testId: 'nav-overlaps' },
    {
      to: `${base}/performance`,
      label: t('performance.nav'),
      icon: IconChartDots,
      testId: 'nav-performance',
    },
    {
      to: `${base}/portfolio`,
      label: t('portfolio.nav'),
      icon: IconChartPie,
      testId: 'nav-portfolio',
    },
    { to: `${base}/posts`, label: t('posts.nav'), icon: IconPhotoVideo, testId: 'nav-posts' },
    { to: `${base}/orders`, label: t('orders.nav'), icon: IconShoppingCart, testId: 'nav-orders' },
    { to: `${base}/imports`, label: t('imports.nav'), icon: IconFileImport, testId: 'nav-imports' },
    { to: `${base}/budgets`, label: t('budgets.nav'), icon: IconReportMoney, testId: 'nav-budgets' },
    { to: `${base}/payments`, label: t('payments.nav'), icon: IconCash, testId: 'nav-payments' },
    { to: `${base}/overview`, label: t('nav.overview'), icon: IconHome, testId: 'nav-overview' },
  ];
  const settings: NavItem[] = [
    {
      to: `${base}/settings/workspace`,
      label: t('nav.workspace'),
      icon: IconBuilding,
      testId: 'nav-settings-workspace',
    },
    { to: `${base}/settings/tiers`, label: t('nav.tiers'), icon: IconStairs, testId: 'nav-settings-tiers' },
    { to: `${base}/settings/team`, label: t('nav.team'), icon: IconUsers, testId: 'nav-settings-team' },
    {
      to: `${base}/settings/rates`,
      label: t('rates.nav'),
      icon: IconArrowsExchange,
      testId: 'nav-settings-rates',
    },
  ];
  // Analysts may read templates (the page is read-only for them) but have nothing to do there.
  if (canWrite) {
    settings.push({
      to: `${base}/settings/templates`,
      label: t('nav.templates'),
      icon: IconTemplate,
      testId: 'nav-settings-templates',
    });
  }
  settings.push({
    to: `${base}/settings/calendar`,
    label: t('nav.calendar'),
    icon: IconCalendarShare,
    testId: 'nav-settings-calendar',
  });
  if (isOwner) {
    settings.push(
      { to: `${base}/settings/tokens`, label: t('nav.tokens'), icon: IconKey, testId: 'nav-settings-tokens' },
      {
        to: `${base}/settings/audit`,
        label: t('nav.audit'),
        icon: IconHistory,
        testId: 'nav-settings-audit',
      },
    );
  }

  const isActive = (item: NavItem) =>
    [item.to, ...(item.also ?? [])].some((prefix) => location.pathname.startsWith(prefix));

  const renderLink = (item: NavItem) => (
    <NavLink
      key={item.to}
      component={Link}
      to={item.to}
      label={item.label}
      leftSection={<item.icon size={18} stroke={1.6} aria-hidden />}
      active={isActive(item)}
      aria-current={isActive(item) ? 'page' : undefined}
      data-testid={item.testId}
    />
  );

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 250, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0, flex: 1 }}>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.toggle')} />
            <Logo compact />
            <WorkspaceSwitcher />
          </Group>
          <Group gap="xs" wrap="nowrap">
            <LanguageSwitcher />
            <ColorSchemeToggle />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" aria-label={t('nav.label')}>
        <AppShell.Section grow component={ScrollArea}>
          {summary ? (
            <>
              <div>{work.map(renderLink)}</div>
              <Text
                size="xs"
                fw={700}
                c="dimmed"
                tt="uppercase"
                px="sm"
                mt="lg"
                mb={4}
                id="nav-settings-heading"
              >
                {t('nav.settings')}
              </Text>
              <div>{settings.map(renderLink)}</div>
            </>
          ) : null}
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main>
        <div style={{ maxWidth: wide ? 1600 : 1100 }}>
          {!summary ? <NoAccessPanel /> : navigation.state === 'loading' ? <PageLoader /> : <Outlet />}
        </div>
      </AppShell.Main>
    </AppShell>
  );
}
