import { useQueryClient } from '@tanstack/react-query';
import { Skeleton } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useMe } from '../api/auth.js';
import { UNAUTHORIZED_EVENT } from '../api/client.js';
import { ErrorNotice } from '../components/ErrorNotice.js';

/** Where a user whose password an administrator set is sent until they change it. */
export const PASSWORD_PAGE = '/account/password';

/**
 * Shows its children to a signed-in user and sends everyone else to the login page; a user who must
 * change the password an administrator set goes to the password page (the API refuses everything else).
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  const client = useQueryClient();
  useEffect(() => {
    // Any 401 from the API (session expired or revoked) signs the page out.
    const onUnauthorized = () => client.setQueryData(['me'], null);
    window.addEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
    return () => window.removeEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
  }, [client]);
  if (me.isPending) return <Skeleton active style={{ padding: 24 }} />;
  if (me.error) return <ErrorNotice error={me.error} onRetry={() => me.refetch()} />;
  if (!me.data) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  if (me.data.must_change_password && location.pathname !== PASSWORD_PAGE)
    return <Navigate to={PASSWORD_PAGE} replace />;
  return <>{children}</>;
}
