import { closeSync, openSync, writeSync } from 'node:fs';

/** A CSV field: quoted only when it holds a comma, a quote or a line break (RFC 4180). */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Writes a UTF-8 CSV file line by line through a buffer flushed in large blocks, so that millions of rows
 * never sit in memory as one string.
 */
export class CsvWriter {
  private readonly fd: number;
  private buffer = '';
  rows = 0;

  constructor(
    readonly path: string,
    header: string[],
    private readonly flushAt = 1 << 20,
  ) {
    this.fd = openSync(path, 'w');
    this.buffer = `${header.join(',')}\n`;
  }

  /** Appends one row of already-safe text (numbers, ids); use `row` for free text. */
  raw(line: string): void {
    this.buffer += line;
    this.buffer += '\n';
    this.rows++;
    if (this.buffer.length >= this.flushAt) this.flush();
  }

  row(fields: Array<string | number | null | undefined>): void {
    this.raw(fields.map(csvField).join(','));
  }

  flush(): void {
    if (this.buffer.length > 0) writeSync(this.fd, this.buffer);
    this.buffer = '';
  }

  close(): number {
    this.flush();
    closeSync(this.fd);
    return this.rows;
  }
}
