import { Navigate, Outlet, createBrowserRouter } from 'react-router';
import { InvitePage } from '../features/auth/InvitePage.tsx';
import { SignInPage } from '../features/auth/SignInPage.tsx';
import { SignUpPage } from '../features/auth/SignUpPage.tsx';
import { OverviewPage } from '../features/workspaces/OverviewPage.tsx';
import { FullPageLoader } from '../shared/ui/QueryStates.tsx';
import { AppLayout } from './AppLayout.tsx';
import { HomePage } from './HomePage.tsx';
import { NotFoundPage, NotFoundPanel } from './NotFound.tsx';
import { PublicLayout } from './PublicLayout.tsx';
import { RequireAuth } from './RequireAuth.tsx';
import { RouteErrorBoundary } from './RouteErrorBoundary.tsx';

// Settings pages are split into their own chunks: most visits never open them.
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
              { index: true, element: <OverviewPage /> },
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
