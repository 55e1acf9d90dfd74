// Reads the `chainbrain esri` input files into the engine's flat arrays.
import { basename } from 'node:path';
import type { Scenario } from '@chainbrain/engine';
import { field, InputError, openCsv, readUtf8 } from './csv.js';

export type Firms = {
  ids: string[];
  index: Map<string, number>;
  industry: Int32Array;
  industryIndex: Map<string, number>;
  market: Int32Array;
  /** Revenue per firm; NaN where the column is absent or empty. */
  revenue: Float64Array;
  /** Line of each firm in firms.csv and the column of its revenue field (for error messages). */
  line: Int32Array;
  revenueColumn: number;
  file: string;
};

function parseNumber(file: string, line: number, column: number, name: string, text: string): number {
  const v = text === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(v)) throw new InputError(file, line, column, `${name} "${text}" is not a number`);
  return v;
}

export function readFirms(path: string): Firms {
  const t = openCsv(path, ['id', 'industry'], ['market', 'revenue']);
  const ids: string[] = [];
  const index = new Map<string, number>();
  const industries: number[] = [];
  const markets: number[] = [];
  const revenue: number[] = [];
  const lines: number[] = [];
  const industryIndex = new Map<string, number>();
  const marketIndex = new Map<string, number>();
  let revenueColumn = 0;
  for (const r of t.records) {
    const id = field(t, r, 'id');
    if (id.value === '') throw new InputError(t.file, r.line, id.column, 'empty firm id');
    if (index.has(id.value)) {
      throw new InputError(
        t.file,
        r.line,
        id.column,
        `firm "${id.value}" is listed twice (first on line ${lines[index.get(id.value)!]})`,
      );
    }
    const ind = field(t, r, 'industry');
    if (ind.value === '')
      throw new InputError(t.file, r.line, ind.column, `empty industry for firm "${id.value}"`);
    let mk = ind.value;
    if (t.col.market !== undefined) {
      const m = field(t, r, 'market');
      if (m.value !== '') mk = m.value;
    }
    let rev = Number.NaN;
    if (t.col.revenue !== undefined) {
      const rv = field(t, r, 'revenue');
      revenueColumn = rv.column;
      if (rv.value !== '') {
        rev = parseNumber(t.file, r.line, rv.column, 'revenue', rv.value);
        if (!(rev > 0)) throw new InputError(t.file, r.line, rv.column, `revenue ${rv.value} must be > 0`);
      }
    }
    index.set(id.value, ids.length);
    ids.push(id.value);
    if (!industryIndex.has(ind.value)) industryIndex.set(ind.value, industryIndex.size);
    industries.push(industryIndex.get(ind.value)!);
    if (!marketIndex.has(mk)) marketIndex.set(mk, marketIndex.size);
    markets.push(marketIndex.get(mk)!);
    revenue.push(rev);
    lines.push(r.line);
  }
  if (ids.length === 0) throw new InputError(t.file, 2, 1, 'no firms');
  return {
    ids,
    index,
    industry: Int32Array.from(industries),
    industryIndex,
    market: Int32Array.from(markets),
    revenue: Float64Array.from(revenue),
    line: Int32Array.from(lines),
    revenueColumn,
    file: t.file,
  };
}

/** Revenue of every firm, or an error naming the first firm without one. */
export function requireRevenue(firms: Firms, purpose: string): Float64Array {
  for (let i = 0; i < firms.ids.length; i++) {
    if (Number.isNaN(firms.revenue[i]!)) {
      throw new InputError(
        firms.file,
        firms.line[i]!,
        firms.revenueColumn || 1,
        `${purpose} needs the revenue of every firm; firm "${firms.ids[i]}" has none`,
      );
    }
  }
  return firms.revenue;
}

export type Edges = { supplier: Int32Array; buyer: Int32Array; value: Float64Array };

class GrowI32 {
  a = new Int32Array(1024);
  n = 0;
  push(v: number) {
    if (this.n === this.a.length) {
      const b = new Int32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
}

class GrowF64 {
  a = new Float64Array(1024);
  n = 0;
  push(v: number) {
    if (this.n === this.a.length) {
      const b = new Float64Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
}

export function readEdges(path: string, firms: Firms): Edges {
  const t = openCsv(path, ['supplier', 'buyer', 'value']);
  const sup = new GrowI32();
  const buy = new GrowI32();
  const val = new GrowF64();
  const { index } = firms;
  for (const r of t.records) {
    const s = field(t, r, 'supplier');
    const b = field(t, r, 'buyer');
    const v = field(t, r, 'value');
    const j = index.get(s.value);
    if (j === undefined)
      throw new InputError(t.file, r.line, s.column, `unknown firm "${s.value}" (not in ${firms.file})`);
    const i = index.get(b.value);
    if (i === undefined)
      throw new InputError(t.file, r.line, b.column, `unknown firm "${b.value}" (not in ${firms.file})`);
    if (i === j) {
      throw new InputError(
        t.file,
        r.line,
        b.column,
        `self-loop: firm "${s.value}" sells to itself; remove the row`,
      );
    }
    const w = parseNumber(t.file, r.line, v.column, 'value', v.value);
    if (w < 0) throw new InputError(t.file, r.line, v.column, `negative value ${v.value}`);
    sup.push(j);
    buy.push(i);
    val.push(w);
  }
  return { supplier: sup.a.slice(0, sup.n), buyer: buy.a.slice(0, buy.n), value: val.a.slice(0, val.n) };
}

/** Ratings E[k,l] (supplier industry k, buyer industry l) over the firms' industries; unlisted pairs are 0. */
export function readEssentiality(path: string, firms: Firms): Uint8Array {
  const t = openCsv(path, ['supplier_industry', 'buyer_industry', 'rating']);
  const k = firms.industryIndex.size;
  const table = new Uint8Array(k * k);
  const seen = new Map<number, number>();
  for (const r of t.records) {
    const s = field(t, r, 'supplier_industry');
    const b = field(t, r, 'buyer_industry');
    const v = field(t, r, 'rating');
    if (!/^[012]$/.test(v.value))
      throw new InputError(t.file, r.line, v.column, `rating "${v.value}" must be 0, 1 or 2`);
    const ks = firms.industryIndex.get(s.value);
    const kb = firms.industryIndex.get(b.value);
    if (ks === undefined || kb === undefined) continue; // an industry without firms here
    const slot = ks * k + kb;
    const rating = Number(v.value);
    const prev = seen.get(slot);
    if (prev !== undefined && table[slot] !== rating) {
      throw new InputError(
        t.file,
        r.line,
        v.column,
        `pair ${s.value} → ${b.value} rated again (line ${prev} says ${table[slot]})`,
      );
    }
    seen.set(slot, r.line);
    table[slot] = rating;
  }
  return table;
}

export type NamedScenario = Scenario & { name: string };

function lineColumnAt(text: string, pos: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let p = text.indexOf('\n'); p >= 0 && p < pos; p = text.indexOf('\n', p + 1)) {
    line++;
    start = p + 1;
  }
  return { line, column: pos - start + 1 };
}

export function readScenarios(path: string, firms: Firms): NamedScenario[] {
  const file = basename(path);
  const text = readUtf8(path, file);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const msg = (err as Error).message;
    const m = /position (\d+)/.exec(msg);
    const at = lineColumnAt(text, m ? Number(m[1]) : 0);
    throw new InputError(file, at.line, at.column, `invalid JSON: ${msg}`);
  }
  const fail = (needle: string | undefined, from: number, message: string): never => {
    const pos = needle === undefined ? -1 : text.indexOf(needle, from);
    const at = lineColumnAt(text, Math.max(0, pos));
    throw new InputError(file, at.line, at.column, message);
  };
  if (!Array.isArray(data)) fail(undefined, 0, 'expected a JSON array of scenarios');
  const list = data as unknown[];
  const out: NamedScenario[] = [];
  const names = new Set<string>();
  let cursor = 0;
  for (const [s, item] of list.entries()) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      fail(undefined, cursor, `scenario ${s + 1} is not an object`);
    }
    const obj = item as Record<string, unknown>;
    if (typeof obj.name !== 'string' || obj.name === '') {
      fail('{', cursor, `scenario ${s + 1} needs a "name" (string)`);
    }
    const name = obj.name as string;
    const namePos = text.indexOf(JSON.stringify(name), cursor);
    if (namePos >= 0) cursor = namePos;
    if (names.has(name)) fail(JSON.stringify(name), cursor, `scenario name "${name}" is used twice`);
    names.add(name);
    const shock = (key: 'down' | 'up') => {
      const v = obj[key];
      if (typeof v !== 'object' || v === null || Array.isArray(v)) {
        fail(`"${key}"`, cursor, `scenario "${name}": "${key}" must be an object {"<firm id>": share}`);
      }
      const ids = Object.keys(v as object);
      const firmsIdx = new Int32Array(ids.length);
      const values = new Float64Array(ids.length);
      for (const [t, id] of ids.entries()) {
        const i = firms.index.get(id);
        if (i === undefined) fail(JSON.stringify(id), cursor, `scenario "${name}": unknown firm "${id}"`);
        const x = (v as Record<string, unknown>)[id];
        if (typeof x !== 'number' || !(x >= 0 && x <= 1)) {
          fail(JSON.stringify(id), cursor, `scenario "${name}": shock of "${id}" must be a number in [0, 1]`);
        }
        firmsIdx[t] = i!;
        values[t] = x as number;
      }
      return { firms: firmsIdx, values };
    };
    if (obj.down === undefined) fail(undefined, cursor, `scenario "${name}" needs "down"`);
    const down = shock('down');
    const up = obj.up === undefined ? undefined : shock('up');
    out.push(up ? { name, down, up } : { name, down });
  }
  return out;
}
