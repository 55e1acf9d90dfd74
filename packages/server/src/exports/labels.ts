/** The words of exported spreadsheets, in the caller's language (zh-CN by default, as the web app). */
export type ExportLang = 'zh' | 'en';

const LABELS = {
  zh: {
    about: '说明',
    dash: '—',
    withheld: '—（保密）',
    plan: '方案',
    dataset: '数据集',
    loadedAt: '载入于',
    month: '月份',
    region: '地区',
    chain: '产业链',
    allChains: '十大产业链合计',
    province: '全省',
    exportedBy: '导出人',
    exportedAt: '导出时间',
    scope: '权限范围',
    unit: '单位',
    unitValue: '亿元（现价）',
    filters: '筛选条件',
    none: '无',
    withheldNote:
      '“—（保密）”：统计保密，不予显示（某些月份仅涉及 1 至 2 家企业、最大一家企业的数据可被较准确推算，或可由其他数字推算出个别企业的数据）；“—”：无数据。',
    completionNote: '目标完成度 = 截至该月的近 12 个月产值 ÷ 2025 年目标；地区无分解目标，不计完成度。',
    yoyNote: '累计同比 = 1 月至该月累计 ÷ 上年同期累计 − 1。',
    firmNote: '企业名单仅含您权限范围内的企业；本次导出已记入审计日志。',
    total: '合计',
    code: '代码',
    name: '名称',
    city: '所属城市',
    monthOutput: '当月产值（亿元）',
    ytdOutput: '1 月至当月累计（亿元）',
    ytdPrev: '上年同期累计（亿元）',
    ytdYoy: '累计同比',
    trailing12: '近 12 个月产值（亿元）',
    target: '2025 年目标（亿元）',
    completion: '目标完成度',
    cities: '城市',
    counties: '县（市、区）',
    firms: '企业名单',
    uscc: '统一社会信用代码',
    firmName: '企业名称',
    county: '县（市、区）',
    node: '主环节',
    size: '规模',
    tags: '标签',
    overviewTitle: '十大标志性产业链运行监测',
    keyFirms: '链主与龙头企业',
    nodeFilter: '环节（主营或兼营）',
    search: '名称或代码含',
    targetNote: '合计目标为方案总目标 6 万亿元，不是十条产业链目标之和。',
    regionTargetNote: '地区无分解目标：目标与完成度仅在全省表中给出。',
    timeZone: '北京时间',
    sizes: '大型,中型,小型,微型',
    regionsTitle: '分地区产值',
    firmsTitle: '企业名单',
    dependencyTitle: '进口依赖筛查',
    dependencySheet: '进口依赖筛查',
    nodeName: '环节',
    homeChain: '所属产业链',
    year: '年份',
    importsYi: '进口（亿元）',
    exportsYi: '出口（亿元）',
    localProductionYi: '本地产值（亿元）',
    hhi: '来源集中度 HHI',
    topOrigin: '第一来源国',
    topShare: '第一来源国占比',
    importDependence: '进口依存度',
    importExportRatio: '进口 ÷ 出口',
    yearFired: '当年触发',
    verdict: '节点结论',
    heldIn: '触发年份',
    sharedHsCodes: '与其他节点共用的海关编码',
    sharedHsNote:
      '多个节点共用同一海关商品编码时，每个节点的进口都是该编码的全部进口（各节点的进口不可相加），本地产值只含以本节点为主营的企业，进口依存度可能偏高；共用的编码和节点见“与其他节点共用的海关编码”一列。',
    yes: '是',
    no: '否',
    yearNoData: '无完整年度数据（按未触发计）',
    verdictFlagged: '持续依赖进口',
    verdictClear: '未达持续依赖',
    undecidedNoHs: '无法判定：无对应海关商品编码',
    undecidedNoYear: '无法判定：截至该月无完整年度数据',
    undecidedWithheld: '无法判定：本地产值保密，依存度不予显示',
    window: '筛查年度',
    dependencyRuleNote:
      '判定规则：某年进口来源集中度 HHI > {hhi}、进口依存度 > {dependence}、进口 ÷ 出口 > {ratio} 同时成立，该年触发；近 {n} 个完整年度中至少 {k} 年触发，即为持续依赖进口（依据欧盟委员会 SWD(2021) 352 与 CEPII 的做法）。',
    dependencySourceNote:
      '进出口为全省海关记录（节点所对应的海关商品编码）；本地产值为以此为主营节点的全省企业产值；进口依存度 = 进口 ÷（进口 + 本地产值）。',
    ratioNote: '进口 ÷ 出口 为 9999 表示当年无出口（或比值更大）。',
  },
  en: {
    about: 'About',
    dash: '—',
    withheld: '— (withheld)',
    plan: 'Plan',
    dataset: 'Dataset',
    loadedAt: 'loaded',
    month: 'Month',
    region: 'Region',
    chain: 'Chain',
    allChains: 'All ten chains',
    province: 'Whole province',
    exportedBy: 'Exported by',
    exportedAt: 'Exported at',
    scope: 'Access scope',
    unit: 'Unit',
    unitValue: '100 million yuan (亿元, current prices)',
    filters: 'Filters',
    none: 'none',
    withheldNote:
      '“— (withheld)”: withheld for statistical confidentiality (in some month the figure rests on one or two firms, its largest firm could be estimated closely, or it would let single firms be worked out from other figures); “—”: no data.',
    completionNote:
      'Completion = output of the 12 months ending at the month ÷ the 2025 target; regions have no targets of their own.',
    yoyNote: 'YoY = January to the month ÷ the same months a year earlier − 1.',
    firmNote: 'The list holds only firms inside your access scope; this export is recorded in the audit log.',
    total: 'Total',
    code: 'Code',
    name: 'Name',
    city: 'City',
    monthOutput: 'Output of the month (亿元)',
    ytdOutput: 'January to month (亿元)',
    ytdPrev: 'Same months a year earlier (亿元)',
    ytdYoy: 'YoY (year to date)',
    trailing12: 'Last 12 months (亿元)',
    target: '2025 target (亿元)',
    completion: 'Completion',
    cities: 'Cities',
    counties: 'Counties',
    firms: 'Firms',
    uscc: 'Unified social credit code',
    firmName: 'Firm',
    county: 'County',
    node: 'Primary node',
    size: 'Size',
    tags: 'Tags',
    overviewTitle: 'Ten flagship chains monitoring',
    keyFirms: 'Chain leaders and leading firms',
    nodeFilter: 'Node (primary or listed)',
    search: 'Name or code contains',
    targetNote: 'The total’s target is the plan’s own 60,000 亿元, not the sum of the ten chains’ targets.',
    regionTargetNote:
      'Regions have no targets of their own: targets and completion are in the province-wide file.',
    timeZone: 'Beijing time',
    sizes: 'Large,Medium,Small,Micro',
    regionsTitle: 'Output by region',
    firmsTitle: 'Firms',
    dependencyTitle: 'Import-dependency screen',
    dependencySheet: 'Import dependency',
    nodeName: 'Node',
    homeChain: 'Home chain',
    year: 'Year',
    importsYi: 'Imports (亿元)',
    exportsYi: 'Exports (亿元)',
    localProductionYi: 'Local production (亿元)',
    hhi: 'HHI of imports by origin',
    topOrigin: 'Largest origin',
    topShare: 'Largest origin’s share',
    importDependence: 'Import dependence',
    importExportRatio: 'Imports ÷ exports',
    yearFired: 'Year fired',
    verdict: 'Node verdict',
    heldIn: 'Years fired',
    sharedHsCodes: 'HS codes other nodes list too',
    sharedHsNote:
      'Where nodes share an HS code, each node’s imports are all of the code’s imports (do not add up the nodes’ imports), while its local production is its own firms’ only, so its import dependence may be overstated; the column “HS codes other nodes list too” names the codes and nodes.',
    yes: 'Yes',
    no: 'No',
    yearNoData: 'No complete year of data (counts as not fired)',
    verdictFlagged: 'Persistently import-dependent',
    verdictClear: 'Not persistently dependent',
    undecidedNoHs: 'Undecided: no customs (HS) code maps to the node',
    undecidedNoYear: 'Undecided: no complete year of data up to the month',
    undecidedWithheld: 'Undecided: local production is withheld, and so is the dependence',
    window: 'Years screened',
    dependencyRuleNote:
      'Rule: a year fires when the HHI of imports by origin > {hhi}, import dependence > {dependence} and imports ÷ exports > {ratio} all hold; a node is persistently import-dependent when at least {k} of the last {n} complete years fire (as in European Commission SWD(2021) 352 and CEPII).',
    dependencySourceNote:
      'Imports and exports are the province’s customs records of the node’s HS codes; local production is the output of the province’s firms whose primary node it is; import dependence = imports ÷ (imports + local production).',
    ratioNote: 'Imports ÷ exports of 9999 means no exports in the year (or a larger ratio).',
  },
} as const;

export type ExportLabels = { [K in keyof (typeof LABELS)['zh']]: string };

export function exportLabels(lang: ExportLang): ExportLabels {
  return LABELS[lang];
}

const SIZE_CODES = ['large', 'medium', 'small', 'micro'];
const TAGS_EN: Record<string, string> = {
  链主: 'Chain leader firm',
  龙头: 'Leading firm',
  单项冠军: 'Single-product champion',
  专精特新: 'Specialised SME',
};

/** A firm's size class as the page shows it. */
export function sizeLabel(labels: ExportLabels, size: string): string {
  const k = SIZE_CODES.indexOf(size);
  return k < 0 ? size : (labels.sizes.split(',')[k] ?? size);
}

/** A firm's tags as the page shows them (the stored tags are Chinese). */
export function tagLabels(lang: ExportLang, tags: readonly string[]): string {
  return tags.map((t) => (lang === 'en' ? (TAGS_EN[t] ?? t) : t)).join(lang === 'en' ? ', ' : '、');
}

/** A time as officials read it: Beijing time, to the minute. */
export function beijingTime(labels: ExportLabels, iso: string): string {
  const text = new Date(iso).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 16);
  return `${text} (${labels.timeZone})`;
}
