import { Table, Typography } from 'antd';
import {
  PROJECT_STAGES,
  useChainProjects,
  useFirstOfKind,
  useServicesSummary,
} from '../../api/chain-services.js';
import type { MapNode } from '../../api/chains.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { ScrollRegion } from '../../components/ScrollRegion.js';
import { useI18n } from '../../i18n/i18n.js';
import { FirstOfKindTable } from './FirstOfKindTable.js';
import { ProjectTable } from './ProjectTable.js';
import { KIND_KEYS, STAGE_KEYS } from './service-labels.js';
import { WithheldNote, YiOrWithheld } from './WithheldYi.js';

/** A node's 补链 projects and first-of-a-kind products: rows for readers of firms, figures for the others. */
export function NodeServices({
  node,
  canSeeFirms,
  canSeeAggregates,
}: {
  node: MapNode;
  canSeeFirms: boolean;
  canSeeAggregates: boolean;
}) {
  const { t } = useI18n();
  const projects = useChainProjects(node.chain, canSeeFirms, node.id);
  const products = useFirstOfKind(node.chain, canSeeFirms, node.id);
  const summary = useServicesSummary(node.chain, canSeeAggregates && !canSeeFirms);
  const error = projects.error ?? products.error ?? summary.error;
  if (!canSeeFirms && !canSeeAggregates) return null;
  const cells = (summary.data?.projects ?? []).filter((p) => p.node_id === node.id);
  const kinds = (summary.data?.first_of_kind ?? []).filter((p) => p.node_id === node.id);
  return (
    <div data-testid="node-services">
      <Typography.Title level={5}>{t('services.nodeProjects')}</Typography.Title>
      {error && <ErrorNotice error={error} />}
      {canSeeFirms ? (
        <ProjectTable
          projects={projects.data?.items ?? []}
          loading={projects.isPending}
          label={t('services.nodeProjects')}
          showNode={false}
          testId="node-projects"
        />
      ) : (
        // A table in a focusable region: it also gives a keyboard user a way into the drawer's scrolling body.
        <ScrollRegion label={t('services.nodeProjects')}>
          <div data-testid="node-project-figures">
            <Table
              rowKey="stage"
              size="small"
              loading={summary.isPending}
              pagination={false}
              dataSource={PROJECT_STAGES.flatMap((stage) => cells.filter((c) => c.stage === stage))}
              locale={{ emptyText: t('services.noProject') }}
              columns={[
                { title: t('services.stage'), key: 'stage', render: (_, c) => t(STAGE_KEYS[c.stage]) },
                { title: t('services.projectsCount'), dataIndex: 'projects', align: 'right' },
                {
                  title: t('services.investment'),
                  key: 'investment',
                  align: 'right',
                  render: (_, c) => <YiOrWithheld value={c.investment} suppressed={c.suppressed} />,
                },
              ]}
            />
          </div>
        </ScrollRegion>
      )}
      <WithheldNote show={!canSeeFirms && cells.some((c) => c.suppressed)} />
      <Typography.Title level={5}>{t('services.nodeFirstOfKind')}</Typography.Title>
      {canSeeFirms ? (
        <FirstOfKindTable
          products={products.data?.items ?? []}
          loading={products.isPending}
          label={t('services.nodeFirstOfKind')}
          showNode={false}
          testId="node-first-of-kind"
        />
      ) : (
        <ScrollRegion label={t('services.nodeFirstOfKind')}>
          <div data-testid="node-first-of-kind-figures">
            <Table
              rowKey="kind"
              size="small"
              loading={summary.isPending}
              pagination={false}
              dataSource={kinds}
              locale={{ emptyText: t('services.noProductsListed') }}
              columns={[
                { title: t('services.kind'), key: 'kind', render: (_, k) => t(KIND_KEYS[k.kind]) },
                { title: t('services.productsCount'), dataIndex: 'products', align: 'right' },
              ]}
            />
          </div>
        </ScrollRegion>
      )}
    </div>
  );
}
