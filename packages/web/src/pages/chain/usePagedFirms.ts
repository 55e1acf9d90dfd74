import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { type FirmPage, firmsQueryString } from '../../api/chains.js';
import { getJson } from '../../api/client.js';

/**
 * Firms matching `filters`, one server page at a time (GET /api/v1/firms takes page and page_size). The
 * page goes back to the first when the filters change. While the next page of the same list loads, the
 * current one stays (a blank table flickered); another node's list is never shown in its place.
 */
export function usePagedFirms(
  filters: Record<string, string | undefined>,
  pageSize: number,
  enabled: boolean,
) {
  const key = firmsQueryString(filters);
  const [state, setState] = useState({ key, page: 1 });
  const page = state.key === key ? state.page : 1;
  const query = useQuery({
    queryKey: ['firms', key, page, pageSize],
    queryFn: () => getJson<FirmPage>(`/api/v1/firms?${key}&page=${page}&page_size=${pageSize}`),
    enabled,
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[1] === key ? previous : undefined),
  });
  return { query, setPage: (next: number) => setState({ key, page: next }) };
}
