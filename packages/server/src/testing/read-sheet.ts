import ExcelJS from 'exceljs';

/** The rows of one sheet of an .xlsx file, as plain values (tests read exports back with it). */
export async function readSheet(body: Buffer, index: number): Promise<Array<Array<string | number | null>>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[index];
  if (!sheet) throw new Error(`no sheet ${index}`);
  const rows: Array<Array<string | number | null>> = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const values = (row.values as unknown[]).slice(1);
    rows.push(values.map((v) => (v === undefined || v === null ? null : (v as string | number))));
  });
  return rows;
}

/** Sheet names of an .xlsx file, in order. */
export async function sheetNames(body: Buffer): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  return workbook.worksheets.map((s) => s.name);
}
