import { describe, expect, it } from 'vitest';
import { backupStatus, foreignShare, largestSupplierShare } from './firm.js';
import {
  hhi,
  importConcentration,
  importDependence,
  importExportRatio,
  productDependencyScreen,
} from './product.js';
import { restrictedOriginExposure } from './restricted.js';
import { IndicatorError } from './rules.js';

/** Extreme but valid amounts: zero, the least subnormal, tiny, one, huge, the largest double. */
const EXTREMES = [0, 5e-324, 1e-300, 1, 1e308, Number.MAX_VALUE];

/** The paths of every number in the value that is not finite (JSON would carry null for them). */
function nonFinite(value: unknown, path = '$'): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${path} = ${value}`];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => nonFinite(v, `${path}.${k}`));
}

/** The indicator's result has only finite numbers, or the input was refused as too large to add up. */
function finiteOrRefused(run: () => unknown): string[] {
  try {
    return nonFinite(run());
  } catch (e) {
    if (e instanceof IndicatorError && /larger unit/.test(e.message)) return [];
    throw e;
  }
}

describe('imports / exports stays finite', () => {
  it('a ratio over the cap is reported as the cap (9999, as for no exports), and the flag fires', () => {
    for (const [m, x] of [
      [1e300, 1e-10],
      [1, 1e-300],
      [Number.MAX_VALUE, 5e-324],
      [1e5, 1],
    ] as const) {
      const r = importExportRatio(m, x);
      expect(r.value).toBe(9999);
      expect(r.rule).toMatchObject({
        value: 9999,
        fired: true,
        inputs: { imports: m, exports: x, capped: true },
      });
      expect(JSON.stringify(r)).not.toMatch(/null|Infinity|NaN/);
    }
    expect(importExportRatio(50, 0).rule.inputs.capped).toBe(true);
    // At the cap exactly, and under it, the ratio is itself.
    expect(importExportRatio(19998, 2)).toMatchObject({ value: 9999, rule: { inputs: { capped: false } } });
    expect(importExportRatio(1e-300, 1e-300).value).toBe(1);
    expect(importExportRatio(1e308, 1e308).value).toBe(1);
    expect(importExportRatio(5e-324, 1e308)).toMatchObject({ value: 0, rule: { fired: false } });
    expect(importExportRatio(1e300, 1, { noExportsRatio: 1e6 }).value).toBe(1e6);
  });

  it('a cap not above the threshold, or not positive, is an error: no exports would never fire', () => {
    expect(() => importExportRatio(1, 0, { importExportThreshold: 9999 })).toThrow(
      /noExportsRatio \(9999\).* must be positive and above importExportThreshold \(9999\) \/ /,
    );
    expect(() => importExportRatio(1, 1, { noExportsRatio: 0.5 })).toThrow(/above importExportThreshold/);
    expect(() => importExportRatio(0, 1, { noExportsRatio: 0, importExportThreshold: -1 })).toThrow(
      /must be positive/,
    );
    expect(() => productDependencyScreen([], { importExportThreshold: 1e4 })).toThrow(
      /above importExportThreshold/,
    );
    expect(importExportRatio(1e300, 1, { importExportThreshold: 1e4, noExportsRatio: 1e6 }).rule.fired).toBe(
      true,
    );
  });

  it('the product screen reports the capped ratio', () => {
    const s = productDependencyScreen([
      {
        period: '2024',
        importsByOrigin: [{ origin: 'KR', value: 1e300 }],
        localProduction: 0,
        exports: 1e-10,
      },
    ]);
    expect(s.periods[0]!.importExportRatio).toBe(9999);
    expect(nonFinite(s)).toEqual([]);
  });
});

describe('every indicator output is finite for extreme but valid amounts', () => {
  it('product indicators', () => {
    const bad: string[] = [];
    for (const a of EXTREMES) {
      for (const b of EXTREMES) {
        bad.push(...finiteOrRefused(() => hhi([a, b])));
        bad.push(...finiteOrRefused(() => importDependence(a, b)));
        bad.push(...finiteOrRefused(() => importExportRatio(a, b)));
        bad.push(
          ...finiteOrRefused(() =>
            importConcentration([
              { origin: 'KR', value: a },
              { origin: 'JP', value: b },
            ]),
          ),
        );
        bad.push(
          ...finiteOrRefused(() =>
            productDependencyScreen([
              {
                period: '2024',
                importsByOrigin: [{ origin: 'KR', value: a }],
                localProduction: b,
                exports: b,
              },
            ]),
          ),
        );
      }
    }
    expect(bad).toEqual([]);
  });

  it('firm indicators', () => {
    const bad: string[] = [];
    for (const a of EXTREMES) {
      for (const b of EXTREMES) {
        const bought = [
          { supplier: 'k', value: a, foreign: true, country: 'KR', hs: '8542' },
          { supplier: 'x', value: b, foreign: true, hs: '854231' },
          { supplier: 'd', value: b },
        ];
        bad.push(...finiteOrRefused(() => largestSupplierShare(bought)));
        bad.push(...finiteOrRefused(() => foreignShare(bought)));
        bad.push(
          ...finiteOrRefused(() => restrictedOriginExposure(bought, [{ country: 'KR', hs: '854231' }])),
        );
      }
      bad.push(
        ...nonFinite(
          backupStatus([{ id: 'b', standard: 'same', qualification: 'qualified', switchWeeks: a }]),
        ),
      );
    }
    expect(bad).toEqual([]);
  });
});
