import { describe, expect, it } from 'vitest';
import { productDependencyScreen } from './product.js';

const dependent = (period: string) => ({
  period,
  importsByOrigin: [
    { origin: 'KR', value: 90 },
    { origin: 'JP', value: 10 },
  ],
  localProduction: 10,
  exports: 5,
});

describe('product screen criteria', () => {
  it('a misspelt criterion is an error, not a screen that never flags', () => {
    const periods = [dependent('2023'), dependent('2024')];
    expect(productDependencyScreen(periods, { criteria: ['hhi'] }).flagged).toBe(true);
    // biome-ignore lint/suspicious/noExplicitAny: the typo a file or form would bring in
    const typo = ['hhhi'] as any;
    expect(() => productDependencyScreen(periods, { criteria: typo })).toThrow(
      /criteria must be one of hhi, top_origin_share, import_dependence, imports_exports, got "hhhi" \/ criteria 应为/,
    );
  });

  it('every known criterion is accepted', () => {
    const s = productDependencyScreen([dependent('2023'), dependent('2024')], {
      criteria: ['hhi', 'top_origin_share', 'import_dependence', 'imports_exports'],
    });
    expect(s.fired.map((r) => r.rule)).toEqual([
      'hhi',
      'top_origin_share',
      'import_dependence',
      'imports_exports',
      'persistence',
    ]);
  });
});
