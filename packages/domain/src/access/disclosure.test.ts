import { describe, expect, it } from 'vitest';
import { scopeCoversCell, secondCellToHide } from './disclosure.js';
import { EMPTY_SCOPE } from './scope.js';

describe('disclosure control', () => {
  const cell = (firms: number, value: number, covered = false, hidden = false) => ({
    firms,
    value,
    covered,
    hidden,
  });

  it('hides next the smallest cell with a value that the caller does not see anyway', () => {
    // A 1-firm county hidden; the others: 5 firms worth 40, 8 firms worth 10, none.
    expect(secondCellToHide([cell(1, 7, false, true), cell(5, 40), cell(8, 10), cell(0, 0)])).toBe(2);
    // The smallest is covered (the caller sees it): the next smallest.
    expect(secondCellToHide([cell(1, 7, false, true), cell(5, 4, true), cell(6, 30), cell(9, 90)])).toBe(2);
    // Nothing left to hide: the group's total must go.
    expect(secondCellToHide([cell(1, 7, false, true), cell(5, 40, true), cell(0, 0)])).toBe(-1);
  });

  it('knows which cells a scope covers', () => {
    const city = { ...EMPTY_SCOPE, cityCodes: ['330100'] };
    expect(scopeCoversCell(city, { regionCode: '330106', cityCode: '330100' })).toBe(true);
    expect(scopeCoversCell(city, { regionCode: '330212', cityCode: '330200' })).toBe(false);
    expect(scopeCoversCell({ ...EMPTY_SCOPE, chainIds: ['ic'] }, { chainId: 'ic' })).toBe(true);
    expect(scopeCoversCell({ ...EMPTY_SCOPE, all: true }, {})).toBe(true);
    expect(scopeCoversCell({ ...EMPTY_SCOPE, firmIds: [1] }, { regionCode: '330106' })).toBe(false);
  });
});
