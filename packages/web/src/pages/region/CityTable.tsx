import { Table, Typography } from 'antd';
import type { RegionSummaryRow } from '../../api/chains.js';
import { formatChangePct, formatYi } from '../../format.js';
import { useI18n } from '../../i18n/i18n.js';

/** A figure, or for a hidden row its dash with the reason on hover. */
function Hidden({ row, children }: { row: RegionSummaryRow; children: string }) {
  const { t } = useI18n();
  return <span title={row.suppressed ? t('common.suppressed') : undefined}>{children}</span>;
}

/** The cities' figures in 亿元 (the unit said above the table), the selected city marked. */
export function CityTable({
  cities,
  selected,
  onSelect,
}: {
  cities: RegionSummaryRow[];
  selected: string | null;
  onSelect: (code: string) => void;
}) {
  const { t, pick } = useI18n();
  return (
    <>
      <Typography.Text type="secondary" data-testid="city-table-unit">
        {t('overview.unit')}
      </Typography.Text>
      <Table<RegionSummaryRow>
        rowKey="code"
        size="small"
        data-testid="city-table"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={cities}
        // Reachable and chosen from the keyboard too (Tab, then Enter or Space), not only by a click.
        onRow={(row) => ({
          onClick: () => onSelect(row.code),
          onKeyDown: (event) => {
            if (event.key === 'Enter' || event.key === ' ') {
              event.preventDefault();
              onSelect(row.code);
            }
          },
          tabIndex: 0,
          'aria-selected': row.code === selected,
          style: { cursor: 'pointer' },
        })}
        rowClassName={(row) => (row.code === selected ? 'ant-table-row-selected' : '')}
        columns={[
          { title: t('region.name'), render: (_, r) => pick(r.name_zh, r.name_en) },
          {
            title: t('region.monthOutput'),
            dataIndex: 'month_output',
            align: 'right',
            render: (v: number | null, r) => <Hidden row={r}>{formatYi(v)}</Hidden>,
          },
          {
            title: t('region.ytd'),
            dataIndex: 'ytd_output',
            align: 'right',
            render: (v: number | null, r) => <Hidden row={r}>{formatYi(v)}</Hidden>,
          },
          {
            title: t('region.yoy'),
            dataIndex: 'ytd_yoy_pct',
            align: 'right',
            render: (v: number | null) => formatChangePct(v),
          },
        ]}
      />
    </>
  );
}
