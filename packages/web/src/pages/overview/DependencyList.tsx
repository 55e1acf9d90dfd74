import { Empty, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { type PlanDependency, usePlanDependency } from '../../api/chains.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { ScrollRegion } from '../../components/ScrollRegion.js';
import { formatPct, formatYi } from '../../format.js';
import { useI18n } from '../../i18n/i18n.js';
import { useMonthLink } from '../../navigation/useMonthLink.js';

type Row = PlanDependency['nodes'][number];

/** The latest year of the window a node has figures for (the list shows that year's values). */
const latest = (row: Row) => row.years.at(-1);

/**
 * The nodes of all ten chains that fired the import-dependency screen (ADR 0019), persistent ones first:
 * the place to start when asking where the province depends on imports. Each node links to its chain
 * page with the node's screen open.
 */
export function DependencyList({ month, chainName }: { month: string; chainName: (id: string) => string }) {
  const { t, pick, lang } = useI18n();
  const monthLink = useMonthLink();
  const list = usePlanDependency(month);
  if (list.error) return <ErrorNotice error={list.error} onRetry={() => list.refetch()} />;
  const data = list.data;
  const rows = [...(data?.nodes ?? [])].sort(
    (a, b) =>
      Number(b.flagged === true) - Number(a.flagged === true) ||
      (latest(b)?.import_dependence ?? -1) - (latest(a)?.import_dependence ?? -1),
  );
  return (
    <div data-testid="dependency-list">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('dependencyList.title', { from: data?.window[0] ?? '', to: data?.window.at(-1) ?? '' })}
      </Typography.Title>
      {data && (
        <Typography.Paragraph data-testid="dependency-counts">
          {t('dependencyList.counts', {
            dependent: data.counts.dependent,
            some: data.counts.some_years,
            clear: data.counts.clear,
            undecided: data.counts.undecided,
          })}
        </Typography.Paragraph>
      )}
      <ScrollRegion
        label={t('dependencyList.title', { from: data?.window[0] ?? '', to: data?.window.at(-1) ?? '' })}
      >
        <Table<Row>
          size="small"
          loading={list.isPending}
          rowKey="node_id"
          dataSource={rows}
          pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{ emptyText: <Empty description={t('dependencyList.none')} /> }}
          columns={[
            {
              title: t('dependencyList.verdict'),
              render: (_, r) =>
                r.flagged ? (
                  <Tag color="red">{t('dependency.flagged')}</Tag>
                ) : (
                  <Tag color="orange">{t('dependency.someYears')}</Tag>
                ),
            },
            { title: t('dependencyList.chain'), render: (_, r) => chainName(r.chain_id), responsive: ['md'] },
            {
              title: t('dependencyList.node'),
              render: (_, r) => (
                <Link to={monthLink(`/chains/${r.chain_id}?node=${encodeURIComponent(r.node_id)}`)}>
                  {pick(r.name_zh, r.name_en)}
                </Link>
              ),
            },
            {
              title: t('dependencyList.heldIn'),
              render: (_, r) => r.held_in.join(lang === 'zh' ? '、' : ', '),
            },
            {
              title:
                lang === 'zh'
                  ? `${t('dependency.imports')}（${t('unit.yi')}）`
                  : `${t('dependency.imports')} (${t('unit.yi')})`,
              align: 'right',
              render: (_, r) => formatYi(latest(r)?.imports ?? null),
            },
            { title: 'HHI', align: 'right', render: (_, r) => latest(r)?.hhi.toFixed(2) ?? '—' },
            {
              title: t('dependency.topOrigin'),
              render: (_, r) => {
                const y = latest(r);
                if (!y?.top_origin) return '—';
                return `${pick(y.top_origin_name_zh ?? '', y.top_origin_name_en ?? '')} ${formatPct(y.top_share * 100)}`;
              },
            },
            {
              title: t('dependency.importDependence'),
              align: 'right',
              render: (_, r) => {
                const d = latest(r)?.import_dependence;
                return d === undefined || d === null ? '—' : formatPct(d * 100);
              },
            },
            {
              title: t('dependency.ratio'),
              align: 'right',
              render: (_, r) => {
                const y = latest(r);
                if (!y) return '—';
                if (y.import_export_capped && y.exports === 0) return t('dependency.noExports');
                return y.import_export_ratio.toLocaleString('zh-CN', { maximumFractionDigits: 2 });
              },
            },
          ]}
        />
      </ScrollRegion>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('dependencyList.help')}
      </Typography.Text>
    </div>
  );
}
