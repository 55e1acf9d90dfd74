import { Table, Tag } from 'antd';
import { Link } from 'react-router';
import type { FirmPage, FirmRow } from '../../api/chains.js';
import { sizeLabel, tagLabel } from '../../i18n/data-labels.js';
import { useI18n } from '../../i18n/i18n.js';

/**
 * One page of firms from the server, with the total: the lists were cut at 50 (or 20) rows without a word,
 * so a reader took the first page for all of them.
 */
export function FirmTable({
  firms,
  loading,
  onPage,
  testId,
}: {
  firms: FirmPage | undefined;
  loading: boolean;
  onPage: (page: number) => void;
  testId?: string;
}) {
  const { t, pick } = useI18n();
  // The test id on a wrapper: on the Table it lands on the table without its pagination.
  return (
    <div data-testid={testId}>
      <Table<FirmRow>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={firms?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={
          firms
            ? {
                current: firms.page,
                pageSize: firms.page_size,
                total: firms.total,
                showSizeChanger: false,
                hideOnSinglePage: false,
                size: 'small',
                showTotal: (total) => (
                  <span data-testid="firm-total">{t('firm.total', { count: total })}</span>
                ),
                onChange: onPage,
              }
            : false
        }
        columns={[
          {
            title: t('firm.name'),
            // The firm's page: its output and supply risk (the list shows only the caller's firms).
            render: (_, f) => <Link to={`/firms/${f.id}`}>{f.name}</Link>,
          },
          { title: t('firm.county'), render: (_, f) => pick(f.county_name_zh, f.county_name_en) },
          {
            title: t('firm.size'),
            dataIndex: 'size_class',
            render: (size: string) => sizeLabel(t, size),
          },
          {
            title: t('firm.tags'),
            dataIndex: 'tags',
            render: (tags: string[]) =>
              tags.length === 0 ? '—' : tags.map((tag) => <Tag key={tag}>{tagLabel(t, tag)}</Tag>),
          },
        ]}
      />
    </div>
  );
}
