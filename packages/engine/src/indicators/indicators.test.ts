import { describe, expect, it } from 'vitest';
import { backupStatus, foreignShare, largestSupplierShare, type Purchase } from './firm.js';
import {
  hhi,
  importConcentration,
  importDependence,
  importExportRatio,
  persistence,
  productDependencyScreen,
} from './product.js';
import { coarselyCoded, restrictedOriginExposure } from './restricted.js';
import { explain } from './rules.js';

describe('product-level indicators (hand-computed)', () => {
  it('HHI', () => {
    // shares 0.5, 0.3, 0.2 → 0.25 + 0.09 + 0.04 = 0.38
    expect(hhi([50, 30, 20])).toBeCloseTo(0.38, 15);
    expect(hhi([7])).toBe(1);
    expect(hhi([1, 1, 1, 1])).toBe(0.25);
    expect(hhi([])).toBe(0);
    expect(() => hhi([1, -1])).toThrow(/≥ 0/);
  });

  it('import concentration: HHI and top-origin share with the rules that fire', () => {
    // US 60 + US 10 = 70, DE 20, JP 10 → shares .7 .2 .1; HHI = .49 + .04 + .01 = .54
    const r = importConcentration([
      { origin: 'US', value: 60 },
      { origin: 'DE', value: 20 },
      { origin: 'JP', value: 10 },
      { origin: 'US', value: 10 },
    ]);
    expect(r.total).toBe(100);
    expect(r.hhi).toBeCloseTo(0.54, 15);
    expect(r.topOrigin).toBe('US');
    expect(r.topShare).toBeCloseTo(0.7, 15);
    expect(r.rules.map((x) => [x.rule, x.fired, x.threshold])).toEqual([
      ['hhi', true, 0.4],
      ['top_origin_share', true, 0.5],
    ]);
    expect(explain(r.rules[0]!)).toBe('hhi: HHI of imports by origin = 0.5400 > 0.4 (fired)');
    const even = importConcentration([
      { origin: 'AT', value: 1 },
      { origin: 'BE', value: 1 },
      { origin: 'CH', value: 1 },
    ]);
    expect(even.rules.every((x) => !x.fired)).toBe(true);
  });

  it('import dependence = imports / (imports + local production)', () => {
    expect(importDependence(30, 70).value).toBeCloseTo(0.3, 15);
    expect(importDependence(30, 70).rule.fired).toBe(false);
    expect(importDependence(80, 20).value).toBeCloseTo(0.8, 15);
    expect(importDependence(80, 20).rule).toMatchObject({
      fired: true,
      inputs: { imports: 80, localProduction: 20 },
    });
    expect(importDependence(0, 0).value).toBe(0);
  });

  it('imports / exports with 9999 when exports are 0 (CEPII)', () => {
    expect(importExportRatio(50, 20).value).toBe(2.5);
    expect(importExportRatio(50, 0).value).toBe(9999);
    expect(importExportRatio(50, 0).rule.fired).toBe(true);
    expect(importExportRatio(0, 0).value).toBe(0);
    expect(importExportRatio(10, 20).rule.fired).toBe(false);
  });

  it('persistence: k of the last N periods', () => {
    expect(persistence([true, false, true]).flagged).toBe(true);
    expect(persistence([true, false, false]).flagged).toBe(false);
    expect(persistence([true, true, false, false, true]).held).toBe(1); // last 3: F F T
    expect(persistence([true, true, false, false, true], { k: 1, n: 3 }).flagged).toBe(true);
    expect(persistence([true]).of).toBe(1);
    expect(() => persistence([], { k: 4, n: 3 })).toThrow(/k ≤ n/);
  });

  it('product screen: a flag rests on 2 of 3 years', () => {
    const year = (period: string, us: number, local: number, exports: number) => ({
      period,
      importsByOrigin: [
        { origin: 'US', value: us },
        { origin: 'DE', value: 10 },
      ],
      localProduction: local,
      exports,
    });
    // 2022: US 90/DE 10 → HHI .82, dependence 100/(100+20) = .833, ratio 100/0 = 9999 → flagged
    // 2023: local production 500 → dependence 100/600 = .167 → not flagged
    // 2024: US 40/DE 10 → HHI .68, dependence 50/60 = .833, ratio 50/10 = 5 → flagged
    const s = productDependencyScreen([
      year('2022', 90, 20, 0),
      year('2023', 90, 500, 0),
      year('2024', 40, 10, 10),
    ]);
    expect(s.periods.map((p) => p.flagged)).toEqual([true, false, true]);
    expect(s.periods[0]!.hhi).toBeCloseTo(0.82, 15);
    expect(s.periods[0]!.importExportRatio).toBe(9999);
    expect(s.periods[2]!.hhi).toBeCloseTo(0.68, 15);
    expect(s.periods[2]!.importExportRatio).toBe(5);
    expect(s.flagged).toBe(true);
    expect(s.persistence).toMatchObject({ held: 2, of: 3, k: 2 });
    // The flag rests on the criteria (top-origin share is not one) and on persistence, which names
    // the years in which the criteria held.
    expect(s.fired.map((r) => r.rule)).toEqual([
      'hhi',
      'import_dependence',
      'imports_exports',
      'persistence',
    ]);
    expect(s.fired.at(-1)!.inputs).toMatchObject({ window: '2022–2024', heldIn: '2022, 2024' });
    const once = productDependencyScreen([
      year('2022', 90, 20, 0),
      year('2023', 90, 500, 0),
      year('2024', 90, 500, 0),
    ]);
    expect(once.flagged).toBe(false);
    expect(once.fired).toEqual([]);
  });

  it('product screen: the last N periods by the calendar, not by the rows given', () => {
    const period = (label: string, flagged: boolean) => ({
      period: label,
      importsByOrigin: [{ origin: 'US', value: 100 }],
      localProduction: flagged ? 0 : 1000,
      exports: 0,
    });
    // Flagged in 2019 and 2020, not in 2024: the window is 2022–2024, where it held in no year.
    const old = productDependencyScreen([period('2019', true), period('2020', true), period('2024', false)]);
    expect(old.persistence).toMatchObject({ held: 0, of: 3 });
    expect(old.flagged).toBe(false);
    // 2023 missing: held in 2022 and 2024, 2 of 3.
    const gap = productDependencyScreen([period('2022', true), period('2024', true)]);
    expect(gap.flagged).toBe(true);
    expect(gap.persistence.rule.inputs).toMatchObject({ window: '2022–2024', heldIn: '2022, 2024' });
    const quarters = productDependencyScreen([
      period('2024-Q3', true),
      period('2024-Q4', false),
      period('2025-Q1', true),
    ]);
    expect(quarters.persistence.rule.inputs).toMatchObject({ window: '2024-Q3–2025-Q1' });
    expect(quarters.flagged).toBe(true);
    const months = productDependencyScreen([period('2024-11', true), period('2025-02', true)]);
    expect(months.persistence).toMatchObject({ held: 1, of: 3 });
    expect(() => productDependencyScreen([period('2024', true), period('2023', true)])).toThrow(
      /oldest first/,
    );
    expect(() => productDependencyScreen([period('2024', true), period('2024', true)])).toThrow(/twice/);
  });

  it('an option passed as undefined keeps its default; a threshold that is not a number is an error', () => {
    const one = [{ origin: 'AT', value: 1 }];
    expect(importConcentration(one, { hhiThreshold: undefined }).rules[0]).toMatchObject({
      threshold: 0.4,
      fired: true,
    });
    expect(importExportRatio(5, 0, { noExportsRatio: undefined }).value).toBe(9999);
    expect(() => importConcentration(one, { hhiThreshold: Number.NaN })).toThrow(
      /hhiThreshold must be a finite number/,
    );
    expect(() => importDependence(1, 1, { dependenceThreshold: Number.NaN })).toThrow(/finite/);
    expect(() => productDependencyScreen([], { criteria: [] })).toThrow(/at least one rule/);
    expect(importConcentration([{ origin: 'AT', value: 0 }]).rules[1]!.inputs.origin).toBeNull();
  });
});

describe('firm-level indicators (hand-computed)', () => {
  const purchases: Purchase[] = [
    { supplier: 'f1', value: 30 },
    { supplier: 'CN-origin:KR', value: 50, foreign: true, country: 'KR', hs: '854231' },
    { supplier: 'f2', value: 10 },
    { supplier: 'f1', value: 10 },
  ];

  it('largest-supplier share', () => {
    const r = largestSupplierShare(purchases);
    expect(r.total).toBe(100);
    expect(r.supplier).toBe('CN-origin:KR');
    expect(r.share).toBe(0.5);
    expect(r.suppliers).toBe(3);
    expect(r.rule.fired).toBe(false);
    const single = largestSupplierShare([{ supplier: 'f9', value: 12 }]);
    expect(single.share).toBe(1);
    expect(single.rule).toMatchObject({
      rule: 'single_source',
      fired: true,
      threshold: 0.8,
      inputs: { supplier: 'f9' },
    });
    expect(largestSupplierShare([]).share).toBe(0);
  });

  it('foreign share', () => {
    expect(foreignShare(purchases).share).toBe(0.5);
    expect(foreignShare(purchases).rule.fired).toBe(false);
    expect(foreignShare(purchases, { threshold: 0.4 }).rule.fired).toBe(true);
  });

  it('restricted-origin exposure from a country × HS list (prefix match)', () => {
    const list = [
      { country: 'KR', hs: '8542', source: 'user list' },
      { country: 'US', hs: '854231' },
    ];
    const r = restrictedOriginExposure(purchases, list);
    expect(r.share).toBe(0.5);
    expect(r.matches.map((m) => m.entry.hs)).toEqual(['8542']);
    expect(r.rule).toMatchObject({
      fired: true,
      inputs: { country: 'KR', hs: '854231', listSource: 'user list' },
    });
    expect(restrictedOriginExposure(purchases, [{ country: 'KR', hs: '2805' }]).rule.fired).toBe(false);
  });

  it('restricted origins: countries in any case, HS codes by their digits, every match named', () => {
    const bought: Purchase[] = [
      { supplier: 'kr1', value: 10, foreign: true, country: 'KR', hs: '8542.31' },
      { supplier: 'us1', value: 30, foreign: true, country: 'us', hs: '280530' },
      { supplier: 'd1', value: 60 },
    ];
    const r = restrictedOriginExposure(bought, [
      { country: 'kr ', hs: '854231' },
      { country: 'US', hs: '2805', source: 'EU 2021/821' },
    ]);
    expect(r.share).toBeCloseTo(0.4, 15);
    expect(r.rule.inputs).toMatchObject({
      matches: 2,
      matched: 'KR 8542.31: 10; US 280530 (EU 2021/821): 30',
    });
  });

  it('restricted origins: a purchase coded more coarsely than a listed code is unclear, not exposed', () => {
    const bought: Purchase[] = [
      { supplier: 'kr1', value: 20, foreign: true, country: 'KR', hs: '8542' },
      { supplier: 'kr2', value: 5, foreign: true, country: 'KR', hs: '8541' },
      { supplier: 'us1', value: 15, foreign: true, country: 'US', hs: '85' },
      { supplier: 'd1', value: 60, hs: '8542' },
    ];
    const list = [
      { country: 'KR', hs: '854231', source: 'user list' },
      { country: 'KR', hs: '854232' },
      { country: 'US', hs: '2805' },
    ];
    const r = restrictedOriginExposure(bought, list);
    expect(r.share).toBe(0);
    expect(r.rule.fired).toBe(false);
    // 8542 from KR may be 854231 or 854232; 8541 is neither; US 85 is not 2805; the domestic buy is not foreign.
    expect(r.unclear.amount).toBe(20);
    expect(r.unclear.share).toBe(0.2);
    expect(r.unclear.rule).toMatchObject({
      rule: 'restricted_origin_unclear',
      fired: true,
      inputs: { amount: 20, total: 100, matches: 1, matched: 'KR 8542 (user list): 20' },
    });
    expect(coarselyCoded('kr', '85.42', list).map((e) => e.hs)).toEqual(['854231', '854232']);
    // A purchase that an entry covers is exposed, and not also unclear.
    const exact = restrictedOriginExposure(bought, [...list, { country: 'KR', hs: '85' }]);
    expect(exact.restricted).toBe(25);
    expect(exact.unclear.amount).toBe(0);
    expect(exact.unclear.rule.fired).toBe(false);
  });

  it('a share a rounding away from its threshold meets it', () => {
    const r = largestSupplierShare([
      { supplier: 'a', value: 0.1 },
      { supplier: 'a', value: 0.7 },
      { supplier: 'b', value: 0.2 },
    ]);
    expect(r.share).toBeLessThan(0.8); // 0.7999999999999999
    expect(r.rule.fired).toBe(true);
  });

  it('switch-over weeks must be a number ≥ 0; an unknown lead time is marked', () => {
    expect(() =>
      backupStatus([{ id: 'x', standard: 'same', qualification: 'qualified', switchWeeks: -1 }]),
    ).toThrow(/≥ 0/);
    const unknown = backupStatus([{ id: 'x', standard: 'same', qualification: 'qualified' }]);
    expect(unknown.rules[1]).toMatchObject({ fired: false, inputs: { weeksKnown: false } });
  });

  it('backup status', () => {
    expect(backupStatus([]).status).toBe('none');
    expect(backupStatus([]).flagged).toBe(true);
    const b = backupStatus([
      { id: 'b1', standard: 'lower', qualification: 'qualified', switchWeeks: 4 },
      { id: 'b2', standard: 'same', qualification: 'in_progress' },
    ]);
    expect(b.status).toBe('lower_standard_ready');
    expect(b.best?.id).toBe('b1');
    expect(b.flagged).toBe(false);
    const same = backupStatus([
      { id: 'b3', standard: 'same', qualification: 'qualified', switchWeeks: 20 },
      { id: 'b1', standard: 'lower', qualification: 'qualified', switchWeeks: 4 },
    ]);
    expect(same.status).toBe('same_standard_ready');
    expect(same.rules.find((r) => r.rule === 'slow_switch_over')).toMatchObject({
      fired: true,
      value: 20,
      threshold: 12,
    });
    expect(backupStatus([{ id: 'b2', standard: 'same', qualification: 'in_progress' }]).status).toBe(
      'in_qualification',
    );
  });
});
