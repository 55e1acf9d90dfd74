/**
 * The chain-services tables' paging: all rows on one page up to 20 (most nodes have a handful), pages of
 * 20 beyond that, so that a long library does not push the rest of the page down.
 */
export function pageWhenLong(rows: readonly unknown[]) {
  return rows.length > 20 ? { pageSize: 20, showSizeChanger: false, size: 'small' as const } : false;
}
