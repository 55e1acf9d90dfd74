import { useCallback, useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { PLAN_ID, usePlan } from '../api/plans.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const REMEMBERED = 'chainbrain.month';

/**
 * The statistics month of the overview, chain and region pages, kept in the address (?month=YYYY-MM) so
 * that it survives going from one page to another and a reload, and a link shows the same figures; the
 * overview kept it in its own state and the other pages always showed the latest month. Without a month,
 * or with one outside the months with data, it is the latest month.
 */
export function useMonth() {
  const plan = usePlan(PLAN_ID);
  const [params, setParams] = useSearchParams();
  // The address's month, else the one this tab last chose (links carry the same fallback).
  const inAddress = params.get('month');
  const asked = inAddress ?? sessionStorage.getItem(REMEMBERED);
  const first = plan.data?.first_month ?? null;
  const latest = plan.data?.latest_month ?? null;
  // Judged only once the plan says which months have data: before, an out-of-range month was asked for
  // and answered with an error.
  const known = plan.data !== undefined;
  const valid =
    known &&
    asked !== null &&
    MONTH.test(asked) &&
    (!first || asked >= first) &&
    (!latest || asked <= latest);
  const month = known ? (valid ? asked : latest) : null;
  // Remembered for the tab, so that a detour through a page without months (tokens, users) keeps it.
  useEffect(() => {
    if (valid && asked) sessionStorage.setItem(REMEMBERED, asked);
  }, [valid, asked]);
  // A month the data does not have leaves the address, so that links do not carry it on.
  useEffect(() => {
    if (known && asked !== null && !valid) {
      sessionStorage.removeItem(REMEMBERED);
      if (inAddress === null) return;
      setParams(
        (current) => {
          const updated = new URLSearchParams(current);
          updated.delete('month');
          return updated;
        },
        { replace: true },
      );
    }
  }, [known, asked, valid, inAddress, setParams]);
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

/**
 * A path with the month the reader chose, if any (in the address, else the one remembered for the tab):
 * links between the dashboards keep it.
 */
export function withMonth(path: string, search: string): string {
  const month = new URLSearchParams(search).get('month') ?? sessionStorage.getItem(REMEMBERED);
  if (!month || !MONTH.test(month)) return path;
  return `${path}${path.includes('?') ? '&' : '?'}month=${month}`;
}
