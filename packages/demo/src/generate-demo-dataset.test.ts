import { createHash } from 'node:crypto';
import { isValidUscc, listZhejiangRegions, loadPlanPack, planNodesAndEdges } from '@chainbrain/domain';
import { describe, expect, it } from 'vitest';
import { COMPLETION_2025 } from './calibration.js';
import { generateDemoDataset } from './generate-demo-dataset.js';

const pack = loadPlanPack();
const hash = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

describe('demo dataset', () => {
  const dataset = generateDemoDataset({ pack });

  it('is deterministic: the same seed gives identical rows, another seed different ones', () => {
    expect(hash(generateDemoDataset({ pack }))).toBe(hash(dataset));
    expect(hash(generateDemoDataset({ pack, seed: 2 }))).not.toBe(hash(dataset));
  });

  it('gives every firm a valid USCC, a Zhejiang county and an existing primary node', () => {
    const counties = new Set(
      listZhejiangRegions()
        .filter((r) => r.level === 'county')
        .map((r) => r.code),
    );
    const nodeIds = new Set(planNodesAndEdges(pack).nodes.map((n) => n.id));
    expect(dataset.firms.length).toBeGreaterThanOrEqual(300);
    for (const firm of dataset.firms) {
      expect(isValidUscc(firm.uscc), firm.uscc).toBe(true);
      expect(counties.has(firm.countyCode)).toBe(true);
      expect(nodeIds.has(firm.primaryNodeId)).toBe(true);
      expect(firm.name).toContain('（演示）');
    }
    expect(new Set(dataset.firms.map((f) => f.uscc)).size).toBe(dataset.firms.length);
  });

  it('puts most of a chain in its core cities', () => {
    const ic = dataset.firms.filter((f) => f.primaryChainId === 'integrated-circuits');
    const core = new Set(pack.chains.find((c) => c.id === 'integrated-circuits')?.core);
    const inCore = ic.filter((f) => core.has(`${f.countyCode.slice(0, 4)}00`)).length;
    expect(inCore / ic.length).toBeGreaterThan(0.5);
  });

  it('leaves each chain at its calibrated 2025 position against the target', () => {
    for (const chain of pack.chains) {
      const firmIds = new Set(dataset.firms.filter((f) => f.primaryChainId === chain.id).map((f) => f.id));
      const total2025 = dataset.output
        .filter((o) => firmIds.has(o.firmId) && o.period.startsWith('2025'))
        .reduce((s, o) => s + o.valueYuan, 0);
      const ratio = total2025 / 1e8 / chain.target_2025;
      // Seasonality averages out over the year; firm noise is ±4%.
      expect(ratio).toBeGreaterThan((COMPLETION_2025[chain.id] ?? 1) * 0.95);
      expect(ratio).toBeLessThan((COMPLETION_2025[chain.id] ?? 1) * 1.05);
    }
  });

  it('ends output at the fixed month unless told otherwise', () => {
    const periods = dataset.output.map((o) => o.period).sort();
    expect(periods[0]).toBe('2019-01');
    expect(periods.at(-1)).toBe('2026-10');
    const shorter = generateDemoDataset({ pack, until: '2025-12' });
    expect(
      shorter.output
        .map((o) => o.period)
        .sort()
        .at(-1),
    ).toBe('2025-12');
  });
});
