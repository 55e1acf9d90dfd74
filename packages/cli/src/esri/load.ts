// Reads the `chainbrain esri` input files into the engine's flat arrays.
import { basename } from 'node:path';
import type { Scenario } from '@chainbrain/engine';
import { field, openCsv } from './csv.js';
import { readEdgesFast } from './edges-fast.js';
import { InputError } from './input-error.js';
import { readUtf8 } from './utf8.js';
import {
  JsonSyntaxError,
  type Located,
  lineColumnAt,
  type Member,
  parseLocatedJson,
} from './located-json.js';

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
  hasRevenueColumn: boolean;
  header: string[];
  headerLine: number;
  file: string;
};

/** A decimal number as written in a spreadsheet's CSV export (no hex, no blanks, no Infinity). */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function parseNumber(
  file: string,
  line: number,
  column: number,
  name: string,
  zhName: string,
  text: string,
): number {
  // Blanks around a number mean nothing even in quotes, unlike those around an id.
  const t = text.trim();
  const v = DECIMAL.test(t) ? Number(t) : Number.NaN;
  // 1e400 is written as a number, just one that a double cannot hold.
  if (Math.abs(v) === Number.POSITIVE_INFINITY)
    throw new InputError(
      file,
      line,
      column,
      `${name} "${text}" is out of range (a float holds at most about 1.8e308)`,
      `${zhName}“${text}”超出浮点数范围（最大约 1.8e308）`,
    );
  if (!Number.isFinite(v))
    throw new InputError(
      file,
      line,
      column,
      `${name} "${text}" is not a number`,
      `${zhName}“${text}”不是有效的数字`,
    );
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
    if (id.value === '') throw new InputError(t.file, r.line, id.column, 'empty firm id', '企业编号为空');
    if (index.has(id.value)) {
      throw new InputError(
        t.file,
        r.line,
        id.column,
        `firm "${id.value}" is listed twice (first on line ${lines[index.get(id.value)!]})`,
        `企业“${id.value}”重复出现（首次在第 ${lines[index.get(id.value)!]} 行）`,
      );
    }
    const ind = field(t, r, 'industry');
    if (ind.value === '') {
      throw new InputError(
        t.file,
        r.line,
        ind.column,
        `empty industry for firm "${id.value}"`,
        `企业“${id.value}”的行业为空`,
      );
    }
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
        rev = parseNumber(t.file, r.line, rv.column, 'revenue', '营业收入', rv.value);
        if (!(rev > 0)) {
          throw new InputError(
            t.file,
            r.line,
            rv.column,
            `revenue ${rv.value} must be > 0`,
            `营业收入 ${rv.value} 必须大于 0`,
          );
        }
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
  if (ids.length === 0) throw new InputError(t.file, t.headerLine + 1, 1, 'no firms', '没有企业');
  return {
    ids,
    index,
    industry: Int32Array.from(industries),
    industryIndex,
    market: Int32Array.from(markets),
    revenue: Float64Array.from(revenue),
    line: Int32Array.from(lines),
    revenueColumn,
    hasRevenueColumn: t.col.revenue !== undefined,
    header: t.header,
    headerLine: t.headerLine,
    file: t.file,
  };
}

/** Revenue of every firm, or an error naming the first firm without one. */
export function requireRevenue(firms: Firms, purpose: string): Float64Array {
  if (!firms.hasRevenueColumn) {
    throw new InputError(
      firms.file,
      firms.headerLine,
      1,
      `${purpose} needs a "revenue" column (header: ${firms.header.join(',')})`,
      `${purpose} 需要 "revenue" 列（表头：${firms.header.join(',')}）`,
    );
  }
  for (let i = 0; i < firms.ids.length; i++) {
    if (Number.isNaN(firms.revenue[i]!)) {
      throw new InputError(
        firms.file,
        firms.line[i]!,
        firms.revenueColumn || 1,
        `${purpose} needs the revenue of every firm; firm "${firms.ids[i]}" has none`,
        `${purpose} 需要每家企业的营业收入；企业“${firms.ids[i]}”没有填写`,
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

function unknownFirm(file: string, line: number, column: number, id: string, firmsFile: string): InputError {
  return new InputError(
    file,
    line,
    column,
    `unknown firm "${id}" (not in ${firmsFile})`,
    `未知企业“${id}”（不在 ${firmsFile} 中）`,
  );
}

/**
 * edges.csv: the plain form straight from its bytes (edges-fast.ts), anything else, and every error,
 * through the general CSV reader.
 */
export function readEdges(path: string, firms: Firms): Edges {
  return readEdgesFast(path, firms) ?? readEdgesGeneral(path, firms);
}

export function readEdgesGeneral(path: string, firms: Firms): Edges {
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
    if (j === undefined) throw unknownFirm(t.file, r.line, s.column, s.value, firms.file);
    const i = index.get(b.value);
    if (i === undefined) throw unknownFirm(t.file, r.line, b.column, b.value, firms.file);
    const w = parseNumber(t.file, r.line, v.column, 'value', '金额', v.value);
    if (w < 0)
      throw new InputError(t.file, r.line, v.column, `negative value ${v.value}`, `金额为负：${v.value}`);
    if (i === j) {
      // A zero-value row carries nothing (zero-value links are dropped anyway), so it is not worth an edit.
      if (w === 0) continue;
      throw new InputError(
        t.file,
        r.line,
        b.column,
        `self-loop: firm "${s.value}" sells to itself; remove the row`,
        `自环：企业“${s.value}”向自己销售，请删除该行`,
      );
    }
    sup.push(j);
    buy.push(i);
    val.push(w);
  }
  return { supplier: sup.a.slice(0, sup.n), buyer: buy.a.slice(0, buy.n), value: val.a.slice(0, val.n) };
}

export type Essentiality = {
  /** Ratings E[k,l] (supplier industry k, buyer industry l) over the firms' industries; unlisted: 0. */
  table: Uint8Array;
  file: string;
  rows: number;
  /** Rows whose two industries both have firms here: the rows that rate anything in this network. */
  usedRows: number;
  /** Industries of the table that no firm has, each with the line it first appears on. */
  unknown: Map<string, number>;
};

/** Reads essentiality.csv; what it covers of the network is essentiality-coverage.ts's question. */
export function readEssentiality(path: string, firms: Firms): Essentiality {
  const t = openCsv(path, ['supplier_industry', 'buyer_industry', 'rating']);
  const k = firms.industryIndex.size;
  const table = new Uint8Array(k * k);
  // Every pair's first line and rating, industries without firms here included: a table that rates a
  // pair twice, differently, is wrong whether or not this network uses the pair.
  const seen = new Map<string, { line: number; rating: number }>();
  const unknown = new Map<string, number>();
  let rows = 0;
  let usedRows = 0;
  for (const r of t.records) {
    rows++;
    const s = field(t, r, 'supplier_industry');
    const b = field(t, r, 'buyer_industry');
    const v = field(t, r, 'rating');
    if (!/^[012]$/.test(v.value.trim())) {
      throw new InputError(
        t.file,
        r.line,
        v.column,
        `rating "${v.value}" must be 0, 1 or 2`,
        `评级“${v.value}”必须是 0、1 或 2`,
      );
    }
    const rating = Number(v.value.trim());
    const pair = `${s.value}\u0000${b.value}`;
    const prev = seen.get(pair);
    if (prev !== undefined && prev.rating !== rating) {
      throw new InputError(
        t.file,
        r.line,
        v.column,
        `pair ${s.value} → ${b.value} rated again (line ${prev.line} says ${prev.rating})`,
        `行业对 ${s.value} → ${b.value} 重复评级（第 ${prev.line} 行为 ${prev.rating}）`,
      );
    }
    if (prev === undefined) seen.set(pair, { line: r.line, rating });
    const ks = firms.industryIndex.get(s.value);
    const kb = firms.industryIndex.get(b.value);
    if (ks === undefined && !unknown.has(s.value)) unknown.set(s.value, r.line);
    if (kb === undefined && !unknown.has(b.value)) unknown.set(b.value, r.line);
    if (ks === undefined || kb === undefined) continue; // an industry without firms here
    table[ks * k + kb] = rating;
    usedRows++;
  }
  return { table, file: t.file, rows, usedRows, unknown };
}

export type NamedScenario = Scenario & { name: string };

const SCENARIO_KEYS = ['name', 'down', 'up'];

/** Reads scenarios.json; every error names the line and column of the value (or key) at fault. */
export function readScenarios(path: string, firms: Firms): NamedScenario[] {
  const file = basename(path);
  const text = readUtf8(path, file);
  const fail = (pos: number, message: string, zh: string): never => {
    const at = lineColumnAt(text, pos);
    throw new InputError(file, at.line, at.column, message, zh);
  };
  let root: Located;
  try {
    root = parseLocatedJson(text);
  } catch (err) {
    if (!(err instanceof JsonSyntaxError)) throw err;
    return fail(err.pos, `invalid JSON: ${err.message}`, `JSON 格式错误：${err.zh}`);
  }
  if (root.kind !== 'array')
    return fail(root.pos, 'expected a JSON array of scenarios', '应为场景组成的 JSON 数组');
  const out: NamedScenario[] = [];
  const names = new Map<string, number>();
  for (const [s, item] of root.items.entries()) {
    if (item.kind !== 'object')
      return fail(item.pos, `scenario ${s + 1} is not an object`, `第 ${s + 1} 个场景不是对象`);
    // A misspelt key ("Up", "shocks") would otherwise be passed over, and the scenario run without it.
    for (const m of item.members) {
      if (SCENARIO_KEYS.includes(m.key)) continue;
      const meant = SCENARIO_KEYS.find((k) => k === m.key.trim().toLowerCase());
      fail(
        m.keyPos,
        `scenario ${s + 1}: unknown key "${m.key}" (the keys are "name", "down" and "up")${meant ? `; did you mean "${meant}"?` : ''}`,
        `第 ${s + 1} 个场景：未知的键 "${m.key}"（可用的键为 "name"、"down" 和 "up"）${meant ? `；是否应为 "${meant}"？` : ''}`,
      );
    }
    const member = (key: string): Member | undefined => {
      const found = item.members.filter((m) => m.key === key);
      if (found.length > 1)
        fail(
          found[1]!.keyPos,
          `scenario ${s + 1} has "${key}" twice`,
          `第 ${s + 1} 个场景的 "${key}" 出现了两次`,
        );
      return found[0];
    };
    const nameMember = member('name');
    if (nameMember?.value.kind !== 'string' || nameMember.value.value === '') {
      return fail(
        nameMember?.value.pos ?? item.pos,
        `scenario ${s + 1} needs a "name" (a non-empty string)`,
        `第 ${s + 1} 个场景需要 "name"（非空字符串）`,
      );
    }
    const name = nameMember.value.value;
    const earlier = names.get(name);
    if (earlier !== undefined) {
      return fail(
        nameMember.value.pos,
        `scenario name "${name}" is used twice (first by scenario ${earlier})`,
        `场景名“${name}”重复（第 ${earlier} 个场景已使用）`,
      );
    }
    names.set(name, s + 1);
    const shock = (key: 'down' | 'up', m: Member) => {
      const v = m.value;
      if (v.kind !== 'object') {
        return fail(
          v.pos,
          `scenario "${name}": "${key}" must be an object {"<firm id>": share}`,
          `场景“${name}”：“${key}”必须是对象 {"企业编号": 比例}`,
        );
      }
      const firmsIdx = new Int32Array(v.members.length);
      const values = new Float64Array(v.members.length);
      const seen = new Set<string>();
      for (const [t, { key: id, keyPos, value: x }] of v.members.entries()) {
        const i = firms.index.get(id);
        if (i === undefined)
          fail(keyPos, `scenario "${name}": unknown firm "${id}"`, `场景“${name}”：未知企业“${id}”`);
        if (seen.has(id)) {
          fail(
            keyPos,
            `scenario "${name}": firm "${id}" appears twice in "${key}"`,
            `场景“${name}”：企业“${id}”在 "${key}" 中出现了两次`,
          );
        }
        seen.add(id);
        if (x.kind !== 'number' || !(x.value >= 0 && x.value <= 1)) {
          fail(
            x.pos,
            `scenario "${name}": shock of "${id}" must be a number in [0, 1]`,
            `场景“${name}”：企业“${id}”的冲击必须是 0 到 1 之间的数`,
          );
        }
        firmsIdx[t] = i!;
        values[t] = (x as { value: number }).value;
      }
      return { firms: firmsIdx, values };
    };
    const downMember = member('down');
    if (!downMember) return fail(item.pos, `scenario "${name}" needs "down"`, `场景“${name}”缺少 "down"`);
    const upMember = member('up');
    const down = shock('down', downMember);
    const up = upMember ? shock('up', upMember) : undefined;
    out.push(up ? { name, down, up } : { name, down });
  }
  return out;
}
