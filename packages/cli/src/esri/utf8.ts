// Strict UTF-8 for the input files: a file in GBK or Latin-1 is an error naming where, not mojibake.
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { InputError } from './input-error.js';

/** Byte offset of the first invalid UTF-8 sequence, or −1. A sequence cut off by the end is invalid. */
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

/**
 * How many of the first `end` bytes of buf to decode now: all of them, less a multi-byte sequence that a
 * read of a fixed size cut off (at most 3 bytes), which the next read completes. Whether the bytes are
 * valid is findInvalidUtf8's question, not this one's.
 */
export function completeUtf8Length(buf: Uint8Array, end: number): number {
  let lead = end - 1;
  while (lead >= 0 && end - lead <= 3 && (buf[lead]! & 0xc0) === 0x80) lead--;
  if (lead < 0) return end;
  const b = buf[lead]!;
  const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
  return end - lead < length ? lead : end;
}

export function notUtf8(file: string, line: number, column: number, byte: number): InputError {
  const hex = `0x${byte.toString(16).padStart(2, '0')}`;
  return new InputError(
    file,
    line,
    column,
    `not valid UTF-8 (byte ${hex}); save the file as UTF-8`,
    `不是有效的 UTF-8 编码（字节 ${hex}），请把文件另存为 UTF-8`,
  );
}

export function cannotRead(file: string, err: unknown): InputError {
  const code = (err as NodeJS.ErrnoException).code ?? 'error';
  return new InputError(file, 0, 0, `cannot read file (${code})`, `无法读取文件（${code}）`);
}

/** The longest string V8 can build (2^29 − 24 UTF-16 units); a UTF-8 file has at least as many bytes. */
const MAX_STRING = 0x1fffffe8;

/**
 * Reads a whole text file (scenarios.json) as strict UTF-8; a leading BOM is dropped. The CSV files are
 * read in pieces instead (csv-file.ts), since they can be larger than one string may be.
 */
export function readUtf8(path: string, display = basename(path)): string {
  let buf: Buffer;
  try {
    const size = statSync(path).size;
    if (size > MAX_STRING) {
      throw new InputError(
        display,
        0,
        0,
        `file too large (${size} bytes; at most ${MAX_STRING} are read)`,
        `文件过大（${size} 字节，最多读取 ${MAX_STRING} 字节）`,
      );
    }
    buf = readFileSync(path);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw cannotRead(display, err);
  }
  const bad = findInvalidUtf8(buf);
  if (bad >= 0) {
    const lineStart = bad === 0 ? 0 : buf.lastIndexOf(0x0a, bad - 1) + 1;
    let line = 1;
    for (let k = 0; k < lineStart; k++) if (buf[k] === 0x0a) line++;
    const column = buf.subarray(lineStart, bad).toString('utf8').length + 1;
    throw notUtf8(display, line, column, buf[bad]!);
  }
  const text = buf.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
