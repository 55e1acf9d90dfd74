import { useCallback } from 'react';
import { useLocation } from 'react-router';
import { withMonth } from './useMonth.js';

/** Builds links that carry the current page's ?month= to the next page. */
export function useMonthLink(): (path: string) => string {
  const { search } = useLocation();
  return useCallback((path: string) => withMonth(path, search), [search]);
}
