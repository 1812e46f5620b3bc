import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useMe } from '../features/auth/api.ts';
import { FullPageLoader, QueryError } from '../shared/ui/QueryStates.tsx';
import { CenteredPanel } from './PublicLayout.tsx';

/** Renders its children for a signed-in user; sends anyone else to sign in and back. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <FullPageLoader />;
  if (me.isError) {
    return (
      <CenteredPanel>
        <QueryError error={me.error} onRetry={() => void me.refetch()} />
      </CenteredPanel>
    );
  }
  if (!me.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/signin?next=${encodeURIComponent(next)}`} replace />;
  }
  return children;
}
