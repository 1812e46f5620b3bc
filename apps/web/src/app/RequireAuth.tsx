import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useMe } from '../features/auth/api.ts';
import { FullPageLoader, QueryError } from '../shared/ui/QueryStates.tsx';
import { CenteredPanel } from './PublicLayout.tsx';

type Me = NonNullable<ReturnType<typeof useMe>['data']>;

/**
 * Who is signed in: the full-page loader while that loads, the error with Retry if it fails,
 * `signedOut` for no one, else `children` with the signed-in user.
 */
export function WithMe({ signedOut, children }: { signedOut: ReactNode; children: (me: Me) => ReactNode }) {
  const me = useMe();
  if (me.isPending) return <FullPageLoader />;
  if (me.isError) {
    return (
      <CenteredPanel>
        <QueryError error={me.error} onRetry={() => void me.refetch()} />
      </CenteredPanel>
    );
  }
  if (!me.data) return signedOut;
  return children(me.data);
}

/** Renders its children for a signed-in user; sends anyone else to sign in and back. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const location = useLocation();
  const next = `${location.pathname}${location.search}`;
  return (
    <WithMe signedOut={<Navigate to={`/signin?next=${encodeURIComponent(next)}`} replace />}>
      {() => children}
    </WithMe>
  );
}
