/**
 * Working days (工作日) in mainland China, for the risk cases' deadlines (ADR 0021's amendment).
 *
 * A day is a working day when it is Monday to Friday, unless the State Council's holiday schedule for
 * its year gives it off (放假), or when that schedule makes a weekend day a working day (调休上班). The
 * schedules are published each year, in November or December for the next one; those known here are:
 *
 * - 2025: 国务院办公厅关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号, 2024-11-12);
 * - 2026: 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04, Xinhua).
 *
 * For a year without a schedule here, the holidays fixed by solar date in the 放假办法 (as revised in
 * November 2024: 元旦 1 January, 劳动节 1–2 May, 国庆节 1–3 October) are days off, and the lunar ones
 * (春节, 清明, 端午, 中秋) and any makeup working days are not known: `scheduleKnown` tells which, so a
 * page can say so. Add the next year's schedule when it is published.
 *
 * Dates are calendar days in China Standard Time (UTC+8, no daylight saving), written YYYY-MM-DD.
 */

type YearSchedule = { off: string[]; work: string[] };

const DAY_MS = 86_400_000;
/** China Standard Time is UTC+8 all year. */
const CST_OFFSET_MS = 8 * 3_600_000;

/** Consecutive days from `from` to `to` (inclusive), as YYYY-MM-DD. */
function span(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS)
    days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

export const CN_HOLIDAY_SCHEDULES: Readonly<Record<number, YearSchedule>> = {
  2025: {
    off: [
      '2025-01-01',
      ...span('2025-01-28', '2025-02-04'),
      ...span('2025-04-04', '2025-04-06'),
      ...span('2025-05-01', '2025-05-05'),
      ...span('2025-05-31', '2025-06-02'),
      ...span('2025-10-01', '2025-10-08'),
    ],
    work: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  2026: {
    off: [
      ...span('2026-01-01', '2026-01-03'),
      ...span('2026-02-15', '2026-02-23'),
      ...span('2026-04-04', '2026-04-06'),
      ...span('2026-05-01', '2026-05-05'),
      ...span('2026-06-19', '2026-06-21'),
      ...span('2026-09-25', '2026-09-27'),
      ...span('2026-10-01', '2026-10-07'),
    ],
    work: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
};

/** Holidays by solar date (放假办法, 2024 revision), used for years without a schedule here. */
const FIXED_HOLIDAYS = ['01-01', '05-01', '05-02', '10-01', '10-02', '10-03'];

const offDays = new Set(Object.values(CN_HOLIDAY_SCHEDULES).flatMap((s) => s.off));
const workDays = new Set(Object.values(CN_HOLIDAY_SCHEDULES).flatMap((s) => s.work));

/** Whether the State Council's schedule for `year` is known here (else only fixed-date holidays). */
export function scheduleKnown(year: number): boolean {
  return CN_HOLIDAY_SCHEDULES[year] !== undefined;
}

/** Whether the day `date` (YYYY-MM-DD, China Standard Time) is a working day. */
export function isWorkingDay(date: string): boolean {
  if (workDays.has(date)) return true;
  if (offDays.has(date)) return false;
  const year = Number(date.slice(0, 4));
  if (!scheduleKnown(year) && FIXED_HOLIDAYS.includes(date.slice(5))) return false;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The calendar day (China Standard Time) that the instant `at` falls on, as YYYY-MM-DD. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The end (24:00 China Standard Time) of the `days`-th working day after the day `since` falls on:
 * what "within N working days" (N 个工作日内) means. The day itself never counts, whether or not it is a
 * working day: a case opened on Friday afternoon has, for 3 working days, until Wednesday night.
 */
export function endOfWorkingDays(since: Date, days: number): Date {
  if (!Number.isInteger(days) || days < 1)
    throw new Error(`working days must be a whole number ≥ 1, got ${days}`);
  let day = Date.parse(`${chinaDate(since)}T00:00:00Z`);
  for (let counted = 0; counted < days; ) {
    day += DAY_MS;
    if (isWorkingDay(new Date(day).toISOString().slice(0, 10))) counted++;
  }
  // 24:00 CST of that day is 16:00 UTC of the same date.
  return new Date(day + DAY_MS - CST_OFFSET_MS);
}
