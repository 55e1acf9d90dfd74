/**
 * Calibration facts of the demo dataset. Each constant says where it comes from: the plan (plan pack),
 * a public statistical convention, or an assumption of ours. docs/data/demo-dataset.md lists them all.
 * Every firm and flow generated from these numbers is synthetic.
 */

/**
 * Relative output per calendar month (average 1): low around the Spring Festival (January–February,
 * which NBS reports together for that reason), high in December (year-end push). Assumption shaped on
 * the published monthly pattern of Zhejiang above-scale industry.
 */
export const MONTH_SEASONALITY = [0.82, 0.68, 1.0, 0.99, 1.01, 1.05, 0.98, 0.97, 1.03, 1.02, 1.11, 1.34];

/** Extra factor for the first months of 2020 (the COVID-19 shutdown): output fell sharply in February. */
export const SHOCK_2020: Record<string, number> = {
  '2020-01': 0.93,
  '2020-02': 0.62,
  '2020-03': 0.88,
  '2020-04': 0.97,
};

/** Where each chain stands in 2025 against its target: annual 2025 output ÷ target (some exceed, some fall short). Assumption. */
export const COMPLETION_2025: Record<string, number> = {
  'digital-security': 1.06,
  'integrated-circuits': 1.12,
  'network-communication': 0.91,
  'intelligent-computing': 1.18,
  biomedicine: 0.87,
  'petrochemical-new-materials': 0.96,
  'new-energy-vehicles': 1.09,
  'intelligent-equipment': 1.03,
  'smart-home': 0.94,
  'modern-textile': 0.9,
};

/** Compound annual growth 2019→2025 of each chain (faster for emerging chains). Assumption. */
export const GROWTH_2019_2025: Record<string, number> = {
  'digital-security': 0.11,
  'integrated-circuits': 0.16,
  'network-communication': 0.1,
  'intelligent-computing': 0.19,
  biomedicine: 0.1,
  'petrochemical-new-materials': 0.09,
  'new-energy-vehicles': 0.15,
  'intelligent-equipment': 0.09,
  'smart-home': 0.07,
  'modern-textile': 0.04,
};

/** Share of the province's total industrial output held by the ten chains, 2019 and 2025 (plan target: ≥ 68%). Assumption. */
export const TEN_CHAIN_SHARE = { 2019: 0.58, 2025: 0.665 };

/** Growth after 2025 (2026 months), a little slower than before. Assumption. */
export const GROWTH_AFTER_2025 = 0.06;

/**
 * Average annual output per firm in 2025 (亿元), which sets how many firms each chain gets: capital-heavy
 * chains (petrochemicals, vehicles) have fewer, larger firms; textiles and equipment many small ones.
 * Assumption; the whole set is then scaled to the requested number of firms.
 */
export const AVG_FIRM_OUTPUT_YI: Record<string, number> = {
  'digital-security': 2.0,
  'integrated-circuits': 1.8,
  'network-communication': 1.8,
  'intelligent-computing': 2.5,
  biomedicine: 1.2,
  'petrochemical-new-materials': 6.0,
  'new-energy-vehicles': 2.5,
  'intelligent-equipment': 1.0,
  'smart-home': 1.0,
  'modern-textile': 0.8,
};

/** Default size of the full demo: about 30,000 firms (the order of Zhejiang's above-scale firms in the ten chains). */
export const FULL_DEMO_FIRMS = 30_000;

/** Pareto exponent of firm size within a chain (heavy tail; a top firm may hold a tenth of its chain). Assumption. */
export const FIRM_SIZE_ALPHA = 1.15;
/** No firm holds more than this share of its chain's output. Assumption. */
export const MAX_FIRM_SHARE = 0.12;

/** Where a chain's firms sit: share in the plan's core cities, collaborating cities, anywhere else. Assumption on the plan's layout. */
export const LAYOUT_SHARES = { core: 0.66, collaborating: 0.26 };
/** When a chain names no core city, its collaborating cities carry this share. */
export const LAYOUT_SHARE_NO_CORE = 0.88;

/** Distinct supply links (firm → firm and source → firm) per firm; the full demo has about 300,000. Assumption. */
export const LINKS_PER_FIRM = 10;

/** Share of a firm's output spent on intermediate inputs (material cost ratio of manufacturing). Assumption. */
export const INPUT_COST_SHARE = 0.68;

/**
 * Import structure of a node's supply, by the node's flags: share of the input bought abroad, and how
 * concentrated the origins are (weights of the node's origin list, largest first). The plan's named gaps
 * are import-dependent and concentrated; key materials and core components half-way; ordinary inputs
 * come mostly from Zhejiang and other provinces, and their imports are spread over many origins.
 */
export const IMPORT_PROFILE = {
  gap: { importShare: 0.62, originWeights: [0.74, 0.16, 0.1] },
  key: { importShare: 0.34, originWeights: [0.42, 0.24, 0.16, 0.1, 0.08] },
  ordinary: { importShare: 0.08, originWeights: [0.2, 0.17, 0.15, 0.13, 0.11, 0.09, 0.08, 0.07] },
} as const;

/** Share of the input bought from other provinces of China (the rest, after imports, from Zhejiang firms). Assumption. */
export const OUT_OF_PROVINCE_SHARE = 0.3;

/**
 * Origin countries per chain: technology origins for gaps and key items (first entries), a broader list
 * for ordinary imports. Reflects the well-known sources of each industry's imports; assumption as to shares.
 */
export const ORIGINS: Record<string, { key: string[]; ordinary: string[] }> = {
  'digital-security': {
    key: ['US', 'JP', 'KR', 'TW', 'NL'],
    ordinary: ['JP', 'KR', 'TW', 'US', 'DE', 'MY', 'SG', 'VN', 'TH'],
  },
  'integrated-circuits': {
    key: ['JP', 'US', 'NL', 'KR', 'TW', 'DE'],
    ordinary: ['TW', 'KR', 'JP', 'US', 'MY', 'SG', 'DE', 'PH', 'VN'],
  },
  'network-communication': {
    key: ['US', 'JP', 'TW', 'KR', 'DE'],
    ordinary: ['JP', 'TW', 'KR', 'US', 'DE', 'SG', 'MY', 'VN', 'SE'],
  },
  'intelligent-computing': {
    key: ['US', 'TW', 'KR', 'JP', 'IE'],
    ordinary: ['TW', 'KR', 'US', 'JP', 'MY', 'SG', 'VN', 'DE', 'TH'],
  },
  biomedicine: {
    key: ['US', 'DE', 'CH', 'JP', 'GB'],
    ordinary: ['DE', 'US', 'CH', 'JP', 'IE', 'FR', 'IT', 'IN', 'GB'],
  },
  'petrochemical-new-materials': {
    key: ['JP', 'US', 'DE', 'KR', 'BE'],
    ordinary: ['SA', 'AE', 'KR', 'JP', 'US', 'AU', 'BR', 'OM', 'DE'],
  },
  'new-energy-vehicles': {
    key: ['JP', 'DE', 'US', 'KR', 'CL'],
    ordinary: ['JP', 'DE', 'KR', 'AU', 'US', 'CL', 'ID', 'HU', 'MX'],
  },
  'intelligent-equipment': {
    key: ['JP', 'DE', 'CH', 'US', 'IT'],
    ordinary: ['JP', 'DE', 'US', 'KR', 'IT', 'CH', 'TW', 'SE', 'AT'],
  },
  'smart-home': {
    key: ['JP', 'US', 'KR', 'TW', 'DE'],
    ordinary: ['JP', 'KR', 'TW', 'MY', 'VN', 'TH', 'US', 'DE', 'IT'],
  },
  'modern-textile': {
    key: ['JP', 'DE', 'IT', 'CH', 'US'],
    ordinary: ['AU', 'US', 'BR', 'UZ', 'JP', 'IT', 'DE', 'IN', 'VN'],
  },
};

/** Export markets (destinations of customs exports). */
export const EXPORT_MARKETS = [
  'US',
  'DE',
  'JP',
  'KR',
  'NL',
  'GB',
  'VN',
  'IN',
  'AU',
  'AE',
  'BR',
  'MX',
  'RU',
  'IT',
];

/** Share of firms that export directly, and the share of output they export (range). Assumption. */
export const EXPORTERS = { share: 0.12, minRatio: 0.1, maxRatio: 0.6 };

/** Tags per firm (counts at the full size; all ranks by 2025 output within a chain). Assumptions on orders of magnitude. */
export const TAGS = {
  /** 链主: the largest firms of each chain. */
  chainLeadersPerChain: 3,
  /** 龙头: the top share of each chain by output. */
  leaderShare: 0.012,
  /** 单项冠军: share of firms, drawn from the upper ranks. */
  championShare: 0.006,
  /** 专精特新: share of firms, drawn from small and medium firms. */
  specialisedShare: 0.065,
};

/**
 * Size classes by annual output, after NBS 统计上大中小微型企业划分办法 (2017) for industry: large from
 * 40,000 万元 of revenue; employment is not modelled, so medium starts at 1 亿 (assumption) and small at the
 * above-scale threshold of 2,000 万元.
 */
export const SIZE_THRESHOLDS_YI = { large: 4, medium: 1, small: 0.2 };

/** Shares of single-sourced essential inputs that have a registered backup (flagged key-field inputs more often). Assumption. */
export const BACKUP_COVERAGE = { keyField: 0.6, other: 0.25 };
