import { Alert, Button, Card, Space, Table } from 'antd';
import { type AuditEntry, useAudit, useVerifyAudit } from '../../api/auth.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { formatTimestamp } from '../../format.js';
import { useI18n } from '../../i18n/i18n.js';
import type { MessageKey } from '../../i18n/messages.zh.js';

/** Actions the log records, and the words for them; an action not listed here shows its code. */
const ACTION_KEYS: Record<string, MessageKey> = {
  'auth.login': 'audit.a.login',
  'auth.login_failed': 'audit.a.loginFailed',
  'auth.logout': 'audit.a.logout',
  'dataset.load': 'audit.a.datasetLoad',
  'plan.load': 'audit.a.planLoad',
  'token.create': 'audit.a.tokenCreate',
  'token.revoke': 'audit.a.tokenRevoke',
  'user.create': 'audit.a.userCreate',
  'user.demo_accounts': 'audit.a.demoAccounts',
  'user.update': 'audit.a.userUpdate',
};

/** Why a chain check failed (the server's reason_code). */
const BREAK_KEYS: Record<string, MessageKey> = {
  missing: 'audit.break.missing',
  unlinked: 'audit.break.unlinked',
  changed: 'audit.break.changed',
  truncated: 'audit.break.truncated',
  head_mismatch: 'audit.break.headMismatch',
};

/** An entry's details as "key: value; …", the full record on hover; nested values stay as JSON. */
function describeDetails(details: unknown): string {
  if (!details || typeof details !== 'object') return details == null ? '' : String(details);
  const text = Object.entries(details as Record<string, unknown>)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join('; ');
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

export default function AuditPage() {
  const { t } = useI18n();
  const audit = useAudit(200);
  const verify = useVerifyAudit();
  if (audit.error) return <ErrorNotice error={audit.error} onRetry={() => audit.refetch()} />;
  return (
    <Card
      title={t('audit.title')}
      extra={
        <Button onClick={() => verify.mutate()} loading={verify.isPending} data-testid="audit-verify">
          {t('audit.verify')}
        </Button>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {verify.data && (
          <Alert
            data-testid="audit-result"
            type={verify.data.ok ? 'success' : 'error'}
            showIcon
            title={
              verify.data.ok
                ? t('audit.ok', { count: verify.data.count })
                : t('audit.broken', {
                    id: verify.data.bad_entry_id ?? '—',
                    reason: BREAK_KEYS[verify.data.reason_code ?? '']
                      ? t(BREAK_KEYS[verify.data.reason_code ?? '']!)
                      : (verify.data.reason ?? ''),
                  })
            }
          />
        )}
        <Table<AuditEntry>
          rowKey="id"
          size="small"
          loading={audit.isPending}
          dataSource={audit.data ?? []}
          pagination={{ pageSize: 50 }}
          columns={[
            { title: '#', dataIndex: 'id', width: 70 },
            {
              title: t('audit.at'),
              dataIndex: 'at',
              render: (v: string) => formatTimestamp(v),
            },
            { title: t('audit.actor'), dataIndex: 'actor_name' },
            {
              title: t('audit.action'),
              dataIndex: 'action',
              render: (action: string) => (
                <span title={action}>{ACTION_KEYS[action] ? t(ACTION_KEYS[action]) : action}</span>
              ),
            },
            {
              title: t('audit.target'),
              render: (_, e) => (e.target_type ? `${e.target_type} ${e.target_id ?? ''}` : ''),
            },
            { title: t('audit.ip'), dataIndex: 'ip' },
            {
              title: t('audit.details'),
              dataIndex: 'details',
              render: (d: unknown) => (
                <span style={{ fontSize: 12 }} title={JSON.stringify(d)}>
                  {describeDetails(d)}
                </span>
              ),
            },
          ]}
        />
      </Space>
    </Card>
  );
}
