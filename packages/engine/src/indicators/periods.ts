/**
 * Period labels on one calendar
 * =============================
 *
 * Persistence counts the last N periods by the calendar, so a flag held in 2019 and 2020 says nothing
 * about 2022–2024. That needs the labels read as dates, and data arrive labelled in the forms Chinese
 * statistics and customs use as well as ISO ones:
 *
 *     year      2024, 2024年
 *     quarter   2024-Q3, 2024Q3, 2024年第3季度, 2024年第三季度
 *     month     2024-07, 2024-7, 2024/07, 202407, 2024年7月
 *
 * Each becomes a count of years, quarters or months (a month is year × 12 + month − 1, as in
 * @chainbrain/domain's month helpers) and is shown in one canonical form: 2024, 2024-Q3, 2024-07.
 * A label in none of these forms is an error rather than a position in the list: labels taken "in the
 * order given" skipped the gap rule, and old flags carried forward.
 */

import { IndicatorError } from './rules.js';

export type Granularity = 'year' | 'quarter' | 'month';

export type CalendarPeriod = {
  unit: Granularity;
  /** Years since year 0, quarters (year × 4 + quarter − 1) or months (year × 12 + month − 1). */
  index: number;
  /** Canonical label: 2024, 2024-Q3, 2024-07. */
  label: string;
};

const QUARTER_NUMERALS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4 };

/** Each form as a pattern whose groups are the year and, for quarters and months, the number. */
const FORMS: ReadonlyArray<{ unit: Granularity; pattern: RegExp }> = [
  { unit: 'year', pattern: /^(\d{4})年?$/ },
  { unit: 'quarter', pattern: /^(\d{4})-?[Qq]([1-4])$/ },
  { unit: 'quarter', pattern: /^(\d{4})年第([1-4一二三四])季度$/ },
  { unit: 'month', pattern: /^(\d{4})[-/](0?[1-9]|1[0-2])$/ },
  // Six digits only: "20247" could be 2024-07 or a typo, and is not read.
  { unit: 'month', pattern: /^(\d{4})(0[1-9]|1[0-2])$/ },
  { unit: 'month', pattern: /^(\d{4})年(0?[1-9]|1[0-2])月$/ },
];

export function periodAt(unit: Granularity, index: number): CalendarPeriod {
  const label =
    unit === 'year'
      ? String(index)
      : unit === 'quarter'
        ? `${Math.floor(index / 4)}-Q${(index % 4) + 1}`
        : `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  return { unit, index, label };
}

/** The period a label names, or an IndicatorError listing the forms it can take. */
export function parsePeriod(raw: string): CalendarPeriod {
  const label = typeof raw === 'string' ? raw.trim() : '';
  for (const { unit, pattern } of FORMS) {
    const m = pattern.exec(label);
    if (!m) continue;
    const year = Number(m[1]);
    if (unit === 'year') return periodAt(unit, year);
    const n = QUARTER_NUMERALS[m[2]!] ?? Number(m[2]);
    return periodAt(unit, unit === 'quarter' ? 4 * year + n - 1 : 12 * year + n - 1);
  }
  throw new IndicatorError(
    `period ${JSON.stringify(raw)} is not a year, quarter or month (2024, 2024年, 2024-Q3, 2024Q3, 2024年第3季度, 2024-07, 2024/07, 202407, 2024年7月)`,
    `期间 ${JSON.stringify(raw)} 不是可识别的年、季度或月份（如 2024、2024年、2024-Q3、2024Q3、2024年第3季度、2024-07、2024/07、202407、2024年7月）`,
  );
}

const UNIT_PLURAL: Record<Granularity, string> = { year: 'years', quarter: 'quarters', month: 'months' };
const UNIT_ZH: Record<Granularity, string> = { year: '年', quarter: '季度', month: '月' };

/**
 * The labels read as one calendar: all of one granularity (a year and a month in one series have no
 * common "last N periods"), each period once however it is written, oldest first. Out-of-order input
 * is an error rather than sorted: rows that arrive shuffled more often mean a wrong label than a
 * careless export, and the caller's own `periods` stay in the order given.
 */
export function calendarOf(labels: readonly string[]): CalendarPeriod[] {
  const periods = labels.map(parsePeriod);
  const first = periods[0];
  const other = periods.find((p) => p.unit !== first?.unit);
  if (first && other) {
    const a = labels[periods.indexOf(first)]!;
    const b = labels[periods.indexOf(other)]!;
    throw new IndicatorError(
      `periods mix ${UNIT_PLURAL[first.unit]} and ${UNIT_PLURAL[other.unit]} (${JSON.stringify(a)}, ${JSON.stringify(b)}); give them all as years, all as quarters or all as months`,
      `期间混用了${UNIT_ZH[first.unit]}和${UNIT_ZH[other.unit]}（${JSON.stringify(a)}、${JSON.stringify(b)}），请统一按年、按季度或按月给出`,
    );
  }
  const seen = new Map<number, string>();
  periods.forEach((p, t) => {
    const earlier = seen.get(p.index);
    if (earlier !== undefined) {
      throw new IndicatorError(
        `period ${p.label} is given twice (${JSON.stringify(earlier)}, ${JSON.stringify(labels[t])})`,
        `期间 ${p.label} 重复出现（${JSON.stringify(earlier)}、${JSON.stringify(labels[t])}）`,
      );
    }
    seen.set(p.index, labels[t]!);
  });
  for (let t = 1; t < periods.length; t++) {
    if (periods[t]!.index < periods[t - 1]!.index) {
      const [a, b] = [JSON.stringify(labels[t - 1]), JSON.stringify(labels[t])];
      throw new IndicatorError(
        `periods must be oldest first: ${a} comes before ${b}`,
        `期间应按时间先后排列：${a} 排在了 ${b} 之前`,
      );
    }
  }
  return periods;
}

/**
 * The flags of the last n periods by the calendar, oldest first, ending at the latest period given;
 * a period without data counts as not flagged (a flag held in 2019 and 2020 does not carry 2024). The
 * window starts no earlier than the first period given; `inWindow` tells whether a period is in it.
 */
export function calendarWindow(
  periods: readonly { period: string; flagged: boolean }[],
  n: number,
): {
  flags: boolean[];
  labels: string[];
  calendar: CalendarPeriod[];
  inWindow: (p: CalendarPeriod) => boolean;
} {
  const calendar = calendarOf(periods.map((p) => p.period));
  const firstGiven = calendar[0];
  const latestGiven = calendar.at(-1);
  if (!firstGiven || !latestGiven) return { flags: [], labels: [], calendar, inWindow: () => false };
  const latest = latestGiven.index;
  const first = Math.max(firstGiven.index, latest - n + 1);
  const flagAt = new Map(calendar.map((c, t) => [c.index, periods[t]!.flagged]));
  const flags: boolean[] = [];
  const labels: string[] = [];
  for (let i = first; i <= latest; i++) {
    flags.push(flagAt.get(i) ?? false);
    labels.push(periodAt(firstGiven.unit, i).label);
  }
  return { flags, labels, calendar, inWindow: (p) => p.index >= first && p.index <= latest };
}
