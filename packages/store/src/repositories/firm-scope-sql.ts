import type { FirmScope } from '@chainbrain/domain';

/**
 * The SQL condition that keeps only firms inside the caller's scope. Parameters are appended to `params`.
 * An empty scope yields `false`: the query returns nothing rather than everything.
 */
export function firmScopeCondition(scope: FirmScope, firmAlias: string, params: unknown[]): string {
  if (scope.all) return 'true';
  const parts: string[] = [];
  const add = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (scope.cityCodes.length > 0) parts.push(`${firmAlias}.city_code = any(${add(scope.cityCodes)}::text[])`);
  if (scope.countyCodes.length > 0)
    parts.push(`${firmAlias}.county_code = any(${add(scope.countyCodes)}::text[])`);
  if (scope.firmIds.length > 0) parts.push(`${firmAlias}.id = any(${add(scope.firmIds)}::int[])`);
  if (scope.chainIds.length > 0) {
    // A chain leader sees the chain's firms: primary chain, or listed under one of its nodes.
    const chains = add(scope.chainIds);
    parts.push(
      `(${firmAlias}.primary_chain_id = any(${chains}::text[]) or exists (select 1 from firm_nodes fn_s
         join chain_nodes cn_s on cn_s.plan_id = fn_s.plan_id and cn_s.id = fn_s.node_id
         where fn_s.firm_id = ${firmAlias}.id and cn_s.chain_id = any(${chains}::text[])))`,
    );
  }
  return parts.length > 0 ? `(${parts.join(' or ')})` : 'false';
}
