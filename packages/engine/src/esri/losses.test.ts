import { describe, expect, it } from 'vitest';
import { buildNetwork } from '../network.js';
import { runScenario } from './esri.js';
import { aggregateLosses } from './losses.js';

describe('losses by group', () => {
  it('hand-computed: downstream, upstream and combined loss in money and share', () => {
    // 4 firms: outputs 100, 50, 30, 20; groups A = {0, 1}, B = {2}, firm 3 in no group.
    const state = {
      hd: Float64Array.from([0.5, 1, 0.9, 0]),
      hu: Float64Array.from([1, 0.2, 0.5, 0]),
    };
    const r = aggregateLosses(state, Float64Array.from([100, 50, 30, 20]), Int32Array.from([0, 0, 1, -1]), 3);
    // A: down 100·.5 + 50·0 = 50; up 100·0 + 50·.8 = 40; combined 100·.5 + 50·.8 = 90; output 150
    expect(Array.from(r.output)).toEqual([150, 30, 0]);
    expect(r.down[0]).toBe(50);
    expect(r.up[0]).toBeCloseTo(40, 12);
    expect(r.combined[0]).toBeCloseTo(90, 12);
    expect(r.downShare[0]).toBeCloseTo(1 / 3, 15);
    expect(r.combinedShare[0]).toBeCloseTo(0.6, 12);
    // B: down 30·.1 = 3, up 30·.5 = 15, combined 15; shares .1, .5, .5
    expect(r.down[1]).toBeCloseTo(3, 12);
    expect(r.up[1]).toBe(15);
    expect(r.combinedShare[1]).toBe(0.5);
    // empty group: zero output, zero shares
    expect(r.combinedShare[2]).toBe(0);
  });

  it('refuses group counts and ids that are not whole numbers, and outputs that are not finite', () => {
    const state = { hd: Float64Array.from([0.5, 1]), hu: Float64Array.from([1, 0.2]) };
    const output = Float64Array.from([100, 50]);
    const groups = Int32Array.from([0, 1]);
    // A typed array of 1.5 entries has 1: group 1's firm would vanish without a word.
    for (const nGroups of [1.5, Number.NaN, undefined as unknown as number, -1]) {
      expect(() => aggregateLosses(state, output, groups, nGroups)).toThrow(/whole number ≥ 0/);
    }
    const fractional = Float64Array.from([0, 0.5]) as unknown as Int32Array;
    expect(() => aggregateLosses(state, output, fractional, 2)).toThrow(/group 0.5, not a whole number/);
    expect(() => aggregateLosses(state, Float64Array.from([100, Infinity]), groups, 2)).toThrow(
      /output of firm 1 is Infinity/,
    );
    expect(Array.from(aggregateLosses(state, output, groups, 2).output)).toEqual([100, 50]);
  });

  it('aggregates a scenario by industry; the all-firm group gives ESRI × total output', () => {
    const net = buildNetwork({
      n: 4,
      supplier: Int32Array.from([0, 1, 2]),
      buyer: Int32Array.from([1, 2, 3]),
      value: Float64Array.from([4, 3, 2]),
      industry: Int32Array.from([0, 1, 1, 2]),
      production: 'linear',
    });
    const r = runScenario(net, { down: { firms: [1], values: [0.5] } }, { eps: 1e-9 });
    const all = aggregateLosses(r, net.sOut, new Int32Array(4), 1);
    expect(all.combinedShare[0]).toBeCloseTo(r.esri, 15);
    expect(all.downShare[0]).toBeCloseTo(r.esriDown, 15);
    expect(all.upShare[0]).toBeCloseTo(r.esriUp, 15);
    const byIndustry = aggregateLosses(r, net.sOut, net.industry, 3);
    expect(byIndustry.combined[0]! + byIndustry.combined[1]! + byIndustry.combined[2]!).toBeCloseTo(
      all.combined[0]!,
      12,
    );
    expect(() => aggregateLosses(r, net.sOut, Int32Array.from([0, 0, 0, 5]), 3)).toThrow(/group 5/);
  });
});
