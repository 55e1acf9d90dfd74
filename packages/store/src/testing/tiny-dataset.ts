import type { Dataset, PlanPack } from '@chainbrain/domain';
import type { StoreChainNode } from '../repositories/reference-repository.js';

/**
 * A hand-made plan and dataset whose dashboard figures were worked out by hand (see the overview tests):
 * two chains, three firms, output in 2024-01..2025-03.
 */
export const tinyPlan = {
  plan: { id: 'tiny', title_zh: '小方案', title_en: 'Tiny plan', start: '2024-01', end: '2025-12' },
  cities: [
    { code: '330100', zh: '杭州市', en: 'Hangzhou' },
    { code: '330200', zh: '宁波市', en: 'Ningbo' },
  ],
  chains: [
    {
      id: 'alpha',
      zh: '甲链',
      en: 'Alpha',
      target_2025: 10,
      target_kind: 'reach',
      core: ['330100'],
      collaborating: [],
    },
    {
      id: 'beta',
      zh: '乙链',
      en: 'Beta',
      target_2025: 4,
      target_kind: 'exceed',
      core: [],
      collaborating: ['330200'],
    },
  ],
  headline_targets_2025: [],
  work_items: [],
  mechanisms: [],
  // Chain maps as a loaded pack carries them (LoadedPlanPack.chainMaps).
  chainMaps: {
    alpha: {
      chain: 'alpha',
      nodes: [
        {
          id: 'alpha.a1',
          name_zh: '甲一',
          name_en: 'A1',
          segment: 'upstream',
          description_zh: '上游芯片',
          description_en: 'Upstream chips',
          hs_codes: [{ code: '854231', rationale: 'processors', rationale_zh: '处理器' }],
          flags: ['gap'],
          plan_items_zh: [],
          source: true,
        },
        {
          id: 'alpha.a2',
          name_zh: '甲二',
          name_en: 'A2',
          segment: 'downstream',
          description_zh: '整机',
          description_en: 'Complete products',
          hs_codes: [],
          flags: [],
          plan_items_zh: [],
        },
      ],
      edges: [
        { from: 'alpha.a1', to: 'alpha.a2', essentiality: 2, rationale: 'no chip, no product' },
        { from: 'beta.b1', to: 'alpha.a2', essentiality: 1 },
      ],
    },
    beta: {
      chain: 'beta',
      nodes: [
        {
          id: 'beta.b1',
          name_zh: '乙一',
          name_en: 'B1',
          segment: 'midstream',
          description_zh: '部件',
          description_en: 'Components',
          hs_codes: [],
          flags: [],
          plan_items_zh: [],
          source: true,
        },
      ],
      edges: [],
    },
  },
} as PlanPack;

export const tinyNodes: StoreChainNode[] = [
  {
    id: 'alpha.a1',
    chainId: 'alpha',
    nameZh: '甲一',
    nameEn: 'A1',
    segment: 'upstream',
    hsCodes: [],
    flags: [],
    description: null,
  },
  {
    id: 'alpha.a2',
    chainId: 'alpha',
    nameZh: '甲二',
    nameEn: 'A2',
    segment: 'downstream',
    hsCodes: [],
    flags: [],
    description: null,
  },
  {
    id: 'beta.b1',
    chainId: 'beta',
    nameZh: '乙一',
    nameEn: 'B1',
    segment: 'midstream',
    hsCodes: [],
    flags: [],
    description: null,
  },
];

const YI = 100_000_000;

function monthly(firmId: number, from: number, to: number, year: number, valueYi: number) {
  const rows = [];
  for (let m = from; m <= to; m++) {
    rows.push({ firmId, period: `${year}-${String(m).padStart(2, '0')}`, valueYuan: valueYi * YI });
  }
  return rows;
}

/**
 * Firm 1 (alpha, 西湖区): 0.5 亿/month in 2024, 0.6 亿/month in 2025-01..03.
 * Firm 2 (alpha, 鄞州区; also listed under beta.b1 as a secondary member, must not count there):
 *   0.25 亿/month in 2024, 0.3 亿/month in 2025-01..03.
 * Firm 3 (beta, 北仑区): 2025-01..03 only, 0.2 亿/month (no 2024 output → no year-on-year).
 */
export const tinyDataset: Dataset = {
  label: 'tiny hand-made dataset',
  planId: 'tiny',
  firms: [
    {
      id: 1,
      uscc: '913301060000001231',
      name: '甲一公司',
      countyCode: '330106',
      primaryNodeId: 'alpha.a1',
      primaryChainId: 'alpha',
      sizeClass: 'large',
      tags: ['链主'],
      secondaryNodeIds: [],
    },
    {
      id: 2,
      uscc: '913302120000002231',
      name: '甲二公司',
      countyCode: '330212',
      primaryNodeId: 'alpha.a2',
      primaryChainId: 'alpha',
      sizeClass: 'medium',
      tags: ['龙头', '专精特新'],
      secondaryNodeIds: ['beta.b1'],
    },
    {
      id: 3,
      uscc: '913302060000003231',
      name: '乙一公司',
      countyCode: '330206',
      primaryNodeId: 'beta.b1',
      primaryChainId: 'beta',
      sizeClass: 'small',
      tags: [],
      secondaryNodeIds: [],
    },
  ],
  output: [
    ...monthly(1, 1, 12, 2024, 0.5),
    ...monthly(1, 1, 3, 2025, 0.6),
    ...monthly(2, 1, 12, 2024, 0.25),
    ...monthly(2, 1, 3, 2025, 0.3),
    ...monthly(3, 1, 3, 2025, 0.2),
  ],
  supplyLinks: [
    {
      supplierFirmId: 2,
      supplierSource: null,
      buyerFirmId: 1,
      period: '2024',
      valueYuan: 5 * YI,
      source: 'tiny',
    },
  ],
  customs: [
    { firmId: 1, hsCode: '854231', country: 'JP', direction: 'import', period: '2025-01', valueYuan: YI },
  ],
  regionOutput: [],
};
