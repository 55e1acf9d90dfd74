import { Button, Layout, Menu, Typography } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useMe } from '../api/auth.js';
import { useI18n } from '../i18n/i18n.js';
import { UserMenu } from './UserMenu.js';

export function AppLayout() {
  const { t, lang, setLang } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const me = useMe();
  // A chain leader's own chain first; otherwise the plan's first chain.
  const homeChain = me.data?.grants.find((g) => g.chain_id)?.chain_id ?? 'digital-security';
  const canReadAggregates = me.data?.permissions.includes('aggregates:read') ?? false;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24 }}>
        <Typography.Title level={4} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }}>
          {t('app.title')}
        </Typography.Title>
        <Menu
          theme="dark"
          mode="horizontal"
          selectedKeys={[location.pathname.startsWith('/chains') ? '/chains' : location.pathname]}
          style={{ flex: 1, minWidth: 0 }}
          items={
            canReadAggregates
              ? [
                  { key: '/', label: t('nav.overview') },
                  { key: '/chains', label: t('nav.chains') },
                  { key: '/regions', label: t('nav.regions') },
                ]
              : [{ key: '/', label: t('nav.myFirm') }]
          }
          onClick={({ key }) => navigate(key === '/chains' ? `/chains/${homeChain}` : key)}
        />
        <Button data-testid="lang-switch" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
          {t('lang.switch')}
        </Button>
        <UserMenu />
      </Layout.Header>
      <Layout.Content style={{ padding: 24 }}>
        <Outlet />
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center', color: '#888' }}>
        {t('app.subtitle')} · ChainBrain
      </Layout.Footer>
    </Layout>
  );
}
