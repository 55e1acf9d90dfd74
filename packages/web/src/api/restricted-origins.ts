import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { deleteJson, getJson, postJson } from './client.js';

/** An entry of the restricted-origin list (GET /api/v1/restricted-origins, ADR 0024). */
export type RestrictedOrigin = {
  id: number;
  country: string;
  country_name_zh: string;
  country_name_en: string;
  /** Digits only; '' for every product of the country. */
  hs: string;
  source: string;
  note: string | null;
  added_by: string;
  added_at: string;
};

export type NewRestrictedOrigin = {
  country: string;
  hs?: string | null;
  source: string;
  note?: string | null;
};

const KEY = ['restricted-origins'] as const;

export function useRestrictedOrigins() {
  return useQuery({
    queryKey: KEY,
    queryFn: () => getJson<{ items: RestrictedOrigin[] }>('/api/v1/restricted-origins'),
  });
}

/** Adds an entry; the list is asked again, and the firm pages (their exposure changes with it). */
export function useAddRestrictedOrigin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: NewRestrictedOrigin) =>
      postJson<RestrictedOrigin>('/api/v1/restricted-origins', input),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: KEY }),
        client.invalidateQueries({ queryKey: ['firm-supply'] }),
      ]),
  });
}

export function useRemoveRestrictedOrigin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => deleteJson<void>(`/api/v1/restricted-origins/${id}`),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: KEY }),
        client.invalidateQueries({ queryKey: ['firm-supply'] }),
      ]),
  });
}
