import { Alert, Button, Card, Space, Table, Tooltip, Typography } from 'antd';
import { type AuditEntry, useAudit, useVerifyAudit } from '../../api/auth.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { formatTimestamp } from '../../format.js';
import { useI18n } from '../../i18n/i18n.js';
import type { MessageKey } from '../../i18n/messages.zh.js';
import { usePageTitle } from '../../navigation/usePageTitle.js';

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
  'user.password_change': 'audit.a.passwordChange',
  'user.password_change_failed': 'audit.a.passwordChangeFailed',
  'firms.export': 'audit.a.firmsExport',
};

/** Why a chain check failed (the server's reason_code). */
const BREAK_KEYS: Record<string, MessageKey> = {
  missing: 'audit.break.missing',
  unlinked: 'audit.break.unlinked',
  changed: 'audit.break.changed',
  truncated: 'audit.break.truncated',
  head_mismatch: 'audit.break.headMismatch',
};

/** What an entry is about (the server's target_type), in words. */
const TARGET_KEYS: Record<string, MessageKey> = {
  user: 'audit.t.user',
  plan: 'audit.t.plan',
  api_token: 'audit.t.apiToken',
};

/** An entry's details as "key: value; …"; nested values stay as JSON. */
function describeDetails(details: unknown): string {
  if (!details || typeof details !== 'object') return details == null ? '' : String(details);
  return Object.entries(details as Record<string, unknown>)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join('; ');
}

export default function AuditPage() {
  const { t } = useI18n();
  usePageTitle(t('audit.title'));
  const audit = useAudit();
  const entries = audit.data?.pages.flat();
  const shown = entries?.length ?? 0;
  // A full last page means there may be older entries: the page says so rather than passing for the whole log.
  const mayHaveMore = audit.hasNextPage;
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
        {entries && (
          <Space wrap data-testid="audit-count">
            <Typography.Text type="secondary">
              {mayHaveMore ? t('audit.shownMore', { count: shown }) : t('audit.shownAll', { count: shown })}
            </Typography.Text>
            {mayHaveMore && (
              <Button
                size="small"
                onClick={() => audit.fetchNextPage()}
                loading={audit.isFetchingNextPage}
                data-testid="audit-more"
              >
                {t('audit.loadMore')}
              </Button>
            )}
          </Space>
        )}
        <Table<AuditEntry>
          rowKey="id"
          size="small"
          loading={audit.isPending}
          dataSource={entries ?? []}
          pagination={{ pageSize: 50, showSizeChanger: false }}
          scroll={{ x: 1100 }}
          columns={[
            { title: '#', dataIndex: 'id', width: 70 },
            {
              title: t('audit.at'),
              dataIndex: 'at',
              width: 170,
              // One line: at 1280 px the time wrapped onto three.
              render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatTimestamp(v)}</span>,
            },
            {
              title: t('audit.actor'),
              dataIndex: 'actor_name',
              width: 150,
              // The server's own entries are signed 'system'.
              render: (name: string) => (name.toLowerCase() === 'system' ? t('audit.system') : name),
            },
            {
              title: t('audit.action'),
              dataIndex: 'action',
              width: 140,
              render: (action: string) => (
                <span title={action}>{ACTION_KEYS[action] ? t(ACTION_KEYS[action]) : action}</span>
              ),
            },
            {
              title: t('audit.target'),
              width: 160,
              ellipsis: true,
              render: (_, e) =>
                e.target_type ? (
                  <span title={`${e.target_type} ${e.target_id ?? ''}`}>
                    {TARGET_KEYS[e.target_type] ? t(TARGET_KEYS[e.target_type]!) : e.target_type}{' '}
                    {e.target_id ?? ''}
                  </span>
                ) : (
                  '—'
                ),
            },
            { title: t('audit.ip'), dataIndex: 'ip', width: 130, render: (ip: string | null) => ip ?? '—' },
            {
              title: t('audit.details'),
              dataIndex: 'details',
              // One line cut with an ellipsis, the whole text on hover: long details made rows tall.
              ellipsis: { showTitle: false },
              render: (d: unknown) => {
                const text = describeDetails(d);
                return text ? (
                  <Tooltip title={<span style={{ wordBreak: 'break-all' }}>{text}</span>} placement="topLeft">
                    <span style={{ fontSize: 12 }}>{text}</span>
                  </Tooltip>
                ) : (
                  '—'
                );
              },
            },
          ]}
        />
      </Space>
    </Card>
  );
}
