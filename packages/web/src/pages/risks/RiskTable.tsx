import { Empty, Table, Tag, Typography } from 'antd';
import type { MouseEvent, ReactNode } from 'react';
import { Link } from 'react-router';
import type { RiskCase, RiskCasePage } from '../../api/risks.js';
import { ScrollRegion } from '../../components/ScrollRegion.js';
import { useI18n } from '../../i18n/i18n.js';
import { KIND_LABEL, LEVEL_LABEL, SEVERITY_LABEL } from './risk-labels.js';
import { PAGE_SIZES } from './risk-url.js';
import { RiskDue, RiskStatusTag } from './RiskStatusTags.js';
import { usePlaceNames } from './usePlaceNames.js';

/** Where a node opens on its chain's map (the chain page opens its drawer from ?node=). */
export const nodeHref = (c: Pick<RiskCase, 'chain_id' | 'node_id'>) =>
  `/chains/${encodeURIComponent(c.chain_id)}?node=${encodeURIComponent(c.node_id)}`;

/** Clicks on a link in a row go where the link goes, without also opening the row's case. */
const stop = (e: MouseEvent) => e.stopPropagation();

/**
 * A page of the risk list. A row opens its case (the number is a link, for the keyboard); the firm's
 * name opens the firm, a node's name its place on the chain's map.
 */
export function RiskTable({
  page,
  loading,
  current,
  pageSize,
  onPage,
  onOpen,
  caseHref,
}: {
  page: RiskCasePage | undefined;
  loading: boolean;
  current: number;
  pageSize: number;
  onPage(page: number, pageSize: number): void;
  onOpen(caseId: number): void;
  caseHref(caseId: number): string;
}) {
  const { t, pick } = useI18n();
  const { chainName, placeOf } = usePlaceNames();
  const nowrap = (text: ReactNode) => <span style={{ whiteSpace: 'nowrap' }}>{text}</span>;
  return (
    <ScrollRegion label={t('risks.table')}>
      <Table<RiskCase>
        data-testid="risk-table"
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={page?.items ?? []}
        locale={{ emptyText: <Empty description={t('risks.empty')} /> }}
        onRow={(c) => ({ onClick: () => onOpen(c.id), style: { cursor: 'pointer' } })}
        pagination={{
          current,
          pageSize,
          total: page?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZES.map(String),
          showTotal: (total) => t('risks.total', { count: total.toLocaleString('zh-CN') }),
          onChange: onPage,
        }}
        columns={[
          {
            title: t('risks.col.id'),
            render: (_, c) => (
              <Link
                to={caseHref(c.id)}
                aria-label={t('risks.openCase', { id: c.id })}
                data-testid="risk-open"
                onClick={(e) => {
                  e.preventDefault();
                  e.stopPropagation();
                  onOpen(c.id);
                }}
              >
                {c.id}
              </Link>
            ),
          },
          { title: t('risks.col.kind'), render: (_, c) => nowrap(t(KIND_LABEL[c.kind])) },
          {
            title: t('risks.col.subject'),
            // Names on a few lines at most: a node's long English name broke over five.
            onCell: () => ({ style: { minWidth: 200 } }),
            render: (_, c) =>
              c.kind === 'firm_input' && c.firm_id !== null ? (
                <Link to={`/firms/${c.firm_id}`} onClick={stop}>
                  {c.firm_name}
                </Link>
              ) : (
                <Link to={nodeHref(c)} onClick={stop}>
                  {pick(c.node_name_zh, c.node_name_en)}
                </Link>
              ),
          },
          {
            title: t('risks.col.node'),
            // A node's own case is about the node itself (the column before).
            render: (_, c) => (c.kind === 'firm_input' ? pick(c.node_name_zh, c.node_name_en) : '—'),
          },
          { title: t('risks.col.region'), render: (_, c) => nowrap(placeOf(c)) },
          { title: t('risks.col.chain'), render: (_, c) => nowrap(chainName(c.chain_id)) },
          {
            title: t('risks.col.severity'),
            render: (_, c) =>
              c.severity === 'high' ? (
                <Typography.Text type="danger" strong>
                  {t(SEVERITY_LABEL.high)}
                </Typography.Text>
              ) : (
                t(SEVERITY_LABEL.medium)
              ),
          },
          { title: t('risks.col.level'), render: (_, c) => nowrap(t(LEVEL_LABEL[c.level])) },
          { title: t('risks.col.status'), render: (_, c) => <RiskStatusTag status={c.status} /> },
          { title: t('risks.col.due'), render: (_, c) => <RiskDue c={c} /> },
          {
            title: t('risks.col.condition'),
            render: (_, c) => (c.condition_holds ? '' : nowrap(<Tag>{t('risks.conditionCleared')}</Tag>)),
          },
        ]}
      />
    </ScrollRegion>
  );
}
