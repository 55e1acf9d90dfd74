import { useQuery } from '@tanstack/react-query';
import { getJson } from './client.js';

export type RegionView = {
  code: string;
  level: 'province' | 'city' | 'county';
  parent: string | null;
  name_zh: string;
  name_en: string;
  kind: string;
};

export function useRegions(enabled = true) {
  return useQuery({
    queryKey: ['regions'],
    queryFn: () => getJson<RegionView[]>('/api/v1/regions'),
    staleTime: Infinity,
    enabled,
  });
}
