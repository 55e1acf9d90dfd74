import ExcelJS from 'exceljs';

/**
 * How a column's values are written: 亿元 with two decimals, a share as an Excel percentage, a count, an
 * index or ratio with two decimals (HHI, imports ÷ exports), text.
 */
export type ColumnFormat = 'yi' | 'percent' | 'count' | 'decimal' | 'text';

export type SheetColumn = { header: string; key: string; format: ColumnFormat; width?: number };

/** A value of a row: null is a figure withheld or not available, written as the sheet's dash text. */
export type CellValue = string | number | null;

export type SheetSpec = {
  name: string;
  columns: SheetColumn[];
  rows: Array<Record<string, CellValue>>;
  /** Lines under the table: what a dash means, units, sources. */
  notes?: string[];
  /** Per row (same order): its figures are withheld, so its empty cells say so rather than "no data". */
  withheld?: boolean[];
};

export type WorkbookSpec = {
  title: string;
  /** Label and value pairs of the 说明 sheet: what was asked, by whom, when, from which data. */
  about: Array<[string, string]>;
  sheets: SheetSpec[];
  /** The text of a missing figure ("—"), and of a withheld one ("—（保密）"). */
  dash: string;
  withheld: string;
  aboutSheetName: string;
};

const NUMBER_FORMATS: Record<ColumnFormat, string | undefined> = {
  yi: '#,##0.00',
  percent: '0.0%',
  count: '#,##0',
  decimal: '#,##0.00',
  text: undefined,
};

/**
 * An .xlsx file of tables as the dashboards show them. Numbers stay numbers (officials sum and chart them
 * in Excel), with display formats; a withheld figure is the dash text, never a 0 that would be summed.
 */
export async function buildWorkbook(spec: WorkbookSpec): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'ChainBrain 产业链大脑';
  workbook.title = spec.title;
  workbook.created = new Date();
  workbook.modified = workbook.created;

  for (const sheet of spec.sheets) {
    const ws = workbook.addWorksheet(safeSheetName(sheet.name), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = sheet.columns.map((c) => ({
      header: c.header,
      key: c.key,
      width: c.width ?? (c.format === 'text' ? 18 : 14),
      style: NUMBER_FORMATS[c.format] ? { numFmt: NUMBER_FORMATS[c.format] } : {},
    }));
    ws.getRow(1).font = { bold: true };
    for (const [r, row] of sheet.rows.entries()) {
      const empty = sheet.withheld?.[r] ? spec.withheld : spec.dash;
      const values: Record<string, CellValue> = {};
      for (const c of sheet.columns) values[c.key] = row[c.key] ?? empty;
      const added = ws.addRow(values);
      for (const [k, c] of sheet.columns.entries()) {
        if (c.format !== 'text' && typeof added.getCell(k + 1).value === 'string')
          added.getCell(k + 1).alignment = { horizontal: 'right' };
      }
    }
    if (sheet.notes?.length) {
      ws.addRow([]);
      for (const note of sheet.notes) ws.addRow([note]).font = { italic: true, color: { argb: 'FF666666' } };
    }
  }

  const about = workbook.addWorksheet(safeSheetName(spec.aboutSheetName));
  about.columns = [
    { key: 'label', width: 16 },
    { key: 'value', width: 90 },
  ];
  about.addRow([spec.title]).font = { bold: true, size: 13 };
  for (const [label, value] of spec.about) about.addRow([label, value]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Excel refuses sheet names over 31 characters or with any of : \ / ? * [ ]. */
function safeSheetName(name: string): string {
  return name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31);
}
