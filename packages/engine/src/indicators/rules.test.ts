import { describe, expect, it } from 'vitest';
import { restrictedOriginExposure } from './restricted.js';
import { compare } from './rules.js';

describe('comparisons against a threshold', () => {
  it('any positive value exceeds a threshold of 0, however small', () => {
    expect(compare(1e-13, '>', 0)).toBe(true);
    expect(compare(Number.MIN_VALUE, '>', 0)).toBe(true);
    expect(compare(0, '>', 0)).toBe(false);
    expect(compare(0, '>=', 0)).toBe(true);
    expect(compare(-Number.MIN_VALUE, '<', 0)).toBe(true);
  });

  it('a rounding away from a nonzero threshold still counts as meeting it', () => {
    expect(compare(0.1 + 0.7, '>=', 0.8)).toBe(true);
    expect(compare(0.8 + 1e-16, '>', 0.8)).toBe(false);
    // The tolerance is relative: a tiny nonzero threshold is not swallowed by an absolute 1e-12.
    expect(compare(5e-13, '>', 1e-15)).toBe(true);
  });

  it('a restricted share below 1e-12 fires "> 0"', () => {
    const r = restrictedOriginExposure(
      [
        { supplier: 'kr', value: 1, foreign: true, country: 'KR', hs: '854231' },
        { supplier: 'd', value: 1e13 },
      ],
      [{ country: 'KR', hs: '854231' }],
    );
    expect(r.share).toBeGreaterThan(0);
    expect(r.share).toBeLessThan(1e-12);
    expect(r.rule.fired).toBe(true);
  });
});
