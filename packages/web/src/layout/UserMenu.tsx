import { UserOutlined } from '@ant-design/icons';
import { Button, Dropdown, Space, Tag } from 'antd';
import { useNavigate } from 'react-router';
import { type GrantView, useLogout, useMe } from '../api/auth.js';
import { PLAN_ID, usePlan } from '../api/plans.js';
import { useRegions } from '../api/reference.js';
import { useI18n } from '../i18n/i18n.js';

/** "杭州市 · 市级" — the grant's role and what it is bound to, in the reader's language. */
export function useGrantLabel() {
  const { t, pick } = useI18n();
  // While a password change is due the API refuses these lookups: the grant shows its codes meanwhile.
  const due = useMe().data?.must_change_password ?? false;
  const regions = useRegions(!due);
  const plan = usePlan(PLAN_ID, !due);
  return (grant: GrantView) => {
    const role = pick(grant.role_name_zh, grant.role_name_en);
    let scope = t('user.province');
    if (grant.region_code) {
      const region = regions.data?.find((r) => r.code === grant.region_code);
      scope = region ? pick(region.name_zh, region.name_en) : grant.region_code;
    } else if (grant.chain_id) {
      const chain = plan.data?.chains.find((c) => c.id === grant.chain_id);
      scope = chain ? pick(chain.name_zh, chain.name_en) : grant.chain_id;
    } else if (grant.firm_id !== null) {
      scope = grant.firm_name ?? `${t('user.firm')} #${grant.firm_id}`;
    }
    return `${role} · ${scope}`;
  };
}

/** The user's name, role, their own pages and sign-out; `compact` (narrow screens) shows the icon only. */
export function UserMenu({ compact = false }: { compact?: boolean }) {
  const { t } = useI18n();
  const me = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  const grantLabel = useGrantLabel();
  if (!me.data) return null;
  const can = (permission: string) => me.data?.permissions.includes(permission);
  const items = [
    // On a narrow screen the button shows no name: the menu says who is signed in.
    ...(compact ? [{ key: 'who', label: <strong>{me.data.display_name}</strong>, disabled: true }] : []),
    ...me.data.grants.map((g, i) => ({
      key: `grant-${i}`,
      label: <Tag color="blue">{grantLabel(g)}</Tag>,
      disabled: true,
    })),
    { type: 'divider' as const },
    { key: '/account/password', label: t('nav.password') },
    { key: '/account/tokens', label: t('nav.tokens') },
    ...(can('users:manage') ? [{ key: '/admin/users', label: t('nav.users') }] : []),
    ...(can('audit:read') ? [{ key: '/admin/audit', label: t('nav.audit') }] : []),
    { type: 'divider' as const },
    { key: 'logout', label: <span data-testid="logout">{t('user.logout')}</span> },
  ];
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items,
        onClick: ({ key }) => {
          if (key === 'who' || key.startsWith('grant-')) return;
          if (key === 'logout') logout.mutate(undefined, { onSettled: () => navigate('/login') });
          else navigate(key);
        },
      }}
    >
      {compact ? (
        <Button data-testid="user-menu" icon={<UserOutlined />} aria-label={me.data.display_name} />
      ) : (
        <Button data-testid="user-menu" icon={<UserOutlined />}>
          <Space size={4}>
            <span>{me.data.display_name}</span>
            <Tag style={{ marginInlineEnd: 0 }} data-testid="user-role">
              {me.data.grants[0] ? grantLabel(me.data.grants[0]) : ''}
            </Tag>
          </Space>
        </Button>
      )}
    </Dropdown>
  );
}
