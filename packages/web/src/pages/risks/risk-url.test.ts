import { describe, expect, it } from 'vitest';
import { hasFilters, riskViewOf, withFilters, withParam } from './risk-url.js';

const view = (search: string) => riskViewOf(new URLSearchParams(search));

describe('riskViewOf', () => {
  it('reads every filter, the page and the open case', () => {
    expect(
      view(
        'status=open,responding&level=county&kind=firm_input&severity=high&chain=biomedicine&region=330106&overdue=true&cleared=false&q=%20晶圆%20&page=3&size=50&case=17',
      ),
    ).toEqual({
      filters: {
        status: ['open', 'responding'],
        level: 'county',
        kind: 'firm_input',
        severity: 'high',
        chain: 'biomedicine',
        region: '330106',
        overdue: true,
        cleared: false,
        q: '晶圆',
      },
      page: 3,
      pageSize: 50,
      caseId: 17,
    });
  });

  it('drops what the API would refuse, and defaults the page', () => {
    expect(view('status=open,lost,open&level=town&region=33&overdue=yes&page=0&size=33&case=x')).toEqual({
      filters: { status: ['open'] },
      page: 1,
      pageSize: 20,
      caseId: null,
    });
    expect(view('')).toEqual({ filters: {}, page: 1, pageSize: 20, caseId: null });
  });
});

describe('withFilters', () => {
  it('replaces the filters, goes back to page 1, and keeps the size and the open case', () => {
    const next = withFilters(new URLSearchParams('status=open&level=city&page=4&size=50&case=9'), {
      severity: 'high',
      status: ['open', 'resolved'],
      overdue: false,
    });
    expect(Object.fromEntries(next)).toEqual({
      size: '50',
      case: '9',
      status: 'open,resolved',
      severity: 'high',
      overdue: 'false',
    });
  });

  it('round-trips through riskViewOf', () => {
    const filters = { status: ['closed' as const], region: '330100', q: 'EDA', cleared: true };
    expect(riskViewOf(withFilters(new URLSearchParams(), filters)).filters).toEqual(filters);
  });
});

describe('withParam and hasFilters', () => {
  it('sets and removes one value', () => {
    expect(withParam(new URLSearchParams('a=1'), 'case', 5).toString()).toBe('a=1&case=5');
    expect(withParam(new URLSearchParams('a=1&case=5'), 'case', undefined).toString()).toBe('a=1');
  });

  it('says whether any filter is set', () => {
    expect(hasFilters({})).toBe(false);
    expect(hasFilters({ overdue: false })).toBe(true);
  });
});
