import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Skeleton } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import 'dayjs/locale/zh-cn';
import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { useMe } from './api/auth.js';
import { RequireAuth } from './auth/RequireAuth.js';
import { RequirePermission } from './auth/RequirePermission.js';
import { I18nProvider, useI18n } from './i18n/i18n.js';
import { AppLayout } from './layout/AppLayout.js';
import { THEME } from './theme.js';

const OverviewPage = lazy(() => import('./pages/overview/OverviewPage.js'));
const LoginPage = lazy(() => import('./pages/login/LoginPage.js'));
const TokensPage = lazy(() => import('./pages/account/TokensPage.js'));
const PasswordPage = lazy(() => import('./pages/account/PasswordPage.js'));
const UsersPage = lazy(() => import('./pages/admin/UsersPage.js'));
const AuditPage = lazy(() => import('./pages/admin/AuditPage.js'));
const ChainPage = lazy(() => import('./pages/chain/ChainPage.js'));
const RegionPage = lazy(() => import('./pages/region/RegionPage.js'));
const MyFirmPage = lazy(() => import('./pages/firm/MyFirmPage.js'));
const FirmPage = lazy(() => import('./pages/firm/FirmPage.js'));
const RisksPage = lazy(() => import('./pages/risks/RisksPage.js'));
const RestrictedOriginsPage = lazy(() => import('./pages/restricted-origins/RestrictedOriginsPage.js'));
const NotFoundPage = lazy(() => import('./pages/not-found/NotFoundPage.js'));

/** Dashboards for those who may read aggregates; a firm user lands on their own firm. */
function HomePage() {
  const me = useMe();
  return me.data?.permissions.includes('aggregates:read') ? <OverviewPage /> : <MyFirmPage />;
}

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1, staleTime: 60_000 } } });

function LocalizedApp() {
  const { lang } = useI18n();
  return (
    <ConfigProvider
      locale={lang === 'zh' ? zhCN : enUS}
      theme={THEME}
      // antd puts a space between two CJK characters on a button ("重 试", "吊 销"); Chinese UIs do not.
      button={{ autoInsertSpace: false }}
    >
      {/* antd's App gives components the notices (message, modal) that follow this theme and locale. */}
      <AntApp>
        <BrowserRouter>
          <Suspense fallback={<Skeleton active />}>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route
                element={
                  <RequireAuth>
                    <AppLayout />
                  </RequireAuth>
                }
              >
                <Route index element={<HomePage />} />
                {/* Each page's permission, as the API checks it (docs/security.md); tokens are every user's. */}
                <Route
                  path="/chains/:chainId"
                  element={
                    <RequirePermission permission="aggregates:read">
                      <ChainPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="/regions"
                  element={
                    <RequirePermission permission="aggregates:read">
                      <RegionPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="/firms/:firmId"
                  element={
                    <RequirePermission permission="firms:read">
                      <FirmPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="/risks"
                  element={
                    <RequirePermission permission="firms:read">
                      <RisksPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="/restricted-origins"
                  element={
                    <RequirePermission permission="firms:read">
                      <RestrictedOriginsPage />
                    </RequirePermission>
                  }
                />
                <Route path="/account/tokens" element={<TokensPage />} />
                <Route path="/account/password" element={<PasswordPage />} />
                <Route
                  path="/admin/users"
                  element={
                    <RequirePermission permission="users:manage">
                      <UsersPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="/admin/audit"
                  element={
                    <RequirePermission permission="audit:read">
                      <AuditPage />
                    </RequirePermission>
                  }
                />
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Routes>
          </Suspense>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <LocalizedApp />
      </I18nProvider>
    </QueryClientProvider>
  );
}
