// CSV input for `chainbrain esri`: strict UTF-8, RFC 4180 quoting, errors that name file, line and column.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

/**
 * Bad input: names the file, and the line and column where they are known (line 0: the file as a whole),
 * and says what is wrong in English and in Chinese (the project's users read Chinese first).
 */
export class InputError extends Error {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  constructor(file: string, line: number, column: number, message: string, zh: string) {
    super(`${line > 0 ? `${file}:${line}:${column}` : file}: ${message} / ${zh}`);
    this.name = 'InputError';
    this.file = file;
    this.line = line;
    this.column = column;
  }
}

/** Byte offset of the first invalid UTF-8 sequence, or −1. */
export function findInvalidUtf8(buf: Uint8Array): number {
  let i = 0;
  const n = buf.length;
  while (i < n) {
    const b = buf[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    if (i + need >= n) return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = buf[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** Reads a text file as strict UTF-8 (a leading BOM is dropped); invalid bytes are an InputError. */
export function readUtf8(path: string, display = basename(path)): string {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new InputError(display, 0, 0, `cannot read file (${code})`, `无法读取文件（${code}）`);
  }
  const bad = findInvalidUtf8(buf);
  if (bad >= 0) {
    let lineStart = buf.lastIndexOf(0x0a, bad - 1) + 1;
    if (bad === 0) lineStart = 0;
    let line = 1;
    for (let k = 0; k < lineStart; k++) if (buf[k] === 0x0a) line++;
    const column = buf.subarray(lineStart, bad).toString('utf8').length + 1;
    const byte = `0x${buf[bad]!.toString(16).padStart(2, '0')}`;
    throw new InputError(
      display,
      line,
      column,
      `not valid UTF-8 (byte ${byte}); save the file as UTF-8`,
      `不是有效的 UTF-8 编码（字节 ${byte}），请把文件另存为 UTF-8`,
    );
  }
  const text = buf.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export type CsvRecord = { fields: string[]; columns: number[]; line: number };

/**
 * Parses CSV text into records (the header included). Each field carries its 1-based column (character
 * position of the field's start) and each record its 1-based starting line. Blank lines are skipped.
 */
export function* parseCsv(text: string, file: string): Generator<CsvRecord> {
  const n = text.length;
  let pos = 0;
  let line = 1;
  while (pos < n) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = n;
    const lineEnd = eol > pos && text.charCodeAt(eol - 1) === 13 ? eol - 1 : eol;
    const raw = text.slice(pos, lineEnd);
    if (raw.indexOf('"') < 0) {
      if (raw.trim().length > 0) {
        const fields = raw.split(',');
        const columns = new Array<number>(fields.length);
        let col = 1;
        for (let k = 0; k < fields.length; k++) {
          columns[k] = col;
          col += fields[k]!.length + 1;
        }
        yield { fields, columns, line };
      }
      pos = eol + 1;
      line++;
      continue;
    }
    // Quoted fields: character state machine that may span lines.
    const startLine = line;
    const fields: string[] = [];
    const columns: number[] = [];
    let lineStartPos = pos;
    let field = '';
    let fieldCol = 1;
    let inQuotes = false;
    let quoted = false;
    let p = pos;
    for (;;) {
      if (p >= n) {
        if (inQuotes)
          throw new InputError(
            file,
            startLine,
            fieldCol,
            'unterminated quoted field',
            '引号括起的字段没有结束',
          );
        break;
      }
      const ch = text[p]!;
      if (inQuotes) {
        if (ch === '"') {
          if (text[p + 1] === '"') {
            field += '"';
            p += 2;
            continue;
          }
          inQuotes = false;
          p++;
          continue;
        }
        if (ch === '\n') {
          line++;
          lineStartPos = p + 1;
        }
        field += ch;
        p++;
        continue;
      }
      if (ch === '"') {
        if (field.length > 0 || quoted) {
          throw new InputError(
            file,
            line,
            p - lineStartPos + 1,
            'unexpected quote inside an unquoted field',
            '未加引号的字段中出现了引号',
          );
        }
        inQuotes = true;
        quoted = true;
        p++;
        continue;
      }
      if (ch === ',') {
        fields.push(field);
        columns.push(fieldCol);
        field = '';
        quoted = false;
        p++;
        fieldCol = p - lineStartPos + 1;
        continue;
      }
      if (ch === '\r' && text[p + 1] === '\n') {
        p++;
        continue;
      }
      if (ch === '\n') break;
      if (quoted)
        throw new InputError(
          file,
          line,
          p - lineStartPos + 1,
          'text after a closing quote',
          '结束引号后还有文字',
        );
      field += ch;
      p++;
    }
    fields.push(field);
    columns.push(fieldCol);
    yield { fields, columns, line: startLine };
    pos = p + 1;
    line++;
  }
}

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
): CsvTable {
  const text = readUtf8(path, display);
  const records = parseCsv(text, display);
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

/** The field of a record, or an error naming the line when the record is too short. */
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
  return { value: value.trim(), column: r.columns[k]! };
}
