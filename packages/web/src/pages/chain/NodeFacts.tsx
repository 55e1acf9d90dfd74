import { Descriptions, Tag, Tooltip, Typography } from 'antd';
import type { ChainStats, MapNode, NodeStats } from '../../api/chains.js';
import { formatPct, formatYi } from '../../format.js';
import { useI18n } from '../../i18n/i18n.js';
import type { MessageKey } from '../../i18n/messages.zh.js';

/**
 * A node's facts. Unknown figures are dashes, never zeros: the firm count while the chain's figures load,
 * and import dependence for a node no customs code maps to (services and software, EDA for one), whose
 * imports are not measured at all; "0.0%" read as "no imports".
 */
export function NodeFacts({
  node,
  local,
  nodeStats,
}: {
  node: MapNode;
  local: ChainStats['nodes'][number] | undefined;
  nodeStats: NodeStats | undefined;
}) {
  const { t, pick } = useI18n();
  const traded = node.hs_mappings.length > 0;
  let dependence: string;
  if (!traded) dependence = '—';
  else if (nodeStats?.import_dependence == null) dependence = '—';
  else dependence = formatPct(nodeStats.import_dependence * 100);
  return (
    <Descriptions size="small" column={1} bordered>
      <Descriptions.Item label={t('node.segment')}>
        {t(`chain.${node.segment}` as MessageKey)}
      </Descriptions.Item>
      <Descriptions.Item label={t('node.flags')}>
        {node.flags.length === 0
          ? '—'
          : node.flags.map((flag) => (
              <Tag key={flag} color={flag === 'gap' ? 'red' : 'blue'}>
                {t(`flag.${flag}` as MessageKey)}
              </Tag>
            ))}
      </Descriptions.Item>
      <Descriptions.Item label={t('node.hs')}>
        {traded ? (
          node.hs_mappings.map((h) => (
            <Tooltip key={h.code} title={pick(h.rationale_zh, h.rationale)}>
              <Tag>{h.code}</Tag>
            </Tooltip>
          ))
        ) : (
          <span data-testid="node-hs-none">—</span>
        )}
      </Descriptions.Item>
      {node.plan_items_zh.length > 0 && (
        <Descriptions.Item label={t('node.planItems')}>
          <span lang="zh-CN">{node.plan_items_zh.join('、')}</span>
        </Descriptions.Item>
      )}
      {!node.external && (
        <>
          <Descriptions.Item label={t('node.primaryFirms')}>
            <span data-testid="node-firm-count">{local ? local.firm_count : '—'}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('node.output12m')}>
            {local?.suppressed ? (
              <span data-testid="node-output-suppressed">{t('common.suppressed')}</span>
            ) : local?.output_12m == null ? (
              '—'
            ) : (
              `${formatYi(local.output_12m)} ${t('unit.yi')}`
            )}
          </Descriptions.Item>
        </>
      )}
      <Descriptions.Item
        label={<Tooltip title={t('node.importDependenceHelp')}>{t('node.importDependence')}</Tooltip>}
      >
        <span data-testid="node-import-dependence">{dependence}</span>
        {!traded && (
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {t('node.noHsCodes')}
          </Typography.Text>
        )}
      </Descriptions.Item>
    </Descriptions>
  );
}
