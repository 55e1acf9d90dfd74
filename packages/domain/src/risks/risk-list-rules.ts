/**
 * Which findings enter the province's supply-disruption risk list (断供风险清单, ADR 0021).
 *
 * The firm page flags every essential input (rated 1 or 2) bought from one dominant source or mostly
 * abroad with no ready backup. On the calibrated demo that is 50,212 inputs of 30,000 firms: a list no
 * office can work through. The list keeps the inputs production stops without (rated 2) of the firms
 * the plan itself names (链主, 龙头, 单项冠军, 专精特新) and of large firms (2,928 inputs of 1,958 firms on
 * the demo), and every chain node the import-dependency screen flags. Each case records which of these
 * made it enter the list.
 *
 * A critical input bought at any share from an origin on the restricted-origin list (限制来源清单,
 * ADR 0024: export controls, sanctions, embargoes a province administrator entered) enters the list too,
 * whatever its sources and backups: a listed origin can stop at a stroke, and a backup registered for
 * the input may be of the same origin.
 */
export const RISK_LIST_RULES = {
  /** Inputs rated at least this on the chain map (2: production stops without it). */
  minEssentiality: 2,
  /** Firms carrying any of these tags are listed whatever their size. */
  keyTags: ['链主', '龙头', '单项冠军', '专精特新'] as readonly string[],
  /** Firms of these size classes are listed. */
  sizeClasses: ['large'] as readonly string[],
  /**
   * Restricted origins: a watched firm's critical input enters when its restricted-origin share is above
   * `minShare` (0: any purchase at all). High when at least `highShare` of it is bought from restricted
   * origins (half the input cannot be made up from elsewhere at short notice); medium below that, where
   * the other sources can carry production while the firm looks for more.
   */
  restrictedOrigin: { minShare: 0, highShare: 0.5 },
} as const;

/** Why a firm's inputs are watched by the list: its size class or its key tags; null when they are not. */
export function listedFirmReason(firm: {
  sizeClass: string;
  tags: readonly string[];
}): { sizeClass: string | null; tags: string[] } | null {
  const tags = firm.tags.filter((t) => RISK_LIST_RULES.keyTags.includes(t));
  const large = RISK_LIST_RULES.sizeClasses.includes(firm.sizeClass);
  if (tags.length === 0 && !large) return null;
  return { sizeClass: large ? firm.sizeClass : null, tags };
}

/** Firms whose inputs weigh on the whole chain: the chain's leading firms (链主, 龙头). */
const LEADING_TAGS: readonly string[] = ['链主', '龙头'];

/**
 * How severe a listed firm input is. High: no backup registered at all, and either bought mostly abroad
 * (an export ban or a blockade cuts it, the plan's first concern) or needed by a chain's leading firm (链主,
 * 龙头), whose stop halts its customers too. Medium: the rest of the list (a backup in qualification or
 * a slow switch-over, or a domestic single source of a firm that leads no chain).
 */
export function firmInputSeverity(input: {
  backupStatus: string;
  foreignFired: boolean;
  tags: readonly string[];
}): 'high' | 'medium' {
  if (input.backupStatus !== 'none') return 'medium';
  return input.foreignFired || input.tags.some((t) => LEADING_TAGS.includes(t)) ? 'high' : 'medium';
}

/**
 * How severe a critical input bought from a restricted origin is (RISK_LIST_RULES.restrictedOrigin): high
 * at a restricted share of at least half, medium below. An input the supply rule lists too takes the
 * higher of the two severities (moreSevere).
 */
export function restrictedOriginSeverity(share: number): 'high' | 'medium' {
  return share >= RISK_LIST_RULES.restrictedOrigin.highShare ? 'high' : 'medium';
}

export function moreSevere(a: 'high' | 'medium', b: 'high' | 'medium'): 'high' | 'medium' {
  return a === 'high' || b === 'high' ? 'high' : 'medium';
}
