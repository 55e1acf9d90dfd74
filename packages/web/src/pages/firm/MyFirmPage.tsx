import { Empty, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { type FirmRow, useFirms } from '../../api/chains.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { useI18n } from '../../i18n/i18n.js';
import { usePageTitle } from '../../navigation/usePageTitle.js';
import { FirmDetailCard } from './FirmDetailCard.js';

/** Home of users who see firms but no aggregates (firm users): the firms in their scope and their output. */
export default function MyFirmPage() {
  const { t, pick } = useI18n();
  usePageTitle(t('firm.myTitle'));
  const firms = useFirms({ page_size: 50 });
  const [chosen, setChosen] = useState<number | null>(null);
  const firmId = chosen ?? firms.data?.items[0]?.id ?? null;
  if (firms.error) return <ErrorNotice error={firms.error} onRetry={() => firms.refetch()} />;
  if (firms.data && firms.data.items.length === 0) return <Empty description={t('common.noData')} />;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('firm.myTitle')}
      </Typography.Title>
      {(firms.data?.items.length ?? 0) > 1 && (
        <Table<FirmRow>
          rowKey="id"
          size="small"
          dataSource={firms.data?.items ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          onRow={(row) => ({ onClick: () => setChosen(row.id), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('firm.name'), dataIndex: 'name' },
            { title: t('firm.county'), render: (_, f) => pick(f.county_name_zh, f.county_name_en) },
          ]}
        />
      )}
      {firmId !== null && <FirmDetailCard firmId={firmId} />}
    </Space>
  );
}
