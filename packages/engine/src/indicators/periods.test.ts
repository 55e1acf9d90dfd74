import { describe, expect, it } from 'vitest';
import { parsePeriod } from './periods.js';
import { productDependencyScreen } from './product.js';

/** A period whose criteria all fire (flagged) or none of the dependence ones do. */
const period = (label: string, flagged: boolean) => ({
  period: label,
  importsByOrigin: [{ origin: 'US', value: 100 }],
  localProduction: flagged ? 0 : 1000,
  exports: 0,
});

const screen = (labels: readonly string[], flags: readonly boolean[]) =>
  productDependencyScreen(labels.map((l, i) => period(l, flags[i]!)));

describe('period labels: the forms in use, on one calendar', () => {
  it('reads years, quarters and months in every form the project uses', () => {
    const cases: Array<[string, string]> = [
      ['2024', '2024'],
      ['2024年', '2024'],
      [' 2024 ', '2024'],
      ['2024-Q3', '2024-Q3'],
      ['2024Q3', '2024-Q3'],
      ['2024q3', '2024-Q3'],
      ['2024年第3季度', '2024-Q3'],
      ['2024年第三季度', '2024-Q3'],
      ['2024-07', '2024-07'],
      ['2024-7', '2024-07'],
      ['2024/07', '2024-07'],
      ['202407', '2024-07'],
      ['2024年7月', '2024-07'],
      ['2024年07月', '2024-07'],
    ];
    for (const [label, canonical] of cases)
      expect([label, parsePeriod(label).label]).toEqual([label, canonical]);
  });

  it('a gap in the data counts as periods not flagged, whatever the form of the labels', () => {
    // Flagged in the first two, not in the last, years or months apart: the window is the last three
    // periods by the calendar, where the flag held in none.
    for (const labels of [
      ['2019', '2020', '2024'],
      ['2019年', '2020年', '2024年'],
      ['2019/07', '2020/07', '2024/07'],
      ['201907', '202007', '202407'],
      ['2019-07', '2020-07', '2024-07'],
      ['2019年7月', '2020年7月', '2024年7月'],
      ['2019Q1', '2020Q1', '2024Q1'],
      ['2019-Q1', '2020-Q1', '2024-Q1'],
      ['2019年第1季度', '2020年第1季度', '2024年第1季度'],
    ]) {
      const s = screen(labels, [true, true, false]);
      expect([labels[0], s.flagged, s.persistence.held]).toEqual([labels[0], false, 0]);
    }
    const s = screen(['2019年', '2020年', '2024年'], [true, true, false]);
    expect(s.persistence.rule.inputs).toMatchObject({ window: '2022–2024', heldIn: '' });
  });

  it('the rules behind a flag come from a period in the window, found by the calendar', () => {
    const s = screen(['2022年', '2023年', '2024年'], [true, false, true]);
    expect(s.flagged).toBe(true);
    expect(s.fired.map((r) => r.rule)).toEqual([
      'hhi',
      'import_dependence',
      'imports_exports',
      'persistence',
    ]);
    expect(s.persistence.rule.inputs).toMatchObject({ window: '2022–2024', heldIn: '2022, 2024' });
  });

  it('different notations of one granularity are one calendar', () => {
    const s = screen(['2024-07', '2024/08', '202409'], [true, false, true]);
    expect(s.flagged).toBe(true);
    expect(s.persistence.rule.inputs).toMatchObject({
      window: '2024-07–2024-09',
      heldIn: '2024-07, 2024-09',
    });
  });

  it('a label it cannot read is an error naming it', () => {
    for (const label of ['FY2019', '2024-13', '202413', '2024Q5', '2024-00', '24', '2024年第5季度', '']) {
      expect(() => screen([label], [true])).toThrow(
        new RegExp(`period ${JSON.stringify(label)} is not a year, quarter or month.* / `),
      );
    }
  });

  it('years, quarters and months cannot be mixed', () => {
    expect(() => screen(['2023', '2024-03'], [true, true])).toThrow(
      /periods mix years and months \("2023", "2024-03"\).* \/ /,
    );
    expect(() => screen(['2024-Q1', '2023', '2024-03'], [true, true, false])).toThrow(
      /mix quarters and years/,
    );
  });

  it('a period given twice, in any notation, is an error', () => {
    expect(() => screen(['2024-07', '2024/07'], [true, false])).toThrow(
      /period 2024-07 is given twice \("2024-07", "2024\/07"\) \/ /,
    );
    expect(() => screen(['2024', '2024年'], [true, false])).toThrow(/twice/);
  });

  it('periods out of order are an error (they are not sorted)', () => {
    expect(() => screen(['2024年', '2022年', '2023年'], [true, true, false])).toThrow(
      /periods must be oldest first: "2024年" comes before "2022年" \/ /,
    );
    expect(() => screen(['2024-7', '2024-10', '2024-8'], [true, true, false])).toThrow(/oldest first/);
  });
});
