import { createBrowserRouter, Navigate, Outlet } from 'react-router';
import { ForgotPasswordPage } from '../features/auth/ForgotPasswordPage.tsx';
import { InvitePage } from '../features/auth/InvitePage.tsx';
import { ResetPasswordPage } from '../features/auth/ResetPasswordPage.tsx';
import { SignInPage } from '../features/auth/SignInPage.tsx';
import { SignUpPage } from '../features/auth/SignUpPage.tsx';
import { OverviewPage } from '../features/workspaces/OverviewPage.tsx';
import { FullPageLoader } from '../shared/ui/QueryStates.tsx';
import { AppLayout } from './AppLayout.tsx';
import { HomePage, WorkspaceHome } from './HomePage.tsx';
import { NotFoundPage, NotFoundPanel } from './NotFound.tsx';
import { PublicLayout } from './PublicLayout.tsx';
import { RequireAuth } from './RequireAuth.tsx';
import { RouteErrorBoundary } from './RouteErrorBoundary.tsx';

// Pages are split into their own chunks: a visit loads the shell and the page it opens.
export const router = createBrowserRouter([
  {
    element: <Outlet />,
    errorElement: <RouteErrorBoundary />,
    hydrateFallbackElement: <FullPageLoader />,
    children: [
      { index: true, element: <HomePage /> },
      {
        element: <PublicLayout />,
        children: [
          { path: 'signin', element: <SignInPage /> },
          { path: 'signup', element: <SignUpPage /> },
          { path: 'invite/:token', element: <InvitePage /> },
          { path: 'forgot-password', element: <ForgotPasswordPage /> },
          { path: 'reset-password/:token', element: <ResetPasswordPage /> },
          {
            path: 'portal/sign-in',
            lazy: () =>
              import('../portal/PortalSignInPage.tsx').then((m) => ({ Component: m.PortalSignInPage })),
          },
          {
            path: 'portal/sign-in/:token',
            lazy: () =>
              import('../portal/PortalSignInPage.tsx').then((m) => ({ Component: m.PortalLinkPage })),
          },
        ],
      },
      // The creator portal: its own session and its own small layout (docs/portal.md).
      {
        path: 'portal',
        lazy: () => import('../portal/PortalLayout.tsx').then((m) => ({ Component: m.PortalLayout })),
        children: [
          { index: true, element: <Navigate to="briefs" replace /> },
          {
            path: 'briefs',
            lazy: () =>
              import('../portal/PortalBriefsPage.tsx').then((m) => ({ Component: m.PortalBriefsPage })),
          },
          {
            path: 'agreements',
            lazy: () =>
              import('../portal/PortalAgreementsPage.tsx').then((m) => ({
                Component: m.PortalAgreementsPage,
              })),
          },
          {
            path: 'deliverables',
            lazy: () =>
              import('../portal/PortalPostsPage.tsx').then((m) => ({ Component: m.PortalPostsPage })),
          },
          {
            path: 'payments',
            lazy: () =>
              import('../portal/PortalPaymentsPage.tsx').then((m) => ({ Component: m.PortalPaymentsPage })),
          },
          {
            path: 'results',
            lazy: () =>
              import('../portal/PortalResultsPage.tsx').then((m) => ({ Component: m.PortalResultsPage })),
          },
          {
            path: 'feedback',
            lazy: () =>
              import('../portal/PortalFeedbackPage.tsx').then((m) => ({ Component: m.PortalFeedbackPage })),
          },
          {
            path: 'calendar',
            lazy: () =>
              import('../portal/PortalCalendarPage.tsx').then((m) => ({ Component: m.PortalCalendarPage })),
          },
        ],
      },
      {
        path: 'w/:workspaceId',
        element: (
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        ),
        children: [
          {
            errorElement: <RouteErrorBoundary inShell />,
            children: [
              { index: true, element: <WorkspaceHome /> },
              { path: 'overview', element: <OverviewPage /> },
              {
                path: 'today',
                lazy: () =>
                  import('../features/today/TodayPage.tsx').then((m) => ({ Component: m.TodayPage })),
              },
              {
                path: 'roster',
                // The roster table uses the whole width of the window.
                handle: { wide: true },
                lazy: () =>
                  import('../features/roster/RosterPage.tsx').then((m) => ({ Component: m.RosterPage })),
              },
              {
                path: 'creators/:creatorId',
                lazy: () =>
                  import('../features/roster/CreatorPage.tsx').then((m) => ({ Component: m.CreatorPage })),
              },
              {
                path: 'agreements/:agreementId',
                lazy: () =>
                  import('../features/agreements/AgreementPage.tsx').then((m) => ({
                    Component: m.AgreementPage,
                  })),
              },
              {
                path: 'renewals',
                lazy: () =>
                  import('../features/agreements/RenewalsPage.tsx').then((m) => ({
                    Component: m.RenewalsPage,
                  })),
              },
              {
                path: 'campaigns',
                handle: { wide: true },
                lazy: () =>
                  import('../features/campaigns/CampaignsPage.tsx').then((m) => ({
                    Component: m.CampaignsPage,
                  })),
              },
              {
                path: 'campaigns/:campaignId',
                lazy: () =>
                  import('../features/campaigns/CampaignPage.tsx').then((m) => ({
                    Component: m.CampaignPage,
                  })),
              },
              {
                path: 'campaigns/:campaignId/briefs/:briefId',
                lazy: () =>
                  import('../features/campaigns/BriefPage.tsx').then((m) => ({ Component: m.BriefPage })),
              },
              {
                path: 'overlaps',
                handle: { wide: true },
                lazy: () =>
                  import('../features/campaigns/OverlapsPage.tsx').then((m) => ({
                    Component: m.OverlapsPage,
                  })),
              },
              {
                path: 'insights',
                lazy: () =>
                  import('../features/selection/InsightsPage.tsx').then((m) => ({
                    Component: m.InsightsPage,
                  })),
              },
              {
                path: 'performance',
                handle: { wide: true },
                lazy: () =>
                  import('../features/performance/PerformancePage.tsx').then((m) => ({
                    Component: m.PerformancePage,
                  })),
              },
              {
                path: 'portfolio',
                handle: { wide: true },
                lazy: () =>
                  import('../features/portfolio/PortfolioPage.tsx').then((m) => ({
                    Component: m.PortfolioPage,
                  })),
              },
              {
                path: 'budgets',
                lazy: () =>
                  import('../features/budgets/BudgetsPage.tsx').then((m) => ({ Component: m.BudgetsPage })),
              },
              {
                path: 'payments',
                handle: { wide: true },
                lazy: () =>
                  import('../features/budgets/PaymentsPage.tsx').then((m) => ({ Component: m.PaymentsPage })),
              },
              {
                path: 'posts',
                handle: { wide: true },
                lazy: () =>
                  import('../features/tracking/PostsPage.tsx').then((m) => ({ Component: m.PostsPage })),
              },
              {
                path: 'orders',
                handle: { wide: true },
                lazy: () =>
                  import('../features/tracking/OrdersPage.tsx').then((m) => ({ Component: m.OrdersPage })),
              },
              {
                path: 'imports',
                lazy: () =>
                  import('../features/tracking/ImportsPage.tsx').then((m) => ({ Component: m.ImportsPage })),
              },
              {
                path: 'account',
                lazy: () =>
                  import('../features/account/AccountPage.tsx').then((m) => ({ Component: m.AccountPage })),
              },
              { path: 'settings', element: <Navigate to="workspace" replace /> },
              {
                path: 'settings/workspace',
                lazy: () =>
                  import('../features/settings/WorkspaceSettingsPage.tsx').then((m) => ({
                    Component: m.WorkspaceSettingsPage,
                  })),
              },
              {
                path: 'settings/tiers',
                lazy: () =>
                  import('../features/settings/TiersPage.tsx').then((m) => ({ Component: m.TiersPage })),
              },
              {
                path: 'settings/rates',
                lazy: () =>
                  import('../features/budgets/RatesPage.tsx').then((m) => ({ Component: m.RatesPage })),
              },
              {
                path: 'settings/templates',
                lazy: () =>
                  import('../features/messaging/TemplatesPage.tsx').then((m) => ({
                    Component: m.TemplatesPage,
                  })),
              },
              {
                path: 'settings/calendar',
                lazy: () =>
                  import('../features/messaging/CalendarFeedPage.tsx').then((m) => ({
                    Component: m.CalendarFeedPage,
                  })),
              },
              {
                path: 'settings/team',
                lazy: () => import('../features/team/TeamPage.tsx').then((m) => ({ Component: m.TeamPage })),
              },
              {
                path: 'settings/tokens',
                lazy: () =>
                  import('../features/tokens/TokensPage.tsx').then((m) => ({ Component: m.TokensPage })),
              },
              {
                path: 'settings/audit',
                lazy: () =>
                  import('../features/audit/AuditPage.tsx').then((m) => ({ Component: m.AuditPage })),
              },
              { path: '*', element: <NotFoundPanel /> },
            ],
          },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
