import { describe, expect, it } from 'vitest';
import type { Purchase } from './firm.js';
import { coarselyCoded, isRestricted, restrictedOriginExposure } from './restricted.js';

const list = [
  { country: 'KP', hs: '', source: 'embargo' },
  { country: 'KR', hs: '854231' },
];

/** 10 bought from abroad as given, 90 at home. */
const exposure = (foreignBuy: Omit<Purchase, 'value' | 'foreign'>) =>
  restrictedOriginExposure(
    [
      { ...foreignBuy, value: 10, foreign: true },
      { supplier: 'home', value: 90 },
    ],
    list,
  );

describe('purchases without an HS code', () => {
  it('a country-wide entry covers them: every product of the country, coded or not', () => {
    for (const hs of [undefined, '', 'n/a']) {
      const r = exposure({ supplier: 'kp1', country: 'KP', hs });
      expect(r.share).toBe(0.1);
      expect(r.rule).toMatchObject({
        fired: true,
        inputs: { matches: 1, matched: 'KP (no HS code) (embargo): 10' },
      });
      expect(r.unclear.amount).toBe(0);
    }
    expect(isRestricted('KP', '', list)?.source).toBe('embargo');
  });

  it('against product entries only, they are unclear, as a coarse code is', () => {
    for (const hs of [undefined, '', 'n/a']) {
      const r = exposure({ supplier: 'kr1', country: 'KR', hs });
      expect(r.share).toBe(0);
      expect(r.unclear.share).toBe(0.1);
      expect(r.unclear.rule).toMatchObject({
        fired: true,
        inputs: { matches: 1, matched: 'KR (no HS code): 10' },
      });
    }
    expect(coarselyCoded('KR', '', list).map((e) => e.hs)).toEqual(['854231']);
  });

  it('from an unlisted country they are neither', () => {
    const r = exposure({ supplier: 'jp1', country: 'JP' });
    expect(r.share).toBe(0);
    expect(r.unclear.share).toBe(0);
  });
});
