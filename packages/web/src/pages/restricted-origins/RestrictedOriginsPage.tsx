import { Alert, Button, Card, Popconfirm, Space, Table, Typography } from 'antd';
import {
  type RestrictedOrigin,
  useRemoveRestrictedOrigin,
  useRestrictedOrigins,
} from '../../api/restricted-origins.js';
import { useCan } from '../../auth/permissions.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { ScrollRegion } from '../../components/ScrollRegion.js';
import { formatBeijing } from '../../format.js';
import { useI18n } from '../../i18n/i18n.js';
import { usePageTitle } from '../../navigation/usePageTitle.js';
import { AddRestrictedOriginForm } from './AddRestrictedOriginForm.js';
import { hsLabel } from './restricted-text.js';

/**
 * The restricted-origin list (限制来源清单, ADR 0024): every official who reads firms sees what the firm
 * pages and the risk list are measured against, with each entry's source; province administrators add
 * and remove entries. A change applies at the next scan, which the page says, so no one expects the risk
 * list to move the moment an entry is added.
 */
export default function RestrictedOriginsPage() {
  const { t, pick } = useI18n();
  usePageTitle(t('restricted.title'));
  const can = useCan();
  const manage = can('plans:manage');
  const list = useRestrictedOrigins();
  const remove = useRemoveRestrictedOrigin();
  if (list.error) return <ErrorNotice error={list.error} onRetry={() => list.refetch()} />;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('restricted.title')}
      </Typography.Title>
      <Card size="small">
        <Typography.Paragraph>{t('restricted.about')}</Typography.Paragraph>
        <Alert type="info" showIcon data-testid="restricted-next-scan" title={t('restricted.nextScan')} />
        <ScrollRegion label={t('restricted.title')}>
          <Table<RestrictedOrigin>
            style={{ marginTop: 16 }}
            size="small"
            rowKey="id"
            data-testid="restricted-table"
            loading={list.isPending}
            dataSource={list.data?.items ?? []}
            pagination={false}
            locale={{ emptyText: t('restricted.empty') }}
            columns={[
              {
                title: t('restricted.country'),
                render: (_, e) => `${pick(e.country_name_zh, e.country_name_en)} (${e.country})`,
              },
              { title: t('restricted.hs'), render: (_, e) => hsLabel(t, e.hs) },
              { title: t('restricted.source'), dataIndex: 'source' },
              { title: t('restricted.note'), render: (_, e) => e.note ?? '—' },
              {
                title: t('restricted.added'),
                render: (_, e) => `${e.added_by} · ${formatBeijing(e.added_at, false)}`,
              },
              ...(manage
                ? [
                    {
                      title: t('common.actions'),
                      render: (_: unknown, e: RestrictedOrigin) => (
                        <Popconfirm
                          title={t('restricted.removeConfirm')}
                          description={
                            <div style={{ maxWidth: 360 }}>
                              {t('restricted.removeConfirmText', {
                                entry: `${e.country} ${hsLabel(t, e.hs)}`,
                              })}
                            </div>
                          }
                          okText={t('restricted.remove')}
                          okButtonProps={{ danger: true }}
                          cancelText={t('common.cancel')}
                          onConfirm={() => remove.mutate(e.id)}
                        >
                          <Button danger size="small" data-testid={`restricted-remove-${e.id}`}>
                            {t('restricted.remove')}
                          </Button>
                        </Popconfirm>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </ScrollRegion>
        {remove.error ? <ErrorNotice error={remove.error} /> : null}
      </Card>
      {manage && (
        <Card size="small" title={t('restricted.addTitle')}>
          <AddRestrictedOriginForm />
        </Card>
      )}
    </Space>
  );
}
