import { describe, expect, it } from 'vitest';
import { daysPast, formatBeijing } from './format.js';

describe('formatBeijing', () => {
  it('shows a UTC time eight hours later, across midnight', () => {
    expect(formatBeijing('2026-12-01T21:04:19.895Z')).toBe('2026-12-02 05:04');
    expect(formatBeijing('2026-12-01T21:04:19.895Z', false)).toBe('2026-12-02');
    expect(formatBeijing('2026-12-01T03:00:00.000Z')).toBe('2026-12-01 11:00');
  });

  it('reads PostgreSQL’s text form too, and leaves what it cannot read as it is', () => {
    expect(formatBeijing('2026-11-28 08:41:13.556+00')).toBe('2026-11-28 16:41');
    expect(formatBeijing('not a time')).toBe('not a time');
  });
});

describe('daysPast', () => {
  const due = '2026-12-01T00:00:00.000Z';
  it('is 0 before and at the deadline', () => {
    expect(daysPast(due, new Date('2026-11-30T12:00:00Z'))).toBe(0);
    expect(daysPast(due, new Date(due))).toBe(0);
  });

  it('counts a day begun as one', () => {
    expect(daysPast(due, new Date('2026-12-01T01:00:00Z'))).toBe(1);
    expect(daysPast(due, new Date('2026-12-02T00:00:00Z'))).toBe(1);
    expect(daysPast(due, new Date('2026-12-02T00:00:01Z'))).toBe(2);
  });
});
