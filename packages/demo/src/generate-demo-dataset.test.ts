import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  isValidUscc,
  listZhejiangRegions,
  loadPlanPack,
  parseSourceId,
  planNodesAndEdges,
} from '@chainbrain/domain';
import { afterAll, describe, expect, it } from 'vitest';
import { COMPLETION_2025, TEN_CHAIN_SHARE } from './calibration.js';
import { exportDemoDataset } from './export-dataset.js';
import { DEMO_DEFAULTS, generateDemoDataset } from './generate-demo-dataset.js';

const pack = loadPlanPack();
const { nodes, edges } = planNodesAndEdges(pack);
const nodeById = new Map(nodes.map((n) => [n.id, n]));
const edgeSet = new Set(edges.map((e) => `${e.from}>${e.to}`));
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function exportHash(seed: number, firms: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'cb-demo-'));
  dirs.push(dir);
  exportDemoDataset(generateDemoDataset({ pack, seed, firms }), dir);
  const hash = createHash('sha256');
  for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    if (!file.includes('.')) continue;
    hash.update(file);
    hash.update(readFileSync(join(dir, file)));
  }
  return hash.digest('hex');
}

function hhi(values: number[]): number {
  const total = values.reduce((s, v) => s + v, 0);
  return values.reduce((s, v) => s + (v / total) ** 2, 0);
}

// A mid-size dataset (a fifth of the full one) for the structural checks; the full size is checked in
// full-dataset.test.ts.
const dataset = generateDemoDataset({ pack, firms: 6000 });
const firmById = new Map(dataset.firms.map((f) => [f.id, f]));

describe('demo dataset generator', () => {
  it('is deterministic: the same seed gives byte-identical export files, another seed different ones', () => {
    const first = exportHash(1, 1200);
    expect(exportHash(1, 1200)).toBe(first);
    expect(exportHash(2, 1200)).not.toBe(first);
  });

  it('defaults to the full size and the fixed end month', () => {
    expect(DEMO_DEFAULTS.firms).toBeGreaterThanOrEqual(25_000);
    expect(DEMO_DEFAULTS.until).toBe('2026-10');
    const periods = dataset.output.map((o) => o.period).sort();
    expect(periods[0]).toBe('2019-01');
    expect(periods.at(-1)).toBe('2026-10');
    const shorter = generateDemoDataset({ pack, firms: 300, until: '2025-12' });
    expect(
      shorter.output
        .map((o) => o.period)
        .sort()
        .at(-1),
    ).toBe('2025-12');
  });

  it('gives every firm a valid unique USCC, a Zhejiang county, an existing node and a synthetic name', () => {
    const counties = new Set(
      listZhejiangRegions()
        .filter((r) => r.level === 'county')
        .map((r) => r.code),
    );
    expect(dataset.firms).toHaveLength(6000);
    for (const firm of dataset.firms) {
      expect(isValidUscc(firm.uscc), firm.uscc).toBe(true);
      expect(firm.uscc.slice(2, 8)).toBe(firm.countyCode);
      expect(counties.has(firm.countyCode)).toBe(true);
      expect(nodeById.get(firm.primaryNodeId)?.chainId).toBe(firm.primaryChainId);
      for (const id of firm.secondaryNodeIds) expect(nodeById.has(id)).toBe(true);
      expect(firm.name).toMatch(/（演示）$/);
    }
    expect(new Set(dataset.firms.map((f) => f.uscc)).size).toBe(dataset.firms.length);
    expect(new Set(dataset.firms.map((f) => f.name)).size).toBe(dataset.firms.length);
  });

  it('places firms by the plan layout: core cities carry the majority of each chain', () => {
    for (const chain of pack.chains) {
      const firms = dataset.firms.filter((f) => f.primaryChainId === chain.id);
      const city = (f: { countyCode: string }) => `${f.countyCode.slice(0, 4)}00`;
      const inCore = firms.filter((f) => chain.core.includes(city(f))).length / firms.length;
      const inLayout =
        firms.filter((f) => chain.core.includes(city(f)) || chain.collaborating.includes(city(f))).length /
        firms.length;
      if (chain.core.length > 0) expect(inCore, chain.id).toBeGreaterThan(0.5);
      expect(inLayout, chain.id).toBeGreaterThan(0.82);
      // The chain leaders sit in core cities.
      for (const leader of firms.filter((f) => f.tags.includes('链主')))
        if (chain.core.length > 0) expect(chain.core).toContain(city(leader));
    }
  });

  it('tags plausible numbers of firms', () => {
    const count = (tag: string) => dataset.firms.filter((f) => f.tags.includes(tag)).length;
    expect(count('链主')).toBe(3 * pack.chains.length);
    expect(count('龙头')).toBeGreaterThan(40);
    expect(count('龙头')).toBeLessThan(120);
    expect(count('单项冠军')).toBeGreaterThan(10);
    expect(count('专精特新')).toBeGreaterThan(200);
    expect(count('专精特新')).toBeLessThan(700);
  });

  it('links follow chain-map input edges; source suppliers are origin × node feeding an allowed node', () => {
    let sources = 0;
    for (const link of dataset.supplyLinks) {
      const buyer = firmById.get(link.buyerFirmId);
      expect(buyer).toBeDefined();
      let fromNode: string;
      if (link.supplierFirmId !== null) {
        expect(link.supplierSource).toBeNull();
        expect(link.supplierFirmId).not.toBe(link.buyerFirmId);
        fromNode = firmById.get(link.supplierFirmId)?.primaryNodeId as string;
      } else {
        const parsed = parseSourceId(link.supplierSource as string);
        expect(parsed, link.supplierSource as string).toBeDefined();
        fromNode = parsed?.nodeId as string;
        sources++;
      }
      expect(edgeSet.has(`${fromNode}>${buyer?.primaryNodeId}`), `${fromNode}>${buyer?.primaryNodeId}`).toBe(
        true,
      );
      expect(link.period).toMatch(/^\d{4}$/);
      expect(link.valueYuan).toBeGreaterThanOrEqual(1);
    }
    expect(sources).toBeGreaterThan(0);
    expect(dataset.demoLinks.length).toBeGreaterThan(6000 * 9);
    // One row per link and year: no duplicate (supplier, buyer, period).
    const keys = new Set(
      dataset.supplyLinks.map((l) => `${l.supplierFirmId ?? l.supplierSource}>${l.buyerFirmId}@${l.period}`),
    );
    expect(keys.size).toBe(dataset.supplyLinks.length);
  });

  it('has heavy-tailed degrees: hubs far above the median, a Hill tail index below 3', () => {
    const inDegree = new Map<number, number>();
    const outDegree = new Map<number, number>();
    for (const l of dataset.demoLinks) {
      inDegree.set(l.buyer, (inDegree.get(l.buyer) ?? 0) + 1);
      if (l.supplier >= 0) outDegree.set(l.supplier, (outDegree.get(l.supplier) ?? 0) + 1);
    }
    const sorted = (m: Map<number, number>) => [...m.values()].sort((a, b) => b - a);
    const ins = sorted(inDegree);
    const outs = sorted(outDegree);
    const median = (xs: number[]) => xs[xs.length >> 1] as number;
    expect(ins[0]).toBeGreaterThan(10 * median(ins));
    expect(outs[0]).toBeGreaterThan(30 * median(outs));
    // Hill estimator of the tail index on the top 5% of out-degrees.
    const k = Math.floor(outs.length * 0.05);
    const xk = outs[k] as number;
    const hill = k / outs.slice(0, k).reduce((s, x) => s + Math.log(x / xk), 0);
    expect(hill).toBeLessThan(3);
  });

  it('makes the named gaps import-dependent and concentrated, ordinary inputs diversified', () => {
    const refYear = String(dataset.context.refYear);
    const byNode = new Map<string, Map<string, number>>();
    const foreign = new Map<string, number>();
    const total = new Map<string, number>();
    for (const l of dataset.supplyLinks) {
      if (l.period !== refYear) continue;
      const node =
        l.supplierFirmId !== null
          ? (firmById.get(l.supplierFirmId)?.primaryNodeId as string)
          : (parseSourceId(l.supplierSource as string)?.nodeId as string);
      total.set(node, (total.get(node) ?? 0) + l.valueYuan);
      const parsed = l.supplierSource ? parseSourceId(l.supplierSource) : undefined;
      if (parsed?.kind !== 'foreign') continue;
      foreign.set(node, (foreign.get(node) ?? 0) + l.valueYuan);
      const origins = byNode.get(node) ?? new Map<string, number>();
      origins.set(parsed.country, (origins.get(parsed.country) ?? 0) + l.valueYuan);
      byNode.set(node, origins);
    }
    const gaps = nodes.filter((n) => n.flags.includes('gap') && byNode.has(n.id));
    expect(gaps.length).toBeGreaterThan(20);
    for (const node of gaps)
      expect(hhi([...(byNode.get(node.id)?.values() ?? [])]), node.id).toBeGreaterThan(0.4);
    const ordinary = nodes.filter(
      (n) => n.flags.length === 0 && (byNode.get(n.id)?.size ?? 0) > 0 && (foreign.get(n.id) ?? 0) > 0,
    );
    const ordinaryHhi = ordinary
      .map((n) => hhi([...(byNode.get(n.id)?.values() ?? [])]))
      .sort((a, b) => a - b);
    expect(ordinaryHhi[ordinaryHhi.length >> 1]).toBeLessThan(0.3);
    const share = (list: typeof nodes) =>
      list.reduce((s, n) => s + (foreign.get(n.id) ?? 0), 0) /
      list.reduce((s, n) => s + (total.get(n.id) ?? 0), 0);
    expect(share(gaps)).toBeGreaterThan(3 * share(ordinary));
  });

  it('writes customs imports that add up to the foreign links of each firm, origin and year', () => {
    const fromLinks = new Map<string, number>();
    for (const l of dataset.supplyLinks) {
      const parsed = l.supplierSource ? parseSourceId(l.supplierSource) : undefined;
      if (parsed?.kind !== 'foreign' || (nodeById.get(parsed.nodeId)?.hsCodes.length ?? 0) === 0) continue;
      const key = `${l.buyerFirmId}|${parsed.country}|${l.period}`;
      fromLinks.set(key, (fromLinks.get(key) ?? 0) + l.valueYuan);
    }
    const fromCustoms = new Map<string, number>();
    for (const c of dataset.customs) {
      expect(c.hsCode).toMatch(/^\d{6}$/);
      if (c.direction !== 'import' || c.period > `${dataset.context.refYear}-12`) continue;
      const key = `${c.firmId}|${c.country}|${c.period.slice(0, 4)}`;
      fromCustoms.set(key, (fromCustoms.get(key) ?? 0) + c.valueYuan);
    }
    expect(fromCustoms.size).toBe(fromLinks.size);
    for (const [key, value] of fromLinks) expect(fromCustoms.get(key), key).toBe(value);
    expect(dataset.customs.some((c) => c.direction === 'export')).toBe(true);
  });

  it('leaves each chain at its calibrated 2025 position and tracks the 68% share', () => {
    let chains2025 = 0;
    for (const chain of pack.chains) {
      const total2025 = dataset.output
        .filter((o) => o.period.startsWith('2025') && firmById.get(o.firmId)?.primaryChainId === chain.id)
        .reduce((s, o) => s + o.valueYuan, 0);
      chains2025 += total2025;
      expect(total2025 / 1e8 / chain.target_2025).toBeCloseTo(COMPLETION_2025[chain.id] ?? 1, 2);
    }
    const province2025 = dataset.regionOutput
      .filter((r) => r.regionCode === '330000' && r.period.startsWith('2025'))
      .reduce((s, r) => s + r.valueYuan, 0);
    expect(chains2025 / province2025).toBeGreaterThan(TEN_CHAIN_SHARE[2025] - 0.01);
    expect(chains2025 / province2025).toBeLessThan(0.68);
  });

  it('registers backups only for single-sourced essential inputs, and builds communities around chain leaders', () => {
    const backups = dataset.backups ?? [];
    expect(backups.length).toBeGreaterThan(100);
    const refYear = dataset.context.refYear as number;
    const suppliersOf = new Map<string, number>();
    for (const l of dataset.demoLinks)
      if (l.firstYear <= refYear && l.lastYear >= refYear) {
        const key = `${dataset.demoFirms[l.buyer]?.id}|${nodes[l.nodeIndex]?.id}`;
        suppliersOf.set(key, (suppliersOf.get(key) ?? 0) + 1);
      }
    for (const b of backups) {
      expect(suppliersOf.get(`${b.buyerFirmId}|${b.inputNodeId}`)).toBe(1);
      expect((b.backupFirmId === null) !== (b.backupSource === null)).toBe(true);
      if (b.backupFirmId !== null) expect(b.backupFirmId).not.toBe(b.currentSupplierFirmId);
      const buyerNode = firmById.get(b.buyerFirmId)?.primaryNodeId;
      expect(edges.some((e) => e.from === b.inputNodeId && e.to === buyerNode && e.essentiality === 2)).toBe(
        true,
      );
    }
    expect(new Set(backups.map((b) => b.standard))).toEqual(new Set(['same', 'lower']));
    const communities = dataset.communities ?? [];
    expect(communities).toHaveLength(3 * pack.chains.length);
    for (const c of communities) {
      expect(firmById.get(c.leaderFirmId)?.tags).toContain('链主');
      const members = (dataset.communityMembers ?? []).filter((m) => m.communityId === c.id);
      expect(members.filter((m) => m.role === 'leader')).toHaveLength(1);
      expect(members.length).toBeGreaterThan(5);
    }
    for (const p of dataset.projects ?? []) {
      expect(nodeById.get(p.nodeId)?.chainId).toBe(p.chainId);
      expect(p.name).toMatch(/（演示）$/);
    }
    expect((dataset.firstOfKind ?? []).length).toBeGreaterThan(20);
  });

  it('exports the contract headers and an esri/ network whose firms include the source nodes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-demo-'));
    dirs.push(dir);
    const small = generateDemoDataset({ pack, firms: 500 });
    exportDemoDataset(small, dir);
    const header = (file: string) => readFileSync(join(dir, file), 'utf8').split('\n')[0];
    expect(header('firms.csv')).toBe('id,uscc,name,county_code,node_id,size,tags');
    expect(header('links.csv')).toBe('supplier,buyer,period,value');
    expect(header('customs.csv')).toBe('firm,hs_code,country,direction,period,value');
    expect(header('output.csv')).toBe('firm,period,value');
    expect(header('esri/edges.csv')).toBe('supplier,buyer,value');
    expect(header('esri/firms.csv')).toBe('id,industry');
    expect(header('esri/essentiality.csv')).toBe('supplier_industry,buyer_industry,rating');
    const esriFirms = new Set(
      readFileSync(join(dir, 'esri/firms.csv'), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split(',')[0]),
    );
    const esriEdges = readFileSync(join(dir, 'esri/edges.csv'), 'utf8').trim().split('\n').slice(1);
    expect(esriEdges.length).toBeGreaterThan(500);
    for (const line of esriEdges) {
      const [supplier, buyer] = line.split(',');
      expect(esriFirms.has(supplier)).toBe(true);
      expect(esriFirms.has(buyer)).toBe(true);
    }
  });
});
