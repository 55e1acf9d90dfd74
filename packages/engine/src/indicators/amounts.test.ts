import { describe, expect, it } from 'vitest';
import { foreignShare, largestSupplierShare } from './firm.js';
import { hhi, importConcentration, importDependence } from './product.js';

describe('amounts: huge, negative and non-finite values', () => {
  it('HHI does not overflow: it depends on the shares only', () => {
    expect(hhi([1e308, 1e308])).toBe(0.5);
    expect(hhi([1e308, 1e308, 1e308, 1e308])).toBe(0.25);
    expect(hhi([Number.MAX_VALUE])).toBe(1);
    // shares 0.5, 0.3, 0.2 at any scale
    expect(hhi([5e307, 3e307, 2e307])).toBeCloseTo(0.38, 15);
    expect(hhi([5e-322, 3e-322, 2e-322])).toBeCloseTo(0.38, 2); // subnormals keep few digits
  });

  it('negative and non-finite amounts are errors in English and Chinese', () => {
    expect(() => hhi([1, -1])).toThrow(/value must be a finite number ≥ 0, got -1 \/ .*实为 -1/);
    expect(() => hhi([1, Number.NaN])).toThrow(/got NaN/);
    expect(() => hhi([Number.POSITIVE_INFINITY])).toThrow(/got Infinity/);
    expect(() => importConcentration([{ origin: 'KR', value: -5 }])).toThrow(/imports from KR .*≥ 0/);
    expect(() => largestSupplierShare([{ supplier: 's1', value: Number.NaN }])).toThrow(
      /purchase from s1 must be a finite number ≥ 0, got NaN/,
    );
  });

  it('a total too large to add up is an error, not a share of 0', () => {
    const huge = [
      { origin: 'KR', value: 1e308 },
      { origin: 'JP', value: 1e308 },
    ];
    expect(() => importConcentration(huge)).toThrow(/imports add up to more than .* larger unit \/ /);
    const bought = [
      { supplier: 'a', value: 1e308, foreign: true },
      { supplier: 'b', value: 1e308 },
    ];
    expect(() => largestSupplierShare(bought)).toThrow(/larger unit/);
    expect(() => foreignShare(bought)).toThrow(/larger unit/);
  });

  it('import dependence of huge amounts', () => {
    expect(importDependence(1e308, 1e308).value).toBe(0.5);
    expect(importDependence(1.5e308, 5e307).value).toBeCloseTo(0.75, 15);
  });
});
