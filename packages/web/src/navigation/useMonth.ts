import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { PLAN_ID, usePlan } from '../api/plans.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * The statistics month of the overview, chain and region pages, kept in the address (?month=YYYY-MM) so
 * that it survives going from one page to another and a reload, and a link shows the same figures; the
 * overview kept it in its own state and the other pages always showed the latest month. Without a month,
 * or with one outside the months with data, it is the latest month.
 */
export function useMonth() {
  const plan = usePlan(PLAN_ID);
  const [params, setParams] = useSearchParams();
  const asked = params.get('month');
  const first = plan.data?.first_month ?? null;
  const latest = plan.data?.latest_month ?? null;
  const valid =
    asked !== null && MONTH.test(asked) && (!first || asked >= first) && (!latest || asked <= latest);
  const month = valid ? asked : latest;
  const setMonth = useCallback(
    (next: string) =>
      setParams(
        (current) => {
          const updated = new URLSearchParams(current);
          updated.set('month', next);
          return updated;
        },
        { replace: false },
      ),
    [setParams],
  );
  return { month, first, latest, setMonth, plan };
}

/** A path with the month the reader chose, if any: links between the dashboards keep it. */
export function withMonth(path: string, search: string): string {
  const month = new URLSearchParams(search).get('month');
  if (!month || !MONTH.test(month)) return path;
  return `${path}${path.includes('?') ? '&' : '?'}month=${month}`;
}
