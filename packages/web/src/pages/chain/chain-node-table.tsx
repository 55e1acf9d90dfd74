import { Button } from 'antd';
import type { ChainMap, ChainStats } from '../../api/chains.js';
import type { ChartTable } from '../../components/ChartDataTable.js';
import { formatYi } from '../../format.js';
import type { useI18n } from '../../i18n/i18n.js';
import { mapLanes } from './chain-map-lanes.js';

type I18n = ReturnType<typeof useI18n>;

/**
 * The chain map as a table, lane by lane: each node's lane, firms, output and the nodes that supply it. The
 * graph's nodes answer only a pointer; here a keyboard or screen reader user reads every node and opens its
 * details with the name's button, and reads the edges (who supplies whom) that only the drawing showed.
 */
export function chainNodeTable(
  map: ChainMap,
  stats: ChainStats | undefined,
  chainName: (chainId: string) => string,
  onSelect: (nodeId: string) => void,
  { t, pick, lang }: I18n,
): ChartTable {
  const byId = new Map(map.nodes.map((n) => [n.id, n]));
  const nodeStats = new Map((stats?.nodes ?? []).map((n) => [n.node_id, n]));
  const separator = lang === 'zh' ? '、' : ', ';
  return {
    summary: t('chain.nodeTable'),
    columns: [
      { title: t('chain.node') },
      { title: t('node.segment') },
      { title: t('node.primaryFirms'), numeric: true },
      { title: t('chart.inUnit', { what: t('node.output12m'), unit: t('unit.yi') }), numeric: true },
      { title: t('chain.suppliedBy') },
    ],
    rows: mapLanes(map.nodes).flatMap((lane) =>
      lane.nodes.map((node) => {
        const s = nodeStats.get(node.id);
        const name = pick(node.name_zh, node.name_en);
        const suppliers = map.edges
          .filter((edge) => edge.to === node.id)
          .map((edge) => {
            const from = byId.get(edge.from);
            const fromName = from ? pick(from.name_zh, from.name_en) : edge.from;
            return edge.essentiality === 2 ? t('chain.essentialInput', { name: fromName }) : fromName;
          });
        return {
          key: node.id,
          cells: [
            // Opens the node's drawer, as a click on the graph does.
            <Button
              key={node.id}
              type="link"
              size="small"
              style={{ padding: 0 }}
              onClick={() => onSelect(node.id)}
            >
              {name}
            </Button>,
            node.external ? `${t(lane.label)} · ${chainName(node.chain)}` : t(lane.label),
            node.external || !s ? '—' : String(s.firm_count),
            node.external || !s ? '—' : s.suppressed ? `—${t('region.withheld')}` : formatYi(s.output_12m),
            suppliers.length === 0 ? '—' : suppliers.join(separator),
          ],
        };
      }),
    ),
  };
}
