import type { Grant } from './roles.js';

/**
 * Which firm-level rows a caller may see: the union of its grants. Repositories turn it into a SQL
 * condition, so out-of-scope rows are never read.
 */
export type FirmScope = {
  /** Province-wide roles see every firm. */
  all: boolean;
  cityCodes: string[];
  countyCodes: string[];
  chainIds: string[];
  firmIds: number[];
};

export const EMPTY_SCOPE: FirmScope = {
  all: false,
  cityCodes: [],
  countyCodes: [],
  chainIds: [],
  firmIds: [],
};

export function firmScopeOf(grants: readonly Grant[]): FirmScope {
  const scope: FirmScope = { all: false, cityCodes: [], countyCodes: [], chainIds: [], firmIds: [] };
  for (const grant of grants) {
    switch (grant.role) {
      case 'province_admin':
      case 'province_analyst':
        scope.all = true;
        break;
      case 'chain_leader':
        if (grant.chainId) scope.chainIds.push(grant.chainId);
        break;
      case 'city':
        if (grant.regionCode) scope.cityCodes.push(grant.regionCode);
        break;
      case 'county':
        if (grant.regionCode) scope.countyCodes.push(grant.regionCode);
        break;
      case 'firm':
        if (grant.firmId !== null) scope.firmIds.push(grant.firmId);
        break;
      case 'viewer':
        break;
    }
  }
  return scope;
}

export function isEmptyScope(scope: FirmScope): boolean {
  return (
    !scope.all &&
    scope.cityCodes.length === 0 &&
    scope.countyCodes.length === 0 &&
    scope.chainIds.length === 0 &&
    scope.firmIds.length === 0
  );
}
