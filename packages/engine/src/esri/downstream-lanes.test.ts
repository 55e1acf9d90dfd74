import { describe, expect, it } from 'vitest';
import type { Production, SupplyNetwork } from '../network.js';
import { nativeBuild, nativeSweep, nativeSweepExpected } from '../testing/native-sweep.js';
import { randomNetwork } from '../testing/random.js';
import { runDenseCascade } from './dense.js';
import { DownstreamLanes } from './downstream-lanes.js';

type Engine = DownstreamLanes['engine'];

/** The engines this machine can step in: WebAssembly, JavaScript, and native where it was built. */
const ENGINES: Engine[] = ['wasm', 'js', ...(nativeSweep ? (['native'] as const) : [])];

function lanesOn(net: SupplyNetwork, count: number, substitution: boolean, engine: Engine): DownstreamLanes {
  const lanes = new DownstreamLanes(
    net,
    count,
    substitution,
    engine === 'js',
    engine === 'native' ? nativeSweep : undefined,
  );
  expect(lanes.engine).toBe(engine);
  return lanes;
}

/** The dense reference's hd after `steps` steps of a downstream-only run on firm f. */
function referenceHd(net: SupplyNetwork, f: number, steps: number, substitution: boolean): Float64Array {
  if (steps === 0) {
    const hd = new Float64Array(net.n).fill(1);
    hd[f] = 0;
    return hd;
  }
  const none = { firms: [], values: [] };
  return runDenseCascade(net, { firms: [f], values: [1] }, none, { eps: 0, maxSteps: steps, substitution })
    .hd;
}

function column(lanes: DownstreamLanes, l: number, n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => lanes.hd[lanes.slotOf[i]! * lanes.lanes + l]!);
}

/** Runs `firms` (one per lane) for `steps` steps and checks every lane's state and drop bit for bit. */
function checkAgainstDense(
  net: SupplyNetwork,
  firms: number[],
  steps: number,
  substitution: boolean,
  engine: Engine = 'wasm',
  count = firms.length,
) {
  const lanes = lanesOn(net, count, substitution, engine);
  for (const [l, f] of firms.entries()) lanes.begin(l, f);
  let before = firms.map((f) => referenceHd(net, f, 0, substitution));
  let changed = 0;
  for (let t = 1; t <= steps; t++) {
    lanes.step();
    const after = firms.map((f) => referenceHd(net, f, t, substitution));
    firms.forEach((f, l) => {
      const got = column(lanes, l, net.n);
      expect(Array.from(got), `firm ${f}, lane ${l}, step ${t}`).toEqual(Array.from(after[l]!));
      let drop = 0;
      for (let i = 0; i < net.n; i++) drop = Math.max(drop, before[l]![i]! - after[l]![i]!);
      expect(lanes.drop[l], `drop of firm ${f}, step ${t}`).toBe(drop);
      if (drop > 0) changed++;
    });
    before = after;
  }
  return { lanes, changed };
}

/** A network of 180 firms in 7 industries and 5 markets, with hubs, for the bit-for-bit checks. */
function smallNetwork(production: Production): SupplyNetwork {
  return randomNetwork({ n: 180, links: 1300, industries: 7, markets: 5, hubs: 4, production, seed: 31 });
}

describe('the downstream channel of several firms in dense lane steps', () => {
  const productions: Production[] = ['table', 'linear', 'leontief'];

  it.each(productions)('gives the dense reference bits in every lane (%s)', (production) => {
    const net = smallNetwork(production);
    for (const substitution of [false, true]) {
      for (const firms of [
        [0, 3],
        [1, 2, 40, 77],
        [5, 9, 11, 0, 150, 6, 7, 8],
      ]) {
        const { changed } = checkAgainstDense(net, firms, 8, substitution);
        expect(changed, 'the shocks spread').toBeGreaterThan(firms.length);
      }
    }
  });

  it.each(productions)('native step: the dense reference bits in 8 and 16 lanes (%s)', (production) => {
    if (!nativeSweep) return;
    const net = smallNetwork(production);
    for (const substitution of [false, true]) {
      // Eight lanes with some left empty, and sixteen (two vectors per firm).
      const { changed } = checkAgainstDense(net, [5, 9, 11, 0, 150], 8, substitution, 'native', 8);
      expect(changed, 'the shocks spread').toBeGreaterThan(5);
      checkAgainstDense(
        net,
        [1, 2, 40, 77, 3, 4, 6, 7, 8, 10, 12, 13, 14, 15, 16, 17],
        6,
        substitution,
        'native',
      );
    }
  });

  it('steps natively on a machine with AVX-512 and a C++ compiler (ADR 0023)', () => {
    if (!nativeSweepExpected()) {
      expect(nativeBuild.available ? '' : nativeBuild.reason).not.toBe('');
      return;
    }
    const net = randomNetwork({ n: 30, links: 90, industries: 3, seed: 2 });
    expect(new DownstreamLanes(net, 8, true, false, nativeSweep).engine).toBe('native');
    // A lane count the native step has no kernel for steps in WebAssembly.
    expect(new DownstreamLanes(net, 4, true, false, nativeSweep).engine).toBe('wasm');
    expect(new DownstreamLanes(net, 8, true, true, nativeSweep).engine).toBe('js');
  });

  it('sums availability block by block as the reference does (networks past one block)', () => {
    // AVAIL_BLOCK is 16,384 firms: a market's availability is the sum of its blocks' sums.
    const net = randomNetwork({ n: 40_000, links: 160_000, industries: 9, markets: 3, hubs: 20, seed: 5 });
    checkAgainstDense(net, [0, 1, 20_000, 39_999], 4, true);
    checkAgainstDense(net, [0, 1, 20_000, 39_999], 2, true, 'js');
    if (nativeSweep) checkAgainstDense(net, [0, 1, 20_000, 39_999], 4, true, 'native', 8);
  });

  it.each(ENGINES)('takes a new firm into a lane that held another (%s)', (engine) => {
    const net = randomNetwork({ n: 120, links: 800, industries: 6, hubs: 3, seed: 9 });
    const lanes = lanesOn(net, engine === 'native' ? 8 : 2, true, engine);
    lanes.begin(0, 3);
    lanes.begin(1, 4);
    for (let t = 0; t < 5; t++) lanes.step();
    lanes.end(0, 3);
    lanes.begin(0, 7);
    // Lane 1 goes on with firm 4; lane 0 starts firm 7 from its shock.
    for (let t = 1; t <= 3; t++) {
      lanes.step();
      expect(Array.from(column(lanes, 0, net.n))).toEqual(Array.from(referenceHd(net, 7, t, true)));
      expect(Array.from(column(lanes, 1, net.n))).toEqual(Array.from(referenceHd(net, 4, t + 5, true)));
    }
  });
});
