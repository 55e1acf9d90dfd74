// CSV input for `chainbrain esri`: a header naming the columns, then records; errors name file, line and
// column. Reading and parsing: csv-file.ts, csv-parser.ts.
import { basename } from 'node:path';
import { readCsvRecords } from './csv-file.js';
import type { CsvRecord } from './csv-parser.js';
import { InputError } from './input-error.js';

export type CsvTable = {
  file: string;
  header: string[];
  /** The header's line (1 unless blank lines come first). */
  headerLine: number;
  /** Index of each required and optional column present in the header. */
  col: Record<string, number>;
  records: Generator<CsvRecord>;
};

/**
 * The records, each checked to have no more fields than the header: an extra field is most often a
 * comma inside an unquoted name, which would shift every later column, so it is an error, not ignored.
 */
function* noLongerThan(records: Generator<CsvRecord>, width: number, file: string): Generator<CsvRecord> {
  for (const r of records) {
    if (r.fields.length > width) {
      throw new InputError(
        file,
        r.line,
        r.columns[width]!,
        `${r.fields.length} fields, but the header has ${width}; quote a field that contains a comma`,
        `本行有 ${r.fields.length} 个字段，表头只有 ${width} 个；含逗号的字段请加双引号`,
      );
    }
    yield r;
  }
}

/** Opens a CSV with a header; checks the required columns and finds the optional ones. */
export function openCsv(
  path: string,
  required: string[],
  optional: string[] = [],
  display = basename(path),
  chunkBytes?: number,
): CsvTable {
  const records = readCsvRecords(path, display, chunkBytes);
  const first = records.next();
  if (first.done) {
    const expected = required.join(',');
    throw new InputError(
      display,
      1,
      1,
      `empty file; expected a header with ${expected}`,
      `文件为空，应有表头 ${expected}`,
    );
  }
  const header = first.value.fields.map((h) => h.trim());
  const col: Record<string, number> = {};
  for (const name of [...required, ...optional]) {
    const k = header.indexOf(name);
    // Two columns of one name: which one holds the data is a guess, so it is an error, not the first.
    const again = k >= 0 ? header.indexOf(name, k + 1) : -1;
    if (again >= 0) {
      throw new InputError(
        display,
        first.value.line,
        first.value.columns[again]!,
        `column "${name}" is in the header twice (fields ${k + 1} and ${again + 1})`,
        `表头中列 "${name}" 出现了两次（第 ${k + 1} 和第 ${again + 1} 个字段）`,
      );
    }
    if (k >= 0) col[name] = k;
    else if (required.includes(name)) {
      throw new InputError(
        display,
        first.value.line,
        1,
        `missing column "${name}" (header: ${header.join(',')})`,
        `缺少列 "${name}"（表头：${header.join(',')}）`,
      );
    }
  }
  return {
    file: display,
    header,
    headerLine: first.value.line,
    col,
    records: noLongerThan(records, header.length, display),
  };
}

/**
 * The field of a record, or an error naming the line when the record is too short. A field in quotes is
 * exactly what the quotes hold (an id " a" stays " a", as the user chose to write it); an unquoted field
 * loses the blanks around it, which spreadsheets and hand edits add without meaning anything by them.
 */
export function field(t: CsvTable, r: CsvRecord, name: string): { value: string; column: number } {
  const k = t.col[name];
  if (k === undefined) throw new Error(`column ${name} was not opened`);
  const value = r.fields[k];
  if (value === undefined) {
    const last = r.columns.length - 1;
    const column = (r.columns[last] ?? 1) + (r.fields[last]?.length ?? 0);
    throw new InputError(
      t.file,
      r.line,
      column,
      `missing field "${name}" (${r.fields.length} fields, expected ${t.header.length})`,
      `缺少字段 "${name}"（本行 ${r.fields.length} 个字段，应为 ${t.header.length} 个）`,
    );
  }
  return { value: r.quoted?.[k] ? value : value.trim(), column: r.columns[k]! };
}
