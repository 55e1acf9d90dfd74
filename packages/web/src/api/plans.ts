import type { OverviewResponse } from '@chainbrain/domain';
import { useQuery } from '@tanstack/react-query';
import { getJson } from './client.js';

export const PLAN_ID = 'zj-chain-2020-2025';

export type PlanDetail = {
  id: string;
  title_zh: string;
  title_en: string;
  start: string;
  end: string;
  latest_month: string | null;
  /** The earliest month with data. */
  first_month: string | null;
  chains: Array<{ id: string; name_zh: string; name_en: string; target_2025: number }>;
};

export function usePlan(planId: string, enabled = true) {
  return useQuery({
    queryKey: ['plan', planId],
    queryFn: () => getJson<PlanDetail>(`/api/v1/plans/${planId}`),
    enabled,
  });
}

export function usePlanOverview(planId: string, month: string | null) {
  return useQuery({
    queryKey: ['overview', planId, month],
    queryFn: () => getJson<OverviewResponse>(`/api/v1/plans/${planId}/overview?month=${month}`),
    enabled: month !== null,
  });
}
