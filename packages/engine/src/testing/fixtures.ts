// Test helper: loads the fixtures in packages/engine/test-fixtures (simple CSVs, no quoting).
import { readdirSync, readFileSync } from 'node:fs';
import { buildNetwork, type Production, type SupplyNetwork } from '../network.js';

export const FIXTURES = new URL('../../test-fixtures/', import.meta.url);

export type FixtureShock = { name: string; down: Record<string, number>; up?: Record<string, number> };
export type FixtureCase = {
  production: Production;
  substitution: boolean;
  eps: number;
  weights: string;
  /** 'revenue': the upstream channel is normalised by revenue (independent fixtures only). */
  upstream_by?: string;
  shocks: FixtureShock[];
  all_firms: boolean;
};
export type FixtureScenario = {
  name: string;
  esri: number;
  esri_down: number;
  esri_up: number;
  iterations?: number;
  h_down: Record<string, number>;
  h_up: Record<string, number>;
};
export type FixtureExpected = {
  scenarios: FixtureScenario[];
  per_firm?: Record<string, { esri: number; esri_down: number; esri_up: number }>;
};

function readCsv(path: URL): Record<string, string>[] {
  const lines = readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.length > 0);
  const header = lines[0]!.split(',');
  return lines.slice(1).map((l) => {
    const cells = l.split(',');
    return Object.fromEntries(header.map((h, c) => [h, cells[c] ?? '']));
  });
}

/** The case folders of test-fixtures/independent (README.md there). */
export function independentFixtures(): string[] {
  return readdirSync(new URL('independent/', FIXTURES), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => `independent/${d.name}`)
    .sort();
}

export function loadFixture(name: string) {
  const dir = new URL(`${name}/`, FIXTURES);
  const settings = JSON.parse(readFileSync(new URL('case.json', dir), 'utf8')) as FixtureCase;
  const expected = JSON.parse(readFileSync(new URL('expected.json', dir), 'utf8')) as FixtureExpected;
  const firms = readCsv(new URL('firms.csv', dir));
  const ids = firms.map((f) => f.id!);
  const index = new Map(ids.map((id, i) => [id, i]));
  const indIds = new Map<string, number>();
  const mkIds = new Map<string, number>();
  const code = (map: Map<string, number>, key: string) => {
    if (!map.has(key)) map.set(key, map.size);
    return map.get(key)!;
  };
  const industry = Int32Array.from(firms, (f) => code(indIds, f.industry!));
  const market = Int32Array.from(firms, (f) => code(mkIds, f.market || f.industry!));
  const revenue = Float64Array.from(firms, (f) => Number(f.revenue));
  const edges = readCsv(new URL('edges.csv', dir));
  const supplier = Int32Array.from(edges, (e) => index.get(e.supplier!)!);
  const buyer = Int32Array.from(edges, (e) => index.get(e.buyer!)!);
  const value = Float64Array.from(edges, (e) => Number(e.value));
  let essentiality: Uint8Array | undefined;
  if (settings.production === 'table') {
    const nInd = indIds.size;
    essentiality = new Uint8Array(nInd * nInd);
    for (const r of readCsv(new URL('essentiality.csv', dir))) {
      const k = indIds.get(r.supplier_industry!);
      const l = indIds.get(r.buyer_industry!);
      if (k !== undefined && l !== undefined) essentiality[k * nInd + l] = Number(r.rating);
    }
  }
  const input = {
    n: ids.length,
    supplier,
    buyer,
    value,
    industry,
    nIndustries: indIds.size,
    market,
    production: settings.production,
    essentiality,
    revenue,
  };
  const build = (shared = false): SupplyNetwork =>
    buildNetwork({
      n: ids.length,
      supplier,
      buyer,
      value,
      industry,
      nIndustries: indIds.size,
      market,
      production: settings.production,
      essentiality,
      revenue,
      upstreamBy: settings.upstream_by === 'revenue' ? 'revenue' : 'out_strength',
      shared,
    });
  const shock = (s: Record<string, number> | undefined) => {
    if (!s) return undefined;
    const keys = Object.keys(s);
    return {
      firms: Int32Array.from(keys, (k) => index.get(k)!),
      values: Float64Array.from(keys, (k) => s[k]!),
    };
  };
  const scenarios = settings.shocks.map((s) => ({ name: s.name, down: shock(s.down)!, up: shock(s.up) }));
  return { settings, expected, ids, index, input, build, scenarios, revenue };
}
