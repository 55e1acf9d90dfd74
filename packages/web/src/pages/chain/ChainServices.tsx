import { Alert, Button, Card, Descriptions, Skeleton, Space, Table, Tabs, Tag, Typography } from 'antd';
import {
  type ChainGaps,
  type Community,
  type GapNode,
  PROJECT_STAGES,
  type ServicesSummary,
  useChainGaps,
  useChainProjects,
  useCommunities,
  useFirstOfKind,
  useServicesSummary,
} from '../../api/chain-services.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { ScrollRegion } from '../../components/ScrollRegion.js';
import { formatYi } from '../../format.js';
import { useI18n } from '../../i18n/i18n.js';
import { FirstOfKindTable } from './FirstOfKindTable.js';
import { ProjectTable } from './ProjectTable.js';
import { KIND_KEYS, ROLE_KEYS, STAGE_KEYS } from './service-labels.js';
import { WithheldNote, YiOrWithheld } from './WithheldYi.js';

type Props = {
  chainId: string;
  month: string | null;
  canSeeFirms: boolean;
  canSeeAggregates: boolean;
  /** A node's name in the reader's language. */
  nodeName: (nodeId: string) => string;
  /** Opens a node's drawer. */
  onOpenNode: (nodeId: string) => void;
};

/**
 * The chain services (ADR 0022): the 补链 project library with the gap view, first-of-a-kind products and
 * the communities around chain leaders. Readers of firms see the rows in their scope; readers of
 * aggregates see the figures, which name no firm.
 */
export function ChainServices(props: Props) {
  const { t } = useI18n();
  return (
    <Card title={t('services.title')} data-testid="chain-services">
      <Tabs
        items={[
          { key: 'projects', label: t('services.tabProjects'), children: <ProjectsPane {...props} /> },
          {
            key: 'first-of-kind',
            label: t('services.tabFirstOfKind'),
            children: <FirstOfKindPane {...props} />,
          },
          {
            key: 'communities',
            label: t('services.tabCommunities'),
            children: <CommunitiesPane {...props} />,
          },
        ]}
      />
    </Card>
  );
}

function ProjectsPane({ chainId, month, canSeeFirms, canSeeAggregates, nodeName, onOpenNode }: Props) {
  const { t } = useI18n();
  const gaps = useChainGaps(chainId, month, canSeeAggregates);
  const projects = useChainProjects(chainId, canSeeFirms);
  const summary = useServicesSummary(chainId, canSeeAggregates && !canSeeFirms);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {canSeeAggregates && (
        <GapView gaps={gaps.data} loading={gaps.isPending} error={gaps.error} onOpenNode={onOpenNode} />
      )}
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('services.projectLibrary')}
      </Typography.Title>
      {canSeeFirms ? (
        projects.error ? (
          <ErrorNotice error={projects.error} onRetry={() => projects.refetch()} />
        ) : (
          <>
            <Typography.Text type="secondary">
              {t('services.projectsInScope', { count: projects.data?.items.length ?? 0 })}
            </Typography.Text>
            <ProjectTable
              projects={projects.data?.items ?? []}
              loading={projects.isPending}
              label={t('services.projectLibrary')}
              testId="chain-projects"
            />
          </>
        )
      ) : summary.error ? (
        <ErrorNotice error={summary.error} onRetry={() => summary.refetch()} />
      ) : (
        <>
          <Alert type="info" showIcon title={t('services.figuresOnly')} />
          <ProjectSummaryTable summary={summary.data} loading={summary.isPending} nodeName={nodeName} />
        </>
      )}
    </Space>
  );
}

/** Gap and import-dependent nodes and the projects there; a node without any project in red. */
function GapView({
  gaps,
  loading,
  error,
  onOpenNode,
}: {
  gaps: ChainGaps | undefined;
  loading: boolean;
  error: Error | null;
  onOpenNode: (nodeId: string) => void;
}) {
  const { t, pick } = useI18n();
  if (error) return <ErrorNotice error={error} />;
  if (loading || !gaps) return <Skeleton active />;
  return (
    <Space direction="vertical" size="small" style={{ width: '100%' }}>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('services.gapTitle')}
      </Typography.Title>
      <Typography.Text data-testid="gap-counts">
        {t('services.gapCounts', { with: gaps.with_projects, without: gaps.without_projects })}
      </Typography.Text>
      <ScrollRegion label={t('services.gapTitle')}>
        <div data-testid="chain-gaps">
          <Table<GapNode>
            rowKey="node_id"
            size="small"
            dataSource={gaps.nodes}
            pagination={false}
            locale={{ emptyText: t('services.noGaps') }}
            onRow={(n) => ({ 'data-gap-covered': n.projects > 0 ? 'yes' : 'no' }) as object}
            columns={[
              {
                title: t('chain.node'),
                key: 'node',
                render: (_, n) => (
                  <Button
                    type="link"
                    size="small"
                    style={{ padding: 0 }}
                    onClick={() => onOpenNode(n.node_id)}
                  >
                    {pick(n.name_zh, n.name_en)}
                  </Button>
                ),
              },
              {
                title: t('services.why'),
                key: 'why',
                render: (_, n) => (
                  <Space size={4} wrap>
                    {n.gap && <Tag>{t('flag.gap')}</Tag>}
                    {n.import_dependent === true && <Tag>{t('dependency.flagged')}</Tag>}
                  </Space>
                ),
              },
              {
                title: t('services.projectsCount'),
                key: 'projects',
                align: 'right',
                render: (_, n) =>
                  n.projects === 0 ? (
                    <Tag color="red" data-testid="gap-no-project">
                      {t('services.noProject')}
                    </Tag>
                  ) : (
                    n.projects
                  ),
              },
              {
                title: t('services.investment'),
                key: 'investment',
                align: 'right',
                render: (_, n) =>
                  n.projects === 0 ? '—' : <YiOrWithheld value={n.investment} suppressed={n.suppressed} />,
              },
              ...PROJECT_STAGES.map((stage) => ({
                title: t(STAGE_KEYS[stage]),
                key: stage,
                align: 'right' as const,
                render: (_: unknown, n: GapNode) => {
                  const cell = n.by_stage.find((s) => s.stage === stage);
                  if (!cell || cell.projects === 0) return '—';
                  // A withheld sum keeps its count: the dash stands for the amount alone.
                  return cell.suppressed ? (
                    <span title={t('services.suppressed')} data-testid="suppressed">
                      {t('services.stageCell', { count: cell.projects, value: '—' })}
                    </span>
                  ) : (
                    t('services.stageCell', { count: cell.projects, value: formatYi(cell.investment) })
                  );
                },
              })),
              {
                title: t('services.listedToYou'),
                key: 'listed',
                align: 'right',
                render: (_, n) => (n.listed === null ? '—' : n.listed.length),
              },
            ]}
          />
        </div>
      </ScrollRegion>
      <WithheldNote show={gaps.nodes.some((n) => n.suppressed || n.by_stage.some((s) => s.suppressed))} />
    </Space>
  );
}

function ProjectSummaryTable({
  summary,
  loading,
  nodeName,
}: {
  summary: ServicesSummary | undefined;
  loading: boolean;
  nodeName: (id: string) => string;
}) {
  const { t } = useI18n();
  return (
    <>
      <ScrollRegion label={t('services.projectSummary')}>
        <div data-testid="project-summary">
          <Table
            rowKey={(r) => `${r.node_id}|${r.stage}`}
            size="small"
            loading={loading}
            dataSource={summary?.projects ?? []}
            pagination={false}
            columns={[
              { title: t('chain.node'), key: 'node', render: (_, r) => nodeName(r.node_id) },
              { title: t('services.stage'), key: 'stage', render: (_, r) => t(STAGE_KEYS[r.stage]) },
              { title: t('services.projectsCount'), dataIndex: 'projects', align: 'right' },
              {
                title: t('services.investment'),
                key: 'investment',
                align: 'right',
                render: (_, r) => <YiOrWithheld value={r.investment} suppressed={r.suppressed} />,
              },
            ]}
          />
        </div>
      </ScrollRegion>
      <WithheldNote show={(summary?.projects ?? []).some((r) => r.suppressed)} />
    </>
  );
}

function FirstOfKindPane({ chainId, canSeeFirms, canSeeAggregates, nodeName }: Props) {
  const { t } = useI18n();
  const products = useFirstOfKind(chainId, canSeeFirms);
  const summary = useServicesSummary(chainId, canSeeAggregates && !canSeeFirms);
  if (canSeeFirms)
    return products.error ? (
      <ErrorNotice error={products.error} onRetry={() => products.refetch()} />
    ) : (
      <FirstOfKindTable
        products={products.data?.items ?? []}
        loading={products.isPending}
        label={t('services.tabFirstOfKind')}
        testId="chain-first-of-kind"
      />
    );
  if (summary.error) return <ErrorNotice error={summary.error} onRetry={() => summary.refetch()} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Alert type="info" showIcon title={t('services.figuresOnly')} />
      <ScrollRegion label={t('services.tabFirstOfKind')}>
        <div data-testid="first-of-kind-summary">
          <Table
            rowKey={(r) => `${r.node_id}|${r.kind}`}
            size="small"
            loading={summary.isPending}
            dataSource={summary.data?.first_of_kind ?? []}
            pagination={false}
            columns={[
              { title: t('chain.node'), key: 'node', render: (_, r) => nodeName(r.node_id) },
              { title: t('services.kind'), key: 'kind', render: (_, r) => t(KIND_KEYS[r.kind]) },
              { title: t('services.productsCount'), dataIndex: 'products', align: 'right' },
            ]}
          />
        </div>
      </ScrollRegion>
    </Space>
  );
}

function CommunitiesPane({ chainId, canSeeFirms, canSeeAggregates }: Props) {
  const { t } = useI18n();
  const communities = useCommunities(chainId, canSeeFirms);
  const summary = useServicesSummary(chainId, canSeeAggregates && !canSeeFirms);
  if (!canSeeFirms) {
    if (summary.error) return <ErrorNotice error={summary.error} onRetry={() => summary.refetch()} />;
    return (
      <Space direction="vertical" style={{ width: '100%' }} data-testid="communities-summary">
        <Alert type="info" showIcon title={t('services.figuresOnly')} />
        {summary.data && (
          <Typography.Text>
            {t('services.communitiesCount', {
              communities: summary.data.communities.communities,
              members: summary.data.communities.members,
            })}
          </Typography.Text>
        )}
      </Space>
    );
  }
  if (communities.error)
    return <ErrorNotice error={communities.error} onRetry={() => communities.refetch()} />;
  if (communities.isPending) return <Skeleton active />;
  if (communities.data.items.length === 0)
    return <Typography.Text type="secondary">{t('services.noCommunities')}</Typography.Text>;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="chain-communities">
      {communities.data.items.map((c) => (
        <CommunityCard key={c.id} community={c} />
      ))}
    </Space>
  );
}

function CommunityCard({ community: c }: { community: Community }) {
  const { t, pick } = useI18n();
  const counts = (rows: Community['by_node']) =>
    rows
      .map((r) => `${pick(r.name_zh ?? r.id, r.name_en ?? r.id)} ${r.members}`)
      .join(t('services.separator'));
  return (
    <Card size="small" type="inner" title={c.name} data-testid="community">
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('services.leader')}>{c.leader.name}</Descriptions.Item>
        <Descriptions.Item label={t('services.founded')}>{c.founded_year}</Descriptions.Item>
        <Descriptions.Item label={t('services.members')}>
          {t('services.membersByRole', {
            total: c.members,
            roles: (['leader', 'supplier', 'customer', 'partner'] as const)
              .map((r) => `${t(ROLE_KEYS[r])} ${c.by_role[r]}`)
              .join(t('services.separator')),
          })}
        </Descriptions.Item>
        <Descriptions.Item label={t('services.byCity')}>{counts(c.by_city)}</Descriptions.Item>
        <Descriptions.Item label={t('services.byNode')} span={2}>
          {counts(c.by_node)}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Text type="secondary">
        {t('services.membersListed', { listed: c.listed.length, total: c.members })}
      </Typography.Text>
      <ScrollRegion label={`${c.name} · ${t('services.members')}`}>
        <Table
          rowKey="firm_id"
          size="small"
          dataSource={c.listed}
          pagination={c.listed.length > 10 ? { pageSize: 10, showSizeChanger: false, size: 'small' } : false}
          columns={[
            { title: t('firm.name'), dataIndex: 'name' },
            { title: t('services.role'), key: 'role', render: (_, m) => t(ROLE_KEYS[m.role]) },
          ]}
        />
      </ScrollRegion>
    </Card>
  );
}
