// RFC 4180 CSV, fed a piece of text at a time: a record that a piece cuts off waits for the next piece,
// so a file larger than one JavaScript string can hold is read with exact line and column numbers.
import { InputError } from './input-error.js';

/**
 * One record: its fields, each field's 1-based column (character position of the field's start on its
 * line), the 1-based line the record starts on, and, when any field was in quotes, which ones were.
 */
export type CsvRecord = { fields: string[]; columns: number[]; line: number; quoted?: boolean[] };

/**
 * The longest record (in UTF-16 units) kept while waiting for its end. Real records are far shorter; a
 * longer one is an unterminated quote or a file whose lines end in CR only, and waiting longer would
 * end in V8's own error about string length, which names no file.
 */
export const MAX_RECORD_CHARS = 1 << 26;

function crOnly(file: string, line: number, column: number): InputError {
  return new InputError(
    file,
    line,
    column,
    'lines end in CR only (a carriage return without a line feed); save the file with LF or CRLF line ends',
    '各行仅以 CR（回车符）结尾，没有换行符 LF；请把文件另存为 LF 或 CRLF 换行',
  );
}

type Quoted = { record: CsvRecord; next: number; line: number };

export class CsvParser {
  /** The start of a record that the text so far cut off; it always starts a line. */
  private pending = '';
  /** The line on which pending starts. */
  private line = 1;

  constructor(
    private readonly file: string,
    private readonly maxRecordChars = MAX_RECORD_CHARS,
  ) {}

  /** Line and column just after the text pushed so far (where a bad byte that follows it sits). */
  endPosition(): { line: number; column: number } {
    let line = this.line;
    let lastBreak = -1;
    for (let k = this.pending.indexOf('\n'); k >= 0; k = this.pending.indexOf('\n', k + 1)) {
      line++;
      lastBreak = k;
    }
    return { line, column: this.pending.length - lastBreak };
  }

  /**
   * The records that text (the file's next piece) completes; `final`: text is the last piece. Blank
   * lines are skipped.
   */
  *push(text: string, final: boolean): Generator<CsvRecord> {
    const window = this.pending.length > 0 ? this.pending + text : text;
    this.pending = '';
    const n = window.length;
    let pos = 0;
    while (pos < n) {
      let eol = window.indexOf('\n', pos);
      if (eol < 0) {
        if (!final) break;
        eol = n;
      }
      const lineEnd = eol > pos && window.charCodeAt(eol - 1) === 13 ? eol - 1 : eol;
      const raw = window.slice(pos, lineEnd);
      if (raw.indexOf('"') < 0) {
        const cr = raw.indexOf('\r');
        if (cr >= 0) throw crOnly(this.file, this.line, cr + 1);
        if (raw.trim().length > 0) {
          const fields = raw.split(',');
          const columns = new Array<number>(fields.length);
          let col = 1;
          for (let k = 0; k < fields.length; k++) {
            columns[k] = col;
            col += fields[k]!.length + 1;
          }
          yield { fields, columns, line: this.line };
        }
        pos = eol + 1;
        this.line++;
        continue;
      }
      const q = this.quotedRecord(window, pos, final);
      if (q === undefined) break;
      yield q.record;
      pos = q.next;
      this.line = q.line + 1;
    }
    if (pos < n) this.keep(window, pos);
  }

  /** Keeps the cut-off record for the next piece, unless it is longer than any real record. */
  private keep(window: string, pos: number): void {
    if (window.length - pos > this.maxRecordChars) {
      const cr = /\r(?!\n)/.exec(window.slice(pos, pos + (1 << 20)));
      if (cr && window.indexOf('"', pos) < 0) throw crOnly(this.file, this.line, cr.index + 1);
      throw new InputError(
        this.file,
        this.line,
        1,
        `a record longer than ${this.maxRecordChars} characters starts here; is a quote not closed?`,
        `从此处开始的一条记录超过 ${this.maxRecordChars} 个字符；是否有引号没有结束？`,
      );
    }
    this.pending = window.slice(pos);
  }

  /**
   * A record with quotes, read character by character since it may span lines; undefined when the text
   * ends before the record does and more text may follow.
   */
  private quotedRecord(text: string, pos: number, final: boolean): Quoted | undefined {
    const n = text.length;
    const file = this.file;
    let line = this.line;
    const fields: string[] = [];
    const columns: number[] = [];
    const quotedFields: boolean[] = [];
    let lineStartPos = pos;
    let field = '';
    let fieldCol = 1;
    let inQuotes = false;
    let quoted = false;
    let p = pos;
    for (;;) {
      if (p >= n) {
        if (!final) return undefined;
        if (inQuotes)
          throw new InputError(
            file,
            this.line,
            fieldCol,
            'unterminated quoted field',
            '引号括起的字段没有结束',
          );
        break;
      }
      const ch = text[p]!;
      // A quote or CR at the very end of the text means one thing or another depending on what follows.
      if ((ch === '"' || ch === '\r') && p + 1 === n && !final) return undefined;
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
        quotedFields.push(quoted);
        field = '';
        quoted = false;
        p++;
        fieldCol = p - lineStartPos + 1;
        continue;
      }
      if (ch === '\r') {
        if (text[p + 1] !== '\n') throw crOnly(file, line, p - lineStartPos + 1);
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
    quotedFields.push(quoted);
    return { record: { fields, columns, line: this.line, quoted: quotedFields }, next: p + 1, line };
  }
}

/** Every record of a whole CSV text (the header included). */
export function* parseCsv(text: string, file: string): Generator<CsvRecord> {
  yield* new CsvParser(file).push(text, true);
}
