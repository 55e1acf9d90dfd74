// edges.csv in its common form, read from its bytes: unquoted fields, LF or CRLF line ends, UTF-8.
//
// The general reader (readEdges in load.ts, through csv-parser.ts) builds a string per field and looks
// each id up in a Map; on the benchmark network's 1,000,000 links that took about 2 s of the command's
// 2.6–3.0 s of loading. This reads the same file as bytes: ids are found in a hash table of the firms'
// ids as UTF-8 bytes, and whole-number values (what link values in yuan usually are) are read as digits.
//
// It gives up, returning undefined, on anything but the plain case: a quote anywhere, a lone CR, bytes
// that are not UTF-8, a field that may begin or end with a blank other than ASCII ones, a record with
// more fields than the header, an unknown id, a value it cannot read, a negative value or a self-loop.
// The general reader then reads the file and reports what is wrong with its line and column. So for
// every file it accepts it returns what readEdges returns, and it never reports an error itself; the
// tests compare the two on files of every such kind.
import { isUtf8 } from 'node:buffer';
import { readFileSync, statSync } from 'node:fs';
import type { Edges, Firms } from './load.js';

/**
 * Files larger than this are left to the general reader, which reads them in pieces: this one holds the
 * whole file in memory (a 10M-link file is about 200 MB), and a file of long ids could be several times
 * that (a 592 MB file of 1.15M links loaded with a peak of 544 MB in pieces, docs/engine.md).
 */
export const EDGES_FAST_MAX_BYTES = 256 << 20;

/** A decimal number as load.ts's parseNumber accepts it (after trimming). */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

const LF = 10;
const CR = 13;
const COMMA = 44;
const QUOTE = 34;

/** The blanks String.prototype.trim removes that are ASCII (LF and CR never reach a field here). */
function isAsciiBlank(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0b || b === 0x0c;
}

/**
 * Whether a non-ASCII blank that String.prototype.trim removes may start at `s` or end at `e` (exclusive):
 * U+00A0 (C2 A0), U+1680 (E1 9A 80), U+2000–U+200A, U+2028, U+2029, U+202F (E2 80 xx), U+205F
 * (E2 81 9F), U+3000 (E3 80 80), U+FEFF (EF BB BF). A cautious test: it only needs to say yes to those.
 */
function mayStartWithWideBlank(buf: Uint8Array, s: number, e: number): boolean {
  const b = buf[s]!;
  return s < e && (b === 0xc2 || b === 0xe1 || b === 0xe2 || b === 0xe3 || b === 0xef);
}

function mayEndWithWideBlank(buf: Uint8Array, s: number, e: number): boolean {
  if (e - s >= 2 && buf[e - 2] === 0xc2 && buf[e - 1] === 0xa0) return true;
  if (e - s < 3) return false;
  const lead = buf[e - 3]!;
  return lead === 0xe1 || lead === 0xe2 || lead === 0xe3 || lead === 0xef;
}

/** The firms' ids as UTF-8 bytes in an open-addressing hash table (FNV-1a). */
class IdTable {
  private readonly bytes: Buffer;
  private readonly start: Int32Array;
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(ids: string[]) {
    const n = ids.length;
    this.start = new Int32Array(n + 1);
    let total = 0;
    for (let k = 0; k < n; k++) {
      total += Buffer.byteLength(ids[k]!, 'utf8');
      this.start[k + 1] = total;
    }
    this.bytes = Buffer.allocUnsafe(total);
    for (let k = 0; k < n; k++) this.bytes.write(ids[k]!, this.start[k]!, 'utf8');
    let size = 16;
    while (size < 2 * n) size *= 2;
    this.mask = size - 1;
    this.slots = new Int32Array(size).fill(-1);
    for (let k = 0; k < n; k++) {
      let at = IdTable.hash(this.bytes, this.start[k]!, this.start[k + 1]!) & this.mask;
      while (this.slots[at] !== -1) at = (at + 1) & this.mask;
      this.slots[at] = k;
    }
  }

  private static hash(buf: Uint8Array, s: number, e: number): number {
    let h = 0x811c9dc5;
    for (let p = s; p < e; p++) h = Math.imul(h ^ buf[p]!, 0x01000193);
    return h >>> 0;
  }

  /** The firm whose id is buf[s..e), or −1. */
  find(buf: Uint8Array, s: number, e: number): number {
    const { bytes, start, slots, mask } = this;
    const length = e - s;
    for (let at = IdTable.hash(buf, s, e) & mask; ; at = (at + 1) & mask) {
      const k = slots[at]!;
      if (k < 0) return -1;
      const from = start[k]!;
      if (start[k + 1]! - from !== length) continue;
      let p = 0;
      while (p < length && bytes[from + p] === buf[s + p]) p++;
      if (p === length) return k;
    }
  }
}

/** A value as parseNumber reads it, when it is finite and ≥ 0; undefined otherwise. */
function readValue(buf: Uint8Array, s: number, e: number): number | undefined {
  if (e - s >= 1 && e - s <= 15) {
    let v = 0;
    let p = s;
    for (; p < e; p++) {
      const d = buf[p]! - 48;
      if (d < 0 || d > 9) break;
      v = v * 10 + d;
    }
    // Up to 15 digits are below 2^53, so this sum is exact: the double Number() gives.
    if (p === e) return v;
  }
  for (let p = s; p < e; p++) if (buf[p]! >= 0x80) return undefined;
  const text = Buffer.from(buf.buffer, buf.byteOffset + s, e - s).toString('latin1');
  if (!DECIMAL.test(text)) return undefined;
  const v = Number(text);
  return Number.isFinite(v) && !(v < 0) ? v : undefined;
}

/** The header's columns of supplier, buyer and value, and its width; undefined unless plain ASCII. */
function readHeader(buf: Uint8Array, s: number, e: number): { col: number[]; width: number } | undefined {
  for (let p = s; p < e; p++) if (buf[p]! >= 0x80) return undefined;
  const names = Buffer.from(buf.buffer, buf.byteOffset + s, e - s)
    .toString('latin1')
    .split(',')
    .map((h) => h.trim());
  const col = ['supplier', 'buyer', 'value'].map((name) => names.indexOf(name));
  if (col.some((k, t) => k < 0 || names.indexOf(['supplier', 'buyer', 'value'][t]!, k + 1) >= 0))
    return undefined;
  return { col, width: names.length };
}

/**
 * The bounds of the fields of buf[s..e) split at commas, each without the ASCII blanks around it, into
 * bounds (start, end pairs); returns how many fields, or −1 when there are more than `width` or a CR.
 */
function splitFields(buf: Uint8Array, s: number, e: number, width: number, bounds: Int32Array): number {
  let field = 0;
  let from = s;
  for (let p = s; p <= e; p++) {
    const b = p < e ? buf[p]! : COMMA;
    if (b === CR) return -1;
    if (b !== COMMA) continue;
    if (field === width) return -1;
    let a = from;
    let z = p;
    while (a < z && isAsciiBlank(buf[a]!)) a++;
    while (z > a && isAsciiBlank(buf[z - 1]!)) z--;
    bounds[2 * field] = a;
    bounds[2 * field + 1] = z;
    field++;
    from = p + 1;
  }
  return field;
}

/** edges.csv as readEdges reads it, or undefined when the file is not in the plain form (see above). */
export function readEdgesFast(
  path: string,
  firms: Firms,
  maxBytes = EDGES_FAST_MAX_BYTES,
): Edges | undefined {
  let file: Buffer;
  try {
    if (statSync(path).size > maxBytes) return undefined;
    file = readFileSync(path);
  } catch {
    return undefined;
  }
  if (file.indexOf(QUOTE) >= 0 || !isUtf8(file)) return undefined;
  // A plain Uint8Array view: every function here then sees one kind of array (V8 optimises for the
  // kinds it has seen; a Buffer is a subclass).
  const buf = new Uint8Array(file.buffer, file.byteOffset, file.length);
  // Byte loops rather than buf.indexOf: a call into Buffer's native code per line cost more than the
  // scan (0.5 s for the benchmark's 1,000,000 lines).
  const n = buf.length;
  let lines = 1;
  for (let p = 0; p < n; p++) if (buf[p] === LF) lines++;
  const supplier = new Int32Array(lines);
  const buyer = new Int32Array(lines);
  const value = new Float64Array(lines);
  const ids = new IdTable(firms.ids);
  let pos = n >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  let header: { col: number[]; width: number } | undefined;
  let count = 0;
  // Field bounds of the current record (after trimming): all of them, and the three columns read.
  let bounds = new Int32Array(0);
  const fs = new Int32Array(3);
  const fe = new Int32Array(3);
  while (pos < n) {
    let eol = pos;
    while (eol < n && buf[eol] !== LF) eol++;
    const end = eol > pos && buf[eol - 1] === CR ? eol - 1 : eol;
    const lineStart = pos;
    pos = eol + 1;
    let blank = true;
    for (let p = lineStart; p < end && blank; p++) blank = isAsciiBlank(buf[p]!);
    if (blank) continue;
    if (!header) {
      header = readHeader(buf, lineStart, end);
      if (!header) return undefined;
      bounds = new Int32Array(2 * (header.width + 1));
      continue;
    }
    const { col, width } = header;
    const fields = splitFields(buf, lineStart, end, width, bounds);
    if (fields < 0) return undefined;
    for (let t = 0; t < 3; t++) {
      const k = col[t]!;
      if (k >= fields) return undefined;
      const a = bounds[2 * k]!;
      const z = bounds[2 * k + 1]!;
      if (mayStartWithWideBlank(buf, a, z) || mayEndWithWideBlank(buf, a, z)) return undefined;
      fs[t] = a;
      fe[t] = z;
    }
    const j = ids.find(buf, fs[0]!, fe[0]!);
    const i = ids.find(buf, fs[1]!, fe[1]!);
    const w = readValue(buf, fs[2]!, fe[2]!);
    if (j < 0 || i < 0 || w === undefined) return undefined;
    if (i === j) {
      if (w === 0) continue;
      return undefined;
    }
    supplier[count] = j;
    buyer[count] = i;
    value[count] = w;
    count++;
  }
  if (!header) return undefined;
  return { supplier: supplier.slice(0, count), buyer: buyer.slice(0, count), value: value.slice(0, count) };
}
