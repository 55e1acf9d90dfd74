import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { RiskFilters } from '../../api/risks.js';
import { riskViewOf, withFilters, withParam } from './risk-url.js';

/**
 * The risk list's filters, page and open case, read from and written to the address. Filters and pages
 * are history entries (the back button undoes them); opening and closing a case is too, so that "back"
 * closes the drawer as a reader expects.
 */
export function useRiskView() {
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => riskViewOf(params), [params]);
  const setFilters = useCallback(
    (filters: RiskFilters) => setParams((current) => withFilters(current, filters)),
    [setParams],
  );
  const setPage = useCallback(
    (page: number, pageSize: number) =>
      setParams((current) =>
        withParam(withParam(current, 'page', page > 1 ? page : undefined), 'size', pageSize),
      ),
    [setParams],
  );
  const openCase = useCallback(
    (caseId: number | null) => setParams((current) => withParam(current, 'case', caseId ?? undefined)),
    [setParams],
  );
  /** The address of the list with a case open, for links (a keyboard user reaches the case by Tab). */
  const caseHref = useCallback((caseId: number) => `?${withParam(params, 'case', caseId)}`, [params]);
  return { view, setFilters, setPage, openCase, caseHref };
}
