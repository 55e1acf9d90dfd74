import { Typography } from 'antd';
import {
  PROJECT_STAGES,
  useChainProjects,
  useFirstOfKind,
  useServicesSummary,
} from '../../api/chain-services.js';
import type { MapNode } from '../../api/chains.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { formatYi } from '../../format.js';
import { useI18n } from '../../i18n/i18n.js';
import { FirstOfKindTable } from './FirstOfKindTable.js';
import { ProjectTable } from './ProjectTable.js';
import { KIND_KEYS, STAGE_KEYS } from './service-labels.js';

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
        <Typography.Paragraph data-testid="node-project-figures">
          {cells.length === 0
            ? t('services.noProject')
            : PROJECT_STAGES.filter((s) => cells.some((c) => c.stage === s))
                .map((s) => {
                  const c = cells.find((x) => x.stage === s)!;
                  return t('services.stageLine', {
                    stage: t(STAGE_KEYS[s]),
                    cell: t('services.stageCell', { count: c.projects, value: formatYi(c.investment) }),
                  });
                })
                .join(t('services.separator'))}
        </Typography.Paragraph>
      )}
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
        <Typography.Paragraph data-testid="node-first-of-kind-figures">
          {kinds.length === 0
            ? t('services.noProductsListed')
            : kinds.map((k) => `${t(KIND_KEYS[k.kind])} ${k.products}`).join(t('services.separator'))}
        </Typography.Paragraph>
      )}
    </div>
  );
}
