import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPlanPack } from '@chainbrain/domain';
import { describe, expect, it } from 'vitest';
import { generateDemoDataset } from './generate-demo-dataset.js';
import { writeScaleNetwork } from './scale-network.js';

const pack = loadPlanPack();

describe('full demo dataset (generated once)', () => {
  it('has the full orders of magnitude: ≥ 25,000 firms, ≥ 250,000 links, all months', () => {
    const dataset = generateDemoDataset({ pack });
    expect(dataset.firms.length).toBeGreaterThanOrEqual(25_000);
    expect(dataset.demoLinks.length).toBeGreaterThanOrEqual(250_000);
    const refYear = String(dataset.context.refYear);
    expect(dataset.supplyLinks.filter((l) => l.period === refYear).length).toBeGreaterThan(200_000);
    // 94 months for most firms (late entrants start later).
    expect(dataset.output.length).toBeGreaterThan(dataset.firms.length * 94 * 0.9);
    const counties = new Set(dataset.firms.map((f) => f.countyCode));
    expect(counties.size).toBe(90);
    // Sizes by output: most firms small, a minority large, few below the above-scale threshold.
    const size = (s: string) => dataset.firms.filter((f) => f.sizeClass === s).length;
    expect(size('small')).toBeGreaterThan(3 * size('large'));
    expect(size('large')).toBeLessThan(0.12 * dataset.firms.length);
    expect(size('micro')).toBeLessThan(0.1 * dataset.firms.length);
  }, 120_000);
});

describe('scale network', () => {
  it('writes the esri input format, deterministically, with the requested size', () => {
    const a = mkdtempSync(join(tmpdir(), 'cb-scale-'));
    const b = mkdtempSync(join(tmpdir(), 'cb-scale-'));
    try {
      const counts = writeScaleNetwork({ pack, firms: 5000, links: 40_000, out: a });
      writeScaleNetwork({ pack, firms: 5000, links: 40_000, out: b });
      expect(counts.firms).toBe(5000);
      expect(counts.links).toBeGreaterThan(39_000);
      expect(counts.links).toBeLessThanOrEqual(40_000);
      for (const file of ['edges.csv', 'firms.csv', 'essentiality.csv'])
        expect(readFileSync(join(a, file)).equals(readFileSync(join(b, file)))).toBe(true);
      const firms = readFileSync(join(a, 'firms.csv'), 'utf8').trim().split('\n');
      expect(firms[0]).toBe('id,industry');
      const industry = new Map(firms.slice(1).map((line) => line.split(',') as [string, string]));
      const allowed = new Set(
        readFileSync(join(a, 'essentiality.csv'), 'utf8')
          .trim()
          .split('\n')
          .slice(1)
          .map((line) => line.split(',').slice(0, 2).join('>')),
      );
      const edges = readFileSync(join(a, 'edges.csv'), 'utf8').trim().split('\n');
      expect(edges[0]).toBe('supplier,buyer,value');
      const pairs = new Set<string>();
      for (const line of edges.slice(1)) {
        const [s, t, v] = line.split(',') as [string, string, string];
        expect(allowed.has(`${industry.get(s)}>${industry.get(t)}`)).toBe(true);
        expect(Number(v)).toBeGreaterThanOrEqual(1);
        pairs.add(`${s}>${t}`);
      }
      expect(pairs.size).toBe(edges.length - 1);
    } finally {
      rmSync(a, { recursive: true, force: true });
      rmSync(b, { recursive: true, force: true });
    }
  });
});
