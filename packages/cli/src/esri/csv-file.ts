// Reads a CSV file in pieces of a fixed size, so that its size is not bounded by the longest string V8
// can build (about 512 MiB): strict UTF-8 across the pieces' edges, a BOM dropped, exact positions.
import { closeSync, openSync, readSync } from 'node:fs';
import { type CsvRecord, CsvParser } from './csv-parser.js';
import { cannotRead, completeUtf8Length, findInvalidUtf8, notUtf8 } from './utf8.js';

/** Bytes read at a time: large enough that the per-piece costs vanish, small beside any string limit. */
export const CHUNK_BYTES = 1 << 24;

/** The records of a CSV file (the header included), read chunkBytes at a time. */
export function* readCsvRecords(
  path: string,
  display: string,
  chunkBytes = CHUNK_BYTES,
): Generator<CsvRecord> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    throw cannotRead(display, err);
  }
  try {
    const parser = new CsvParser(display);
    // Room for a multi-byte sequence (at most 3 bytes) that the previous read cut off.
    const buf = Buffer.allocUnsafe(chunkBytes + 3);
    let carried = 0;
    let atStart = true;
    for (;;) {
      let got: number;
      try {
        got = readSync(fd, buf, carried, chunkBytes, null);
      } catch (err) {
        throw cannotRead(display, err);
      }
      const end = carried + got;
      const final = got === 0;
      const complete = final ? end : completeUtf8Length(buf, end);
      const bad = findInvalidUtf8(buf.subarray(0, complete));
      let text = buf.toString('utf8', 0, bad >= 0 ? bad : complete);
      if (atStart && text.length > 0) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        atStart = false;
      }
      if (bad >= 0) {
        // The records before the bad byte come first, so that the position is the parser's own.
        yield* parser.push(text, false);
        const at = parser.endPosition();
        throw notUtf8(display, at.line, at.column, buf[bad]!);
      }
      yield* parser.push(text, final);
      if (final) return;
      buf.copy(buf, 0, complete, end);
      carried = end - complete;
    }
  } finally {
    closeSync(fd);
  }
}
