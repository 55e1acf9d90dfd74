import type { FirmInputFindings, NodeImportFindings, RiskCaseView } from '@chainbrain/app';
import type { CaseEventRow } from '@chainbrain/store';
import type { ExportLang } from './labels.js';
import type { CellValue, SheetSpec } from './workbook.js';

/** The words of the risk list's sheet (the workbook's shared words are in labels.ts). */
const WORDS = {
  zh: {
    sheet: '风险清单',
    id: '编号',
    kind: '类型',
    kinds: { firm_input: '企业关键投入', node_import: '节点进口依赖' },
    firm: '企业',
    city: '城市',
    county: '区县',
    chain: '产业链',
    node: '投入环节/节点',
    severity: '风险等级',
    severities: { high: '高', medium: '中' },
    level: '当前层级',
    levels: { county: '县级', city: '市级', province: '省级' },
    status: '状态',
    statuses: { open: '待响应', responding: '处置中', resolved: '已化解待销号', closed: '已销号' },
    detected: '发现时间',
    due: '期限',
    overdue: '逾期',
    holds: '最新扫描仍发现',
    yes: '是',
    no: '否',
    rules: '触发规则（数值 比较 阈值）',
    total: '年采购额（亿元）',
    largest: '最大供应商占比',
    foreign: '境外采购占比',
    backup: '备份状态',
    backups: {
      same_standard_ready: '同准备份就绪',
      lower_standard_ready: '降准备份就绪',
      in_qualification: '备份认证中',
      none: '无备份',
    },
    last: '最近处置',
    internal: '（内部备注，勿转企业）',
    ruleNames: {
      single_source: '最大供应商占比',
      foreign_share: '境外采购占比',
      no_qualified_backup: '合格备份数',
      slow_switch_over: '切换周期（周）',
      hhi: '进口来源集中度 HHI',
      top_origin_share: '第一来源国占比',
      import_dependence: '进口依赖度',
      imports_exports: '进口/出口',
      persistence: '近 3 年触发年数',
    } as Record<string, string>,
    events: {
      detected: '扫描发现',
      cleared: '扫描未再发现',
      recurred: '风险再现',
      auto_escalated: '逾期自动上报',
      acknowledge: '响应',
      escalate: '上报',
      resolve: '化解',
      confirm: '销号',
      reject: '驳回',
      reopen: '重新打开',
      comment: '备注',
    } as Record<string, string>,
    note: '每一行列出触发的规则及其数值；企业名单仅含您权限范围内的事项；本次导出已记入审计日志。时间为北京时间。',
    truncated: (shown: number, total: number) => `仅导出前 ${shown} 条（共 ${total} 条），请缩小筛选范围。`,
  },
  en: {
    sheet: 'Risk list',
    id: 'Id',
    kind: 'Kind',
    kinds: { firm_input: 'Critical input of a firm', node_import: 'Import dependency of a node' },
    firm: 'Firm',
    city: 'City',
    county: 'County',
    chain: 'Chain',
    node: 'Input / node',
    severity: 'Severity',
    severities: { high: 'High', medium: 'Medium' },
    level: 'Level',
    levels: { county: 'County', city: 'City', province: 'Province' },
    status: 'Status',
    statuses: { open: 'Open', responding: 'Responding', resolved: 'Resolved, to confirm', closed: 'Closed' },
    detected: 'Found',
    due: 'Due',
    overdue: 'Overdue',
    holds: 'Found by the latest scan',
    yes: 'yes',
    no: 'no',
    rules: 'Rules fired (value comparison threshold)',
    total: 'Purchases in the year (100M yuan)',
    largest: 'Largest supplier share',
    foreign: 'Foreign share',
    backup: 'Backup',
    backups: {
      same_standard_ready: 'same-standard backup ready',
      lower_standard_ready: 'lower-standard backup ready',
      in_qualification: 'backup in qualification',
      none: 'no backup',
    },
    last: 'Latest step',
    internal: ' (internal note, not for the firm)',
    ruleNames: {
      single_source: 'largest supplier share',
      foreign_share: 'foreign share',
      no_qualified_backup: 'qualified backups',
      slow_switch_over: 'switch-over weeks',
      hhi: 'HHI of import origins',
      top_origin_share: 'top origin share',
      import_dependence: 'import dependence',
      imports_exports: 'imports / exports',
      persistence: 'years fired of the last 3',
    } as Record<string, string>,
    events: {
      detected: 'found by a scan',
      cleared: 'not found by a scan',
      recurred: 'found again',
      auto_escalated: 'escalated when overdue',
      acknowledge: 'acknowledged',
      escalate: 'escalated',
      resolve: 'resolved',
      confirm: 'confirmed',
      reject: 'rejected',
      reopen: 'reopened',
      comment: 'note',
    } as Record<string, string>,
    note: 'Each row lists the rules that fired with their values; only cases within your scope; this export is recorded in the audit log. Times are Beijing time.',
    truncated: (shown: number, total: number) =>
      `Only the first ${shown} of ${total} cases: narrow the filters.`,
  },
};

/** Shares as per cent with one decimal, other values with up to two decimals. */
function ruleValue(rule: string, value: number | null): string {
  if (value === null) return '—';
  const isShare = ['single_source', 'foreign_share', 'top_origin_share', 'import_dependence'].includes(rule);
  return isShare ? `${(value * 100).toFixed(1)}%` : String(Number(value.toFixed(2)));
}

/** Beijing time to the minute (UTC+8 all year). */
function beijing(date: Date | null): string | null {
  if (!date) return null;
  return new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export type RiskSheetNames = {
  region: (code: string) => string;
  chain: (id: string) => string;
};

/** The risk list as one sheet: a row per case, its place in the loop, the rules that fired and why. */
export function riskSheet(
  cases: ReadonlyArray<RiskCaseView & { lastEvent: CaseEventRow | null }>,
  total: number,
  lang: ExportLang,
  names: RiskSheetNames,
): SheetSpec {
  const w = WORDS[lang];
  const rows = cases.map((c): Record<string, CellValue> => {
    const f = c.findings as FirmInputFindings & NodeImportFindings;
    const fired = f.rules
      .filter((r) => r.fired)
      .map(
        (r) =>
          `${w.ruleNames[r.rule] ?? r.rule} ${ruleValue(r.rule, r.value)} ${r.comparison} ${ruleValue(r.rule, r.threshold)}`,
      )
      .join('; ');
    const e = c.lastEvent;
    return {
      id: c.id,
      kind: w.kinds[c.kind],
      firm: c.firmName,
      city: c.cityCode ? names.region(c.cityCode) : null,
      county: c.countyCode ? names.region(c.countyCode) : null,
      chain: names.chain(c.chainId),
      node: lang === 'zh' ? c.nodeNameZh : c.nodeNameEn,
      severity: w.severities[c.severity],
      level: w.levels[c.level],
      status: w.statuses[c.status],
      detected: beijing(c.detectedAt),
      due: beijing(c.dueAt),
      overdue: c.overdue ? w.yes : w.no,
      holds: c.conditionHolds ? w.yes : w.no,
      rules: fired,
      total: c.kind === 'firm_input' ? f.totalYuan / 1e8 : null,
      largest: c.kind === 'firm_input' ? f.largestShare : null,
      foreign: c.kind === 'firm_input' ? f.foreignShare : null,
      backup: c.kind === 'firm_input' ? w.backups[f.backupStatus] : null,
      // A firm's own export never holds an internal note (exportRiskCases leaves them out); an office's
      // says which are, since the file may travel further than the page.
      last: e
        ? `${beijing(e.at)} ${e.actorName} ${w.events[e.kind] ?? e.kind}${e.internal ? w.internal : ''}${e.note ? `：${e.note}` : ''}`
        : null,
    };
  });
  return {
    name: w.sheet,
    columns: [
      { header: w.id, key: 'id', format: 'count', width: 8 },
      { header: w.kind, key: 'kind', format: 'text', width: 14 },
      { header: w.firm, key: 'firm', format: 'text', width: 28 },
      { header: w.city, key: 'city', format: 'text', width: 10 },
      { header: w.county, key: 'county', format: 'text', width: 12 },
      { header: w.chain, key: 'chain', format: 'text', width: 18 },
      { header: w.node, key: 'node', format: 'text', width: 22 },
      { header: w.severity, key: 'severity', format: 'text', width: 8 },
      { header: w.level, key: 'level', format: 'text', width: 8 },
      { header: w.status, key: 'status', format: 'text', width: 12 },
      { header: w.detected, key: 'detected', format: 'text', width: 17 },
      { header: w.due, key: 'due', format: 'text', width: 17 },
      { header: w.overdue, key: 'overdue', format: 'text', width: 6 },
      { header: w.holds, key: 'holds', format: 'text', width: 8 },
      { header: w.rules, key: 'rules', format: 'text', width: 60 },
      { header: w.total, key: 'total', format: 'yi' },
      { header: w.largest, key: 'largest', format: 'percent' },
      { header: w.foreign, key: 'foreign', format: 'percent' },
      { header: w.backup, key: 'backup', format: 'text', width: 16 },
      { header: w.last, key: 'last', format: 'text', width: 50 },
    ],
    rows,
    notes: [w.note, ...(cases.length < total ? [w.truncated(cases.length, total)] : [])],
  };
}

export const riskSheetTitle = (lang: ExportLang) =>
  lang === 'zh' ? '断供风险清单' : 'Supply-disruption risk list';
