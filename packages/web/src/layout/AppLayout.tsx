import { MenuOutlined } from '@ant-design/icons';
import { Button, Dropdown, Grid, Layout, Menu, Typography } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useMe } from '../api/auth.js';
import { useCan } from '../auth/permissions.js';
import { useI18n } from '../i18n/i18n.js';
import { useMonthLink } from '../navigation/useMonthLink.js';
import { UserMenu } from './UserMenu.js';

export function AppLayout() {
  const { t, lang, setLang } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const monthLink = useMonthLink();
  const me = useMe();
  const can = useCan();
  // Below 768 px the menu folds into a button: at 390 px the horizontal menu got no width at all and the
  // user menu was pushed off the screen.
  const narrow = !Grid.useBreakpoint().md;
  // A chain leader's own chain first; otherwise the plan's first chain.
  const homeChain = me.data?.grants.find((g) => g.chain_id)?.chain_id ?? 'digital-security';
  // Only the pages the user may open (the routes check the same permissions).
  // While a password change is due nothing else opens (RequireAuth), so the menu offers nothing else.
  const due = me.data?.must_change_password ?? false;
  const items = due
    ? []
    : [
        ...(can('aggregates:read')
          ? [
              { key: '/', label: t('nav.overview') },
              { key: '/chains', label: t('nav.chains') },
              { key: '/regions', label: t('nav.regions') },
            ]
          : [{ key: '/', label: t('nav.myFirm') }]),
        // The risk list: every office that reads firms, and a firm its own inputs' cases.
        ...(can('firms:read') ? [{ key: '/risks', label: t('nav.risks') }] : []),
        // What the firm pages and the risk list measure restricted origins against (ADR 0024).
        ...(can('firms:read') ? [{ key: '/restricted-origins', label: t('nav.restricted') }] : []),
      ];
  const selected = location.pathname.startsWith('/chains') ? '/chains' : location.pathname;
  // The dashboards share the month the reader chose (?month=), so the menu carries it.
  const go = ({ key }: { key: string }) =>
    navigate(monthLink(key === '/chains' ? `/chains/${homeChain}` : key));
  return (
    <Layout style={{ minHeight: '100vh' }}>
      {/* The first stop of the Tab key: past the header's menu and buttons straight to the page (WCAG 2.4.1). */}
      <a className="skip-link" href="#main">
        {t('nav.skipToContent')}
      </a>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: narrow ? 8 : 24,
          padding: narrow ? '0 12px' : undefined,
        }}
      >
        {narrow && (
          <Dropdown trigger={['click']} menu={{ items, selectedKeys: [selected], onClick: go }}>
            <Button
              type="text"
              icon={<MenuOutlined style={{ color: '#fff' }} />}
              aria-label={t('nav.menu')}
              data-testid="nav-toggle"
            />
          </Dropdown>
        )}
        <Typography.Title
          level={4}
          style={{
            color: '#fff',
            margin: 0,
            whiteSpace: 'nowrap',
            flex: narrow ? 1 : undefined,
            fontSize: narrow ? 16 : undefined,
          }}
        >
          {t('app.title')}
        </Typography.Title>
        {!narrow && (
          <nav aria-label={t('nav.main')} style={{ flex: 1, minWidth: 0 }}>
            <Menu theme="dark" mode="horizontal" selectedKeys={[selected]} items={items} onClick={go} />
          </nav>
        )}
        <Button
          data-testid="lang-switch"
          size={narrow ? 'small' : 'middle'}
          // The button names the other language in that language ("English", "中文"): said so to a screen
          // reader, which would otherwise read it with the page's language (WCAG 3.1.2).
          lang={lang === 'zh' ? 'en' : 'zh-CN'}
          onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
        >
          {narrow ? t('lang.switchShort') : t('lang.switch')}
        </Button>
        <UserMenu compact={narrow} />
      </Layout.Header>
      {/* antd renders <main>; focusable from the skip link only (tabIndex -1), so focus lands in the page. */}
      <Layout.Content id="main" tabIndex={-1} style={{ padding: narrow ? 12 : 24, outline: 'none' }}>
        <Outlet />
      </Layout.Content>
      {/* Secondary text in the theme's colour: the grey #888 read at 3.3:1 on the footer's background. */}
      <Layout.Footer style={{ textAlign: 'center' }}>
        <Typography.Text type="secondary">{t('app.subtitle')} · ChainBrain</Typography.Text>
      </Layout.Footer>
    </Layout>
  );
}
