import { PLAN_ID, usePlan } from '../../api/plans.js';
import { useRegions } from '../../api/reference.js';
import type { RiskCase } from '../../api/risks.js';
import { useI18n } from '../../i18n/i18n.js';

/** Names of regions and chains from the reference data, in the reader's language (codes until loaded). */
export function usePlaceNames() {
  const { t, pick } = useI18n();
  const regions = useRegions();
  const plan = usePlan(PLAN_ID);
  const regionName = (code: string | null) => {
    if (!code) return '';
    const r = regions.data?.find((x) => x.code === code);
    return r ? pick(r.name_zh, r.name_en) : code;
  };
  const chainName = (id: string) => {
    const c = plan.data?.chains.find((x) => x.id === id);
    return c ? pick(c.name_zh, c.name_en) : id;
  };
  /** Where a case is: the firm's city and county, or the whole province for a node. */
  const placeOf = (c: Pick<RiskCase, 'city_code' | 'county_code'>) =>
    c.county_code || c.city_code
      ? [regionName(c.city_code), regionName(c.county_code)].filter(Boolean).join(' ')
      : t('risks.province');
  return { regions, plan, regionName, chainName, placeOf };
}
