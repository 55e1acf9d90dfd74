import { describe, expect, it } from 'vitest';
import { cellsToSuppress, scopeCoversCell } from './disclosure.js';
import { EMPTY_SCOPE } from './scope.js';

describe('disclosure control', () => {
  const cell = (firms: number, value: number, covered = false) => ({ firms, value, covered });

  it('hides cells of one or two firms, and the smallest other cell when only one would be hidden', () => {
    // Counties of a city: 1 firm (hidden), 5 firms worth 40, 8 firms worth 10 (hidden too), none.
    expect(cellsToSuppress([cell(1, 7), cell(5, 40), cell(8, 10), cell(0, 0)]).hidden).toEqual([
      true,
      false,
      true,
      false,
    ]);
    // Two small cells already hide each other.
    expect(cellsToSuppress([cell(2, 7), cell(1, 3), cell(9, 50)]).hidden).toEqual([true, true, false]);
    expect(cellsToSuppress([cell(3, 7), cell(4, 3)]).hidden).toEqual([false, false]);
  });

  it('shows callers every cell their firm scope covers, and picks the second cell among the others', () => {
    expect(cellsToSuppress([cell(1, 7, true), cell(5, 40)]).hidden).toEqual([false, false]);
    // The smallest other cell is covered (the caller sees it anyway): the next smallest is hidden.
    expect(cellsToSuppress([cell(1, 7), cell(5, 4, true), cell(6, 30), cell(9, 90)]).hidden).toEqual([
      true,
      false,
      true,
      false,
    ]);
  });

  it('hides the total when every other cell is one the caller sees anyway', () => {
    expect(cellsToSuppress([cell(1, 7), cell(5, 40, true)])).toEqual({
      hidden: [true, false],
      totalHidden: true,
    });
    expect(cellsToSuppress([cell(1, 7), cell(0, 0)])).toEqual({ hidden: [true, false], totalHidden: false });
    // A cell hidden already (for another reason) takes part as a hidden one.
    expect(cellsToSuppress([{ ...cell(9, 7), hidden: true }, cell(5, 40), cell(6, 50)]).hidden).toEqual([
      true,
      true,
      false,
    ]);
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
