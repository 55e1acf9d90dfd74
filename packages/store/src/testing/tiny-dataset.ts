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

/**
 * Chain services over the tiny dataset's three firms, kept apart from it: tests that load the dataset with
 * fewer firms would break these rows' foreign keys. Load `{ ...tinyDataset, ...tinyServices }`.
 * Projects: 1 firm 1 in 西湖区 at the gap alpha.a1; 2 no firm in 鄞州区 at alpha.a1; 3 firm 2 in 北仑区 (not
 * firm 2's county) at alpha.a2; 4 firm 3 in 北仑区 at beta.b1; 5 no firm in 西湖区 at beta.b1.
 */
export const tinyServices: Required<
  Pick<Dataset, 'projects' | 'firstOfKind' | 'communities' | 'communityMembers'>
> = {
  projects: [
    {
      id: 1,
      name: '西湖甲一补链项目',
      chainId: 'alpha',
      nodeId: 'alpha.a1',
      countyCode: '330106',
      investmentYi: 3.5,
      stage: 'under_construction',
      startYear: 2023,
      firmId: 1,
    },
    {
      id: 2,
      name: '鄞州甲一招商项目',
      chainId: 'alpha',
      nodeId: 'alpha.a1',
      countyCode: '330212',
      investmentYi: 1.25,
      stage: 'planned',
      startYear: 2025,
      firmId: null,
    },
    {
      id: 3,
      name: '北仑甲二扩能项目',
      chainId: 'alpha',
      nodeId: 'alpha.a2',
      countyCode: '330206',
      investmentYi: 2,
      stage: 'signed',
      startYear: 2024,
      firmId: 2,
    },
    {
      id: 4,
      name: '北仑乙一技改项目',
      chainId: 'beta',
      nodeId: 'beta.b1',
      countyCode: '330206',
      investmentYi: 4,
      stage: 'in_operation',
      startYear: 2021,
      firmId: 3,
    },
    {
      id: 5,
      name: '西湖乙一新建项目',
      chainId: 'beta',
      nodeId: 'beta.b1',
      countyCode: '330106',
      investmentYi: 0.75,
      stage: 'planned',
      startYear: 2025,
      firmId: null,
    },
  ],
  firstOfKind: [
    {
      id: 1,
      product: '甲一处理器',
      firmId: 1,
      nodeId: 'alpha.a1',
      chainId: 'alpha',
      year: 2023,
      kind: 'equipment',
      level: 'national',
    },
    {
      id: 2,
      product: '甲二整机软件',
      firmId: 2,
      nodeId: 'alpha.a2',
      chainId: 'alpha',
      year: 2024,
      kind: 'software',
      level: 'provincial',
    },
    {
      id: 3,
      product: '乙一新材料',
      firmId: 3,
      nodeId: 'beta.b1',
      chainId: 'beta',
      year: 2022,
      kind: 'material',
      level: 'international',
    },
  ],
  communities: [
    { id: 1, chainId: 'alpha', name: '甲一牵头甲链共同体', leaderFirmId: 1, foundedYear: 2022 },
    { id: 2, chainId: 'beta', name: '乙一牵头乙链共同体', leaderFirmId: 3, foundedYear: 2023 },
  ],
  communityMembers: [
    { communityId: 1, firmId: 1, role: 'leader' },
    { communityId: 1, firmId: 2, role: 'supplier' },
    { communityId: 1, firmId: 3, role: 'partner' },
    { communityId: 2, firmId: 3, role: 'leader' },
    { communityId: 2, firmId: 2, role: 'customer' },
  ],
};
