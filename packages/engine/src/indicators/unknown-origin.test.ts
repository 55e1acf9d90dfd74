import { describe, expect, it } from 'vitest';
import type { Purchase } from './firm.js';
import { mayMatchUnknownOrigin, type RestrictedEntry, restrictedOriginExposure } from './restricted.js';

const list: RestrictedEntry[] = [
  { country: 'KP', hs: '', source: 'embargo' },
  { country: 'kr', hs: '8542.31', source: 'user list' },
  { country: 'US', hs: '2805' },
];

/** 10 bought as given, 90 at home. */
const exposure = (buy: Omit<Purchase, 'value'>, entries: readonly RestrictedEntry[] = list) =>
  restrictedOriginExposure(
    [
      { ...buy, value: 10 },
      { supplier: 'home', value: 90 },
    ],
    entries,
  );

describe('foreign purchases whose country is unknown', () => {
  it('are unclear, not exposed, when an entry may match their HS code, and the inputs name the entries', () => {
    for (const country of [undefined, '', '  ']) {
      const r = exposure({ supplier: 'x1', foreign: true, country, hs: '854231' });
      expect(r.share).toBe(0);
      expect(r.rule.fired).toBe(false);
      expect(r.unclear.share).toBe(0.1);
      expect(r.unclear.rule).toMatchObject({
        rule: 'restricted_origin_unclear',
        fired: true,
        inputs: {
          amount: 10,
          matches: 1,
          countryUnknown: 1,
          matched:
            '(country unknown) 854231, may be KP (whole country) (embargo) or KR 8542.31 (user list): 10',
        },
      });
      expect(r.unclear.matches[0]!.candidates.map((e) => e.country)).toEqual(['KP', 'kr']);
    }
  });

  it('a coarser code may hide a listed one; without a code every entry may match', () => {
    const coarse = exposure({ supplier: 'x1', foreign: true, hs: '8542' }, list.slice(1));
    expect(coarse.unclear.rule.inputs.matched).toBe(
      '(country unknown) 8542, may be KR 8542.31 (user list): 10',
    );
    for (const hs of [undefined, '', 'n/a']) {
      const r = exposure({ supplier: 'x1', foreign: true, hs });
      expect(r.unclear.amount).toBe(10);
      expect(r.unclear.rule.inputs.matched).toBe(
        '(country unknown) (no HS code), may be KP (whole country) (embargo) or KR 8542.31 (user list) or US 2805: 10',
      );
    }
    expect(mayMatchUnknownOrigin('280530', list).map((e) => e.country)).toEqual(['KP', 'US']);
    expect(mayMatchUnknownOrigin('n/a', list)).toHaveLength(3);
  });

  it('are passed when no entry could match their HS code, and with an empty list', () => {
    const r = exposure({ supplier: 'x1', foreign: true, hs: '7202' }, list.slice(1));
    expect(r.unclear.amount).toBe(0);
    expect(r.unclear.rule.fired).toBe(false);
    expect(exposure({ supplier: 'x1', foreign: true }, []).unclear.amount).toBe(0);
    expect(mayMatchUnknownOrigin('7202', list.slice(1))).toEqual([]);
  });

  it('a domestic purchase without a country stays unscreened', () => {
    for (const foreign of [false, undefined]) {
      const r = exposure({ supplier: 'd1', foreign });
      expect(r.share).toBe(0);
      expect(r.unclear.amount).toBe(0);
    }
  });

  it('are listed with the coarsely coded purchases of known countries, in purchase order', () => {
    const r = restrictedOriginExposure(
      [
        { supplier: 'kr1', value: 20, foreign: true, country: 'KR', hs: '8542' },
        { supplier: 'x1', value: 5, foreign: true, hs: '280530' },
        { supplier: 'kp1', value: 15, foreign: true, country: 'KP', hs: '7202' },
        { supplier: 'home', value: 60 },
      ],
      list,
    );
    expect(r.share).toBe(0.15);
    expect(r.unclear.share).toBe(0.25);
    expect(r.unclear.rule.inputs).toMatchObject({
      matches: 2,
      countryUnknown: 1,
      matched:
        'KR 8542 (user list): 20; (country unknown) 280530, may be KP (whole country) (embargo) or US 2805: 5',
    });
  });
});
