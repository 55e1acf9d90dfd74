import { describe, expect, it } from 'vitest';
import { backupStatus, foreignShare, type Purchase } from './firm.js';
import { isRestricted, restrictedOriginExposure } from './restricted.js';
import { importConcentration } from './product.js';

// biome-ignore lint/suspicious/noExplicitAny: values a file or form would bring in, outside the types
const unchecked = (v: unknown) => v as any;

describe('country codes: trimmed, upper case, two letters, everywhere', () => {
  it('import origins are normalised before they are counted', () => {
    const r = importConcentration([
      { origin: 'KR', value: 50 },
      { origin: 'kr ', value: 50 },
    ]);
    expect(r.shares).toEqual([{ origin: 'KR', value: 1 }]);
    expect(r.hhi).toBe(1);
    expect(r.topOrigin).toBe('KR');
  });

  it('an empty or malformed origin is an error naming it', () => {
    expect(() => importConcentration([{ origin: '', value: 1 }])).toThrow(
      /import origin must be an ISO 3166 alpha-2 code.*got "" \/ /,
    );
    expect(() => importConcentration([{ origin: ' ', value: 1 }])).toThrow(/alpha-2/);
    expect(() => importConcentration([{ origin: 'KOR', value: 1 }])).toThrow(/got "KOR"/);
    expect(() => importConcentration([{ origin: unchecked(undefined), value: 1 }])).toThrow(/alpha-2/);
  });

  it('purchase countries are compared and reported the same way', () => {
    const bought: Purchase[] = [
      { supplier: 'k', value: 10, foreign: true, country: ' kr', hs: '854231' },
      { supplier: 'd', value: 90 },
    ];
    const r = restrictedOriginExposure(bought, [{ country: 'KR', hs: '854231' }]);
    expect(r.rule.inputs).toMatchObject({ country: 'KR', matched: 'KR 854231: 10' });
    expect(() =>
      restrictedOriginExposure(
        [{ supplier: 'k', value: 1, foreign: true, country: 'Korea', hs: '854231' }],
        [{ country: 'KR', hs: '854231' }],
      ),
    ).toThrow(/purchase from k: country must be an ISO 3166 alpha-2 code.*got "Korea"/);
    expect(() =>
      restrictedOriginExposure(
        [{ supplier: 'k', value: 1, foreign: true, country: unchecked(410), hs: '854231' }],
        [{ country: 'KR', hs: '854231' }],
      ),
    ).toThrow(/purchase from k: country must be an ISO 3166 alpha-2 code.*got 410/);
  });
});

describe('the restriction list: HS codes of 2 to 10 digits, or none for the whole country', () => {
  it('accepts digit codes with dots or spaces, and empty or absent for a whole country', () => {
    const bought: Purchase[] = [
      { supplier: 'a', value: 1, foreign: true, country: 'US', hs: '854231' },
      { supplier: 'b', value: 1, foreign: true, country: 'KP', hs: '2805' },
      { supplier: 'c', value: 1, foreign: true, country: 'IR', hs: '7202' },
      { supplier: 'd', value: 1, foreign: true, country: 'JP', hs: '3818000000' },
    ];
    const r = restrictedOriginExposure(bought, [
      { country: 'US', hs: '8542.31' },
      { country: 'KP', hs: '' },
      { country: 'IR' },
      { country: 'JP', hs: '3818 00 00 00' },
    ]);
    expect(r.matches.map((m) => m.supplier)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('rejects anything else, naming the entry', () => {
    const bought: Purchase[] = [{ supplier: 'a', value: 1, foreign: true, country: 'US', hs: '300110' }];
    for (const hs of ['ECCN 3A001', '*', '85423', '8542-31', 'n/a', '.8542', '85423100000']) {
      expect(() => restrictedOriginExposure(bought, [{ country: 'US', hs, source: 'CCL' }])).toThrow(
        new RegExp(
          `restriction list entry 1 \\("US", ${JSON.stringify(hs).replace(/[.*]/g, '\\$&')}, CCL\\): HS code must be 2, 4, 6, 8 or 10 digits.* / `,
        ),
      );
    }
    expect(() => isRestricted('US', '3001', [{ country: 'US', hs: 'ECCN 3A001' }])).toThrow(/ECCN/);
    expect(() => restrictedOriginExposure(bought, [{ country: '', hs: '2805' }])).toThrow(
      /restriction list entry .*country must be an ISO 3166 alpha-2 code/,
    );
    expect(() => restrictedOriginExposure(bought, [{ country: 'USA', hs: '2805' }])).toThrow(/got "USA"/);
  });
});

describe('enumerated inputs', () => {
  it('backup standard and qualification must be known values', () => {
    expect(() =>
      backupStatus([{ id: 'a', standard: unchecked('SAME'), qualification: 'qualified', switchWeeks: 1 }]),
    ).toThrow(/backup a: standard must be one of same, lower, got "SAME" \/ /);
    expect(() =>
      backupStatus([{ id: 'a', standard: 'same', qualification: unchecked('yes'), switchWeeks: 1 }]),
    ).toThrow(/qualification must be one of qualified, in_progress, none/);
  });

  it('foreign must be true, false or absent', () => {
    expect(() => foreignShare([{ supplier: 'a', value: 1, foreign: unchecked('false') }])).toThrow(
      /purchase from a: foreign must be true or false/,
    );
  });
});

describe('a purchase of unknown origin', () => {
  it('absent or blank country is unknown, not an error', () => {
    const r = restrictedOriginExposure(
      [
        { supplier: 'x', value: 1, foreign: true, country: '  ', hs: '854231' },
        { supplier: 'y', value: 1, foreign: true, hs: '854231' },
      ],
      [{ country: 'KR', hs: '854231' }],
    );
    expect(r.share).toBe(0);
  });
});
