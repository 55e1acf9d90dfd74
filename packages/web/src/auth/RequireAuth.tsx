import { useQueryClient } from '@tanstack/react-query';
import { Skeleton } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useMe } from '../api/auth.js';
import { UNAUTHORIZED_EVENT } from '../api/client.js';
import { ErrorNotice } from '../components/ErrorNotice.js';

/** Shows its children to a signed-in user and sends everyone else to the login page. */
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
  return <>{children}</>;
}
