/** 亿元 with two decimals and thousands separators, as officials read them. */
export function formatYi(value: number): string {
  return value.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** A percentage with one decimal; null shows as a dash. */
export function formatPct(value: number | null, dash = '—'): string {
  return value === null ? dash : `${value.toFixed(1)}%`;
}
