import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.js';

/**
 * A chart's figures as rows of cells; `numeric` columns are right-aligned in tabular figures. `summary` is
 * the words that unfold the table, when "show the figures as a table" would not say what it holds.
 */
export type ChartTable = {
  summary?: string;
  columns: Array<{ title: string; numeric?: boolean }>;
  rows: Array<{ key: string; cells: ReactNode[] }>;
};

/**
 * The figures a chart draws, as a table under it, folded until asked for. The canvas says nothing to a screen
 * reader and its tooltips open only under a pointer; here every figure can be read, from the keyboard too
 * (WCAG 1.1.1, 2.1.1). The first cell of a row heads it.
 */
export function ChartDataTable({ id, caption, table }: { id: string; caption: string; table: ChartTable }) {
  const { t } = useI18n();
  return (
    <details className="chart-table" id={id}>
      <summary className="focus-ring">{table.summary ?? t('chart.showTable')}</summary>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {table.columns.map((column) => (
              <th key={column.title} scope="col" className={column.numeric ? 'num' : undefined}>
                {column.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr key={row.key}>
              {row.cells.map((cell, i) => {
                const column = table.columns[i];
                return i === 0 ? (
                  <th key={column?.title} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={column?.title} className={column?.numeric ? 'num' : undefined}>
                    {cell}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
