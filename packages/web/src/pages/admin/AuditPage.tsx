import { Alert, Button, Card, Space, Table } from 'antd';
import { type AuditEntry, useAudit, useVerifyAudit } from '../../api/auth.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { formatTimestamp } from '../../format.js';
import { useI18n } from '../../i18n/i18n.js';

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
                : t('audit.broken', { id: verify.data.bad_entry_id ?? '—', reason: verify.data.reason ?? '' })
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
            { title: t('audit.action'), dataIndex: 'action' },
            {
              title: t('audit.target'),
              render: (_, e) => (e.target_type ? `${e.target_type} ${e.target_id ?? ''}` : ''),
            },
            { title: t('audit.ip'), dataIndex: 'ip' },
            {
              title: t('audit.details'),
              dataIndex: 'details',
              render: (d: unknown) => <code style={{ fontSize: 12 }}>{JSON.stringify(d).slice(0, 160)}</code>,
            },
          ]}
        />
      </Space>
    </Card>
  );
}
