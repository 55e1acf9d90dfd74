import { Table } from 'antd';
import { Link } from 'react-router';
import type { FirstOfKindProduct } from '../../api/chain-services.js';
import { ScrollRegion } from '../../components/ScrollRegion.js';
import { useI18n } from '../../i18n/i18n.js';
import { KIND_KEYS, LEVEL_KEYS } from './service-labels.js';
import { pageWhenLong } from './service-table.js';

/** First-of-a-kind products (首台套/首批次/首版次) of firms the reader may see. */
export function FirstOfKindTable({
  products,
  loading,
  label,
  showNode = true,
  testId,
}: {
  products: FirstOfKindProduct[];
  loading?: boolean;
  label: string;
  showNode?: boolean;
  testId?: string;
}) {
  const { t, pick } = useI18n();
  return (
    <ScrollRegion label={label}>
      <div data-testid={testId}>
        <Table<FirstOfKindProduct>
          rowKey="id"
          size="small"
          loading={loading}
          dataSource={products}
          pagination={pageWhenLong(products)}
          locale={{ emptyText: t('services.noProductsListed') }}
          columns={[
            { title: t('services.product'), dataIndex: 'product' },
            {
              title: t('services.firm'),
              key: 'firm',
              render: (_, p) => <Link to={`/firms/${p.firm.id}`}>{p.firm.name}</Link>,
            },
            ...(showNode
              ? [
                  {
                    title: t('chain.node'),
                    key: 'node',
                    render: (_: unknown, p: FirstOfKindProduct) =>
                      pick(p.node_name_zh ?? p.node_id, p.node_name_en ?? p.node_id),
                  },
                ]
              : []),
            { title: t('services.year'), dataIndex: 'year' },
            {
              title: t('services.kind'),
              dataIndex: 'kind',
              render: (k: FirstOfKindProduct['kind']) => t(KIND_KEYS[k]),
            },
            {
              title: t('services.level'),
              dataIndex: 'level',
              render: (l: FirstOfKindProduct['level']) => t(LEVEL_KEYS[l]),
            },
          ]}
        />
      </div>
    </ScrollRegion>
  );
}
