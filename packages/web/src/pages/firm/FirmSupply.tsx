import { useQuery } from '@tanstack/react-query';
import { Empty, Table, Tag, Typography } from 'antd';
import { getJson } from '../../api/client.js';
import { useRiskList } from '../../api/risks.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { ScrollRegion } from '../../components/ScrollRegion.js';
import { formatPct, formatYi } from '../../format.js';
import { useI18n } from '../../i18n/i18n.js';
import type { MessageKey } from '../../i18n/messages.zh.js';
import { FirmRestrictedCell, type RestrictedExposure } from './FirmRestrictedCell.js';
import { FirmRiskCaseLink } from './FirmRiskCaseLink.js';

type Supplier = {
  kind: 'firm' | 'foreign' | 'out_of_province';
  firm_id: number | null;
  name: string | null;
  country: string | null;
  country_name_zh: string | null;
  country_name_en: string | null;
};

type Rule = { rule: string; value: number | null; comparison: string; threshold: number; fired: boolean };

type Input = {
  node_id: string;
  name_zh: string;
  name_en: string;
  essentiality: number | null;
  total: number;
  suppliers: number;
  largest_share: number;
  largest: Supplier | null;
  foreign_share: number;
  backup: {
    status: 'same_standard_ready' | 'lower_standard_ready' | 'in_qualification' | 'none';
    best: {
      supplier: Supplier;
      standard: 'same' | 'lower';
      state: 'registered' | 'qualifying' | 'qualified';
      lead_time_weeks: number;
    } | null;
    registered: number;
  };
  restricted: RestrictedExposure;
  rules: Rule[];
  at_risk: boolean;
};

/** GET /api/v1/firms/{id}/supply */
type FirmSupplyResponse = { firm_id: number; year: string | null; inputs: Input[] };

const ESSENTIALITY: Record<number, MessageKey> = { 2: 'chain.edge2', 1: 'chain.edge1', 0: 'chain.edge0' };
const STATE: Record<string, MessageKey> = {
  qualified: 'supply.stateQualified',
  qualifying: 'supply.stateQualifying',
  registered: 'supply.stateRegistered',
};

/**
 * A firm's purchases by input with the engine's firm indicators: how concentrated and how foreign each
 * input's supply is and whether a qualified backup stands ready, with the rules that fired in red.
 */
export function FirmSupply({ firmId }: { firmId: number }) {
  const { t, pick, lang } = useI18n();
  const supply = useQuery({
    queryKey: ['firm-supply', firmId],
    queryFn: () => getJson<FirmSupplyResponse>(`/api/v1/firms/${firmId}/supply`),
  });
  // The firm's inputs on the risk list (a firm has a few: the list keeps essential inputs of watched firms).
  const cases = useRiskList({ firm: firmId }, { page: 1, pageSize: 200 });
  const caseOf = (nodeId: string) => cases.data?.items.find((c) => c.node_id === nodeId);
  if (supply.error) return <ErrorNotice error={supply.error} onRetry={() => supply.refetch()} />;
  const data = supply.data;
  const who = (s: Supplier | null) => {
    if (!s) return '—';
    if (s.kind === 'foreign') return pick(s.country_name_zh ?? '', s.country_name_en ?? '');
    if (s.kind === 'out_of_province') return t('supply.outOfProvince');
    return s.name ?? t('supply.otherFirm');
  };
  const fired = (i: Input, rule: string) => i.rules.find((r) => r.rule === rule)?.fired === true;
  const threshold = (rule: string) => data?.inputs[0]?.rules.find((r) => r.rule === rule)?.threshold;
  const red = (text: string, on: boolean) =>
    on ? (
      <Typography.Text type="danger" strong>
        {text}
      </Typography.Text>
    ) : (
      text
    );
  return (
    <div data-testid="firm-supply">
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('supply.title', { year: data?.year ?? '—' })}
      </Typography.Title>
      <ScrollRegion label={t('supply.title', { year: data?.year ?? '—' })}>
        <Table<Input>
          size="small"
          rowKey="node_id"
          loading={supply.isPending}
          dataSource={data?.inputs ?? []}
          pagination={false}
          locale={{ emptyText: <Empty description={t('supply.none')} /> }}
          columns={[
            { title: t('supply.input'), render: (_, i) => pick(i.name_zh, i.name_en) },
            {
              title: t('supply.essentiality'),
              render: (_, i) =>
                i.essentiality === null ? '—' : t(ESSENTIALITY[i.essentiality] ?? 'chain.edge0'),
            },
            {
              title:
                lang === 'zh'
                  ? `${t('supply.total')}（${t('unit.yi')}）`
                  : `${t('supply.total')} (${t('unit.yi')})`,
              align: 'right',
              render: (_, i) => formatYi(i.total),
            },
            { title: t('supply.suppliers'), align: 'right', dataIndex: 'suppliers' },
            {
              title: t('supply.largest'),
              render: (_, i) =>
                red(`${who(i.largest)} ${formatPct(i.largest_share * 100)}`, fired(i, 'single_source')),
            },
            {
              title: t('supply.foreign'),
              align: 'right',
              render: (_, i) => red(formatPct(i.foreign_share * 100), fired(i, 'foreign_share')),
            },
            {
              title: t('supply.backup'),
              render: (_, i) => {
                const b = i.backup.best;
                if (!b) return red(t('supply.backupNone'), fired(i, 'no_qualified_backup'));
                const text = `${t(b.standard === 'same' ? 'supply.backupSame' : 'supply.backupLower')} · ${t(STATE[b.state] ?? 'supply.stateRegistered')} · ${who(b.supplier)}`;
                return (
                  <>
                    {red(text, fired(i, 'no_qualified_backup'))}
                    <br />
                    {red(t('supply.weeks', { weeks: b.lead_time_weeks }), fired(i, 'slow_switch_over'))}
                  </>
                );
              },
            },
            {
              title: t('supply.restricted'),
              render: (_, i) => (
                <FirmRestrictedCell
                  r={i.restricted}
                  fired={fired(i, 'restricted_origin')}
                  unclearFired={fired(i, 'restricted_origin_unclear')}
                />
              ),
            },
            {
              title: t('supply.risk'),
              render: (_, i) =>
                i.at_risk ? <Tag color="red">{t('supply.atRisk')}</Tag> : t('supply.noRisk'),
            },
            {
              title: t('supply.case'),
              render: (_, i) => {
                const c = caseOf(i.node_id);
                return c ? <FirmRiskCaseLink c={c} /> : '—';
              },
            },
          ]}
        />
      </ScrollRegion>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('supply.rule', {
          single: formatPct((threshold('single_source') ?? 0.8) * 100),
          foreign: formatPct((threshold('foreign_share') ?? 0.5) * 100),
          weeks: threshold('slow_switch_over') ?? 12,
        })}{' '}
        {t('supply.restrictedRule')}
      </Typography.Text>
    </div>
  );
}
