import {
  CASE_DEADLINE_DAYS,
  CN_HOLIDAY_SCHEDULES,
  type CaseLevel,
  RISK_LIST_RULES,
} from '@chainbrain/domain';
import { FIRM_DEFAULTS, PRODUCT_DEFAULTS } from '@chainbrain/engine';

/**
 * The rules the list is made and handled by, as the code applies them, so that a page can state them
 * without a copy that could drift: which firms and inputs are watched, the thresholds that fire, and
 * each level's deadlines (ADR 0021).
 */
export type RiskListRulesView = {
  firms: { sizeClasses: string[]; keyTags: string[]; minEssentiality: number };
  firmInput: { singleSource: number; foreignShare: number; maxSwitchWeeks: number };
  /** A critical input bought from a restricted origin (ADR 0024): above minShare, high from highShare. */
  restrictedOrigin: { minShare: number; highShare: number };
  nodeImport: { hhi: number; dependence: number; importExport: number; k: number; n: number };
  /**
   * Days per step; responding and confirming count working days (the State Council's holiday
   * schedules of `scheduleYears`; other years only weekends and the holidays fixed by date).
   */
  deadlines: {
    respond: Record<CaseLevel, number>;
    resolve: number;
    confirm: number;
    scheduleYears: number[];
  };
};

export function riskListRules(): RiskListRulesView {
  return {
    firms: {
      sizeClasses: [...RISK_LIST_RULES.sizeClasses],
      keyTags: [...RISK_LIST_RULES.keyTags],
      minEssentiality: RISK_LIST_RULES.minEssentiality,
    },
    firmInput: {
      singleSource: FIRM_DEFAULTS.singleSourceThreshold,
      foreignShare: FIRM_DEFAULTS.foreignShareThreshold,
      maxSwitchWeeks: FIRM_DEFAULTS.maxSwitchWeeks,
    },
    restrictedOrigin: { ...RISK_LIST_RULES.restrictedOrigin },
    nodeImport: {
      hhi: PRODUCT_DEFAULTS.hhiThreshold,
      dependence: PRODUCT_DEFAULTS.dependenceThreshold,
      importExport: PRODUCT_DEFAULTS.importExportThreshold,
      k: PRODUCT_DEFAULTS.persistenceK,
      n: PRODUCT_DEFAULTS.persistenceN,
    },
    deadlines: {
      respond: { ...CASE_DEADLINE_DAYS.respond },
      resolve: CASE_DEADLINE_DAYS.resolve,
      confirm: CASE_DEADLINE_DAYS.confirm,
      scheduleYears: Object.keys(CN_HOLIDAY_SCHEDULES).map(Number),
    },
  };
}
