import { Navigate } from 'react-router';
import { useMe } from '../features/auth/api.ts';
import { lastWorkspace, useCurrentWorkspace } from '../features/workspaces/api.ts';
import { FirstWorkspacePage } from '../features/workspaces/FirstWorkspacePage.tsx';
import { FullPageLoader, QueryError } from '../shared/ui/QueryStates.tsx';
import { CenteredPanel } from './PublicLayout.tsx';

/** `/`: into the last (or first) workspace, to sign in, or to creating a first workspace. */
export function HomePage() {
  const me = useMe();
  if (me.isPending) return <FullPageLoader />;
  if (me.isError) {
    return (
      <CenteredPanel>
        <QueryError error={me.error} onRetry={() => void me.refetch()} />
      </CenteredPanel>
    );
  }
  if (!me.data) return <Navigate to="/signin" replace />;
  const { workspaces } = me.data;
  if (workspaces.length === 0) return <FirstWorkspacePage />;
  const remembered = lastWorkspace();
  const target = workspaces.find((w) => w.id === remembered) ?? workspaces[0]!;
  return <Navigate to={`/w/${target.id}`} replace />;
}

/**
 * `/w/:id`: owners and managers start their day on Today; analysts, who do not keep the
 * relationships, on the workspace overview.
 */
export function WorkspaceHome() {
  const { canWrite } = useCurrentWorkspace();
  return <Navigate to={canWrite ? 'today' : 'overview'} replace />;
}
