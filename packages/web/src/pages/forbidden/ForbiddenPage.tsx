import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import type { Permission } from '../../auth/permissions.js';
import { useI18n } from '../../i18n/i18n.js';
import type { MessageKey } from '../../i18n/messages.zh.js';
import { usePageTitle } from '../../navigation/usePageTitle.js';

/** What each permission lets one do, in words (the codes meant nothing to a reader). */
const PERMISSION_KEYS: Record<Permission, MessageKey> = {
  'aggregates:read': 'forbidden.aggregates',
  'firms:read': 'forbidden.firms',
  'users:manage': 'forbidden.users',
  'plans:manage': 'forbidden.plans',
  'audit:read': 'forbidden.audit',
};

/** A page the user's role may not open: say which right it needs, whom to ask, and the way home. */
export default function ForbiddenPage({ permission }: { permission: Permission }) {
  const { t } = useI18n();
  usePageTitle(t('forbidden.title'));
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title={t('forbidden.title')}
      subTitle={t('forbidden.text', { right: t(PERMISSION_KEYS[permission]) })}
      data-testid="forbidden"
      extra={
        <Button type="primary" onClick={() => navigate('/')} data-testid="forbidden-home">
          {t('notFound.home')}
        </Button>
      }
    />
  );
}
