import dayjs from 'dayjs';

/** 亿元 with two decimals and thousands separators, as officials read them; null (a hidden figure) as a dash. */
export function formatYi(value: number | null, dash = '—'): string {
  if (value === null) return dash;
  return value.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** A percentage with one decimal; null shows as a dash. */
export function formatPct(value: number | null, dash = '—'): string {
  return value === null ? dash : `${value.toFixed(1)}%`;
}

/**
 * A change in per cent (同比) with its sign, so that the direction does not rest on colour alone:
 * "+3.5%", "−2.1%" (a true minus sign), "0.0%"; null shows as a dash.
 */
export function formatChangePct(value: number | null, dash = '—'): string {
  if (value === null) return dash;
  const text = Math.abs(value).toFixed(1);
  if (text === '0.0') return '0.0%';
  return `${value > 0 ? '+' : '−'}${text}%`;
}

/**
 * A timestamp from the API ("2026-11-28 08:41:13.556+00", PostgreSQL's text form, or ISO) in the reader's
 * local time: cutting the string showed UTC, eight hours early for Zhejiang.
 */
export function formatTimestamp(value: string, withSeconds = true): string {
  const time = parseTimestamp(value);
  if (Number.isNaN(time.getTime())) return value;
  return dayjs(time).format(withSeconds ? 'YYYY-MM-DD HH:mm:ss' : 'YYYY-MM-DD HH:mm');
}

/** A timestamp from the API (PostgreSQL's text form "2026-11-28 08:41:13.556+00", or ISO) as a Date. */
export function parseTimestamp(value: string): Date {
  return new Date(value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
}

const BEIJING_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/**
 * A time from the API in Beijing time (UTC+8, no summer time), whatever the reader's computer is set to:
 * a case's deadline is the same for the county, the city and the province, and is said as such.
 */
export function formatBeijing(value: string, withTime = true): string {
  const time = parseTimestamp(value).getTime();
  if (Number.isNaN(time)) return value;
  const text = new Date(time + BEIJING_OFFSET_MS).toISOString();
  return withTime ? `${text.slice(0, 10)} ${text.slice(11, 16)}` : text.slice(0, 10);
}

/** Days a deadline has passed, a day begun counting as one (1 hour late is "1 day"); 0 when not passed. */
export function daysPast(dueAt: string, now: Date = new Date()): number {
  const late = now.getTime() - parseTimestamp(dueAt).getTime();
  return late > 0 ? Math.ceil(late / DAY_MS) : 0;
}
