import { describe, expect, it } from 'vitest';
import { chinaDate, endOfWorkingDays, isWorkingDay, scheduleKnown } from './working-days.js';

/** `days` working days from an instant given in China time (+08:00), as the UTC instant it ends. */
const due = (chinaTime: string, days: number) =>
  endOfWorkingDays(new Date(`${chinaTime}+08:00`), days).toISOString();

describe('working days in China (the State Council’s holiday schedules)', () => {
  it('knows weekends, holidays and makeup working days (调休上班)', () => {
    expect(isWorkingDay('2026-11-30')).toBe(true); // Monday
    expect(isWorkingDay('2026-11-28')).toBe(false); // Saturday
    expect(isWorkingDay('2026-02-14')).toBe(true); // Saturday, worked before the Spring Festival
    expect(isWorkingDay('2026-02-16')).toBe(false); // Monday in the Spring Festival
    expect(isWorkingDay('2026-09-20')).toBe(true); // Sunday, worked before National Day
    expect(isWorkingDay('2026-10-07')).toBe(false); // Wednesday, National Day holiday
    expect(isWorkingDay('2025-10-08')).toBe(false); // 2025: National Day and Mid-Autumn merged, 8 days
    expect(isWorkingDay('2025-10-11')).toBe(true); // Saturday worked after them
  });

  it('ends a deadline at 24:00 China time on the N-th working day after the day it starts', () => {
    // Monday afternoon: Tuesday, Wednesday, Thursday.
    expect(due('2026-11-02T16:00:00', 3)).toBe('2026-11-05T16:00:00.000Z');
    // Friday afternoon: the weekend does not count.
    expect(due('2026-11-06T17:00:00', 3)).toBe('2026-11-11T16:00:00.000Z');
    // Friday before National Day's makeup Sunday: Sunday 20 September is worked.
    expect(due('2026-09-18T17:00:00', 3)).toBe('2026-09-22T16:00:00.000Z');
    // Across the Spring Festival: the Saturday before is worked, 15–23 February are off.
    expect(due('2026-02-13T10:00:00', 3)).toBe('2026-02-25T16:00:00.000Z');
    // The eve of National Day: 1–7 October off, Saturday 10 October worked.
    expect(due('2026-09-30T20:00:00', 3)).toBe('2026-10-10T16:00:00.000Z');
    // 2025's Spring Festival: Sunday 26 January worked, 28 January – 4 February off.
    expect(due('2025-01-24T10:00:00', 3)).toBe('2025-02-05T16:00:00.000Z');
  });

  it('counts days in China time, not UTC', () => {
    // 01:00 on Friday 6 November in China is still Thursday in UTC; the day that starts it is Friday.
    const at = new Date('2026-11-05T17:00:00Z');
    expect(chinaDate(at)).toBe('2026-11-06');
    expect(endOfWorkingDays(at, 1).toISOString()).toBe('2026-11-09T16:00:00.000Z');
  });

  it('falls back to the holidays fixed by date for a year whose schedule is not known here', () => {
    expect(scheduleKnown(2026)).toBe(true);
    expect(scheduleKnown(2027)).toBe(false);
    // 1 January 2027 (a Friday) is off by law; the weekend too.
    expect(isWorkingDay('2027-01-01')).toBe(false);
    expect(due('2026-12-30T10:00:00', 3)).toBe('2027-01-05T16:00:00.000Z');
  });

  it('refuses a count that is not a whole number of days', () => {
    expect(() => endOfWorkingDays(new Date(), 0)).toThrow(/whole number/);
    expect(() => endOfWorkingDays(new Date(), 1.5)).toThrow(/whole number/);
  });
});
