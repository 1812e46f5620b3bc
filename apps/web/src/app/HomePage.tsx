import { Navigate } from 'react-router';
import { lastWorkspace, useCurrentWorkspace } from '../features/workspaces/api.ts';
import { FirstWorkspacePage } from '../features/workspaces/FirstWorkspacePage.tsx';
import { WithMe } from './RequireAuth.tsx';

/** `/`: into the last (or first) workspace, to sign in, or to creating a first workspace. */
export function HomePage() {
  return (
    <WithMe signedOut={<Navigate to="/signin" replace />}>
      {({ workspaces }) => {
        if (workspaces.length === 0) return <FirstWorkspacePage />;
        const remembered = lastWorkspace();
        const target = workspaces.find((w) => w.id === remembered) ?? workspaces[0]!;
        return <Navigate to={`/w/${target.id}`} replace />;
      }}
    </WithMe>
  );
}

/**
 * `/w/:id`: owners and managers start their day on Today; analysts, who do not keep the
 * relationships, on the workspace overview.
 */
export function WorkspaceHome() {
  const { canWrite } = useCurrentWorkspace();
  return <Navigate to={canWrite ? 'today' : 'overview'} replace />;
}
