import { Table } from 'antd';
import { Link } from 'react-router';
import type { ChainProject } from '../../api/chain-services.js';
import { ScrollRegion } from '../../components/ScrollRegion.js';
import { formatYi } from '../../format.js';
import { useI18n } from '../../i18n/i18n.js';
import { STAGE_KEYS } from './service-labels.js';
import { pageWhenLong } from './service-table.js';

/** 补链 projects the reader may see: name, node, county, investment (亿元), stage, start year, firm. */
export function ProjectTable({
  projects,
  loading,
  label,
  showNode = true,
  testId,
}: {
  projects: ChainProject[];
  loading?: boolean;
  label: string;
  showNode?: boolean;
  testId?: string;
}) {
  const { t, pick } = useI18n();
  return (
    <ScrollRegion label={label}>
      <div data-testid={testId}>
        <Table<ChainProject>
          rowKey="id"
          size="small"
          loading={loading}
          dataSource={projects}
          pagination={pageWhenLong(projects)}
          locale={{ emptyText: t('services.noProjectsListed') }}
          columns={[
            { title: t('services.projectName'), dataIndex: 'name' },
            ...(showNode
              ? [
                  {
                    title: t('chain.node'),
                    key: 'node',
                    render: (_: unknown, p: ChainProject) =>
                      pick(p.node_name_zh ?? p.node_id, p.node_name_en ?? p.node_id),
                  },
                ]
              : []),
            {
              title: t('firm.county'),
              key: 'county',
              render: (_, p) => pick(p.county_name_zh, p.county_name_en),
            },
            {
              title: t('services.investment'),
              dataIndex: 'investment',
              align: 'right',
              render: (v: number) => formatYi(v),
            },
            {
              title: t('services.stage'),
              dataIndex: 'stage',
              render: (s: ChainProject['stage']) => t(STAGE_KEYS[s]),
            },
            { title: t('services.startYear'), dataIndex: 'start_year' },
            {
              title: t('services.firm'),
              key: 'firm',
              render: (_, p) => (p.firm ? <Link to={`/firms/${p.firm.id}`}>{p.firm.name}</Link> : '—'),
            },
          ]}
        />
      </div>
    </ScrollRegion>
  );
}
