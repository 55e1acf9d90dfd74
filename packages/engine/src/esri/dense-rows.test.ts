import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { randomNetwork, rng } from '../testing/random.js';
import { plainDownstreamStep } from '../testing/row-values.js';
import {
  allocDense,
  bindRowJobs,
  CANDIDATES_PULL,
  CANDIDATES_PUSH,
  DENSE_DOWN,
  DENSE_DOWN_WRITE,
  DENSE_SUMS,
  DENSE_UP,
  rowJobsCompiled,
  upstreamValue,
} from './dense-rows.js';

// The row loops run as a copy compiled per binding (bindRowJobs); these tests check that the copy is
// made (a transpiler that broke its source would silently cost speed) and that it computes the rows'
// values exactly as the plain row functions do.
describe('dense row jobs', () => {
  const net = randomNetwork({ n: 300, links: 3000, industries: 6, hubs: 5, seed: 7 });
  const { n } = net;

  function damagedState(seed: number) {
    const r = rng(seed);
    const s = allocDense(net, 0, false);
    for (let i = 0; i < n; i++) {
      s.hd[i] = r() < 0.4 ? r() : 1;
      s.dmgSeen[i] = 1 - s.hd[i]!;
      s.hu[i] = r() < 0.4 ? r() : 1;
      s.capD[i] = r() < 0.05 ? 0 : 1;
      s.capU[i] = r() < 0.05 ? 0.5 : 1;
    }
    return s;
  }

  it('is compiled as a copy of its own for each binding', () => {
    const s = damagedState(1);
    bindRowJobs(net, s)(DENSE_UP, 0, n);
    expect(rowJobsCompiled()).toBe(true);
  });

  it('is compiled under tsx too (the command and the pool workers), whose transpiler adds name helpers', () => {
    const script = fileURLToPath(new URL('../testing/row-jobs-under-tsx.ts', import.meta.url));
    const out = execFileSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({ compiled: true, same: true });
  });

  it('gives the row functions’ values for every dense job, on any split of the rows', () => {
    const s = damagedState(2);
    const rows = bindRowJobs(net, s);
    rows(DENSE_UP, 0, 100);
    rows(DENSE_UP, 100, n);
    rows(DENSE_DOWN, 0, n);
    rows(DENSE_SUMS, 0, n);
    const plain = plainDownstreamStep(net, s);
    for (let i = 0; i < n; i++) {
      const { uOutPtr, uOutDst, uOutCoef } = net;
      expect(s.newU[i]).toBe(upstreamValue(i, s.hu, s.capU, uOutPtr, uOutDst, uOutCoef));
      expect(s.newD[i]).toBe(plain.values[i]);
      let sumU = 0;
      for (let e = uOutPtr[i]!; e < uOutPtr[i + 1]!; e++) sumU += uOutCoef[e]! * (1 - s.hu[uOutDst[e]!]!);
      expect(s.sumU[i]).toBe(sumU);
    }
    // Every group sum is now its row's.
    expect(Array.from(s.sumD)).toEqual(Array.from(plain.sums));
    expect(s.newU.some((v) => v < 1)).toBe(true);
    expect(s.newD.some((v) => v < 1)).toBe(true);
  });

  it('writes the changed hd in place and flags them when asked to (DENSE_DOWN_WRITE)', () => {
    const s = damagedState(4);
    // Some firms already at their row's value, so that some rows change nothing.
    const plain = plainDownstreamStep(net, s);
    for (let i = 0; i < n; i += 5) s.hd[i] = plain.values[i]!;
    const before = Float64Array.from(s.hd);
    const rows = bindRowJobs(net, s);
    rows(DENSE_DOWN_WRITE, 0, 123);
    rows(DENSE_DOWN_WRITE, 123, n);
    const seen = [0, 0, 0];
    for (let i = 0; i < n; i++) {
      expect(s.hd[i]).toBe(plain.values[i]);
      const change = before[i] === plain.values[i] ? 0 : before[i] === 1 ? 2 : 1;
      expect(s.changedD[i]).toBe(change);
      expect(s.newD[i]).toBe(before[i]! - plain.values[i]!);
      seen[change]!++;
    }
    expect(Array.from(s.sumD)).toEqual(Array.from(plain.sums));
    // Each kind of firm occurred.
    expect(Math.min(...seen)).toBeGreaterThan(10);
  });

  it('computes listed candidates from their rows or, where rounding allows, from the group sums', () => {
    const s = damagedState(3);
    const rows = bindRowJobs(net, s);
    // Group sums as the rows give them, so that pushed and pulled values agree to rounding.
    rows(DENSE_DOWN, 0, n);
    const rowValues = Float64Array.from(s.newD);
    s.pushesD.fill(3);
    const candidates = [5, 17, 42, 99, 250];
    candidates.forEach((i, c) => {
      s.candD[c] = i;
    });
    const params = [candidates.length, 1e-2, 1e-12, 0];
    s.params.set(params);
    rows(CANDIDATES_PULL, 0, candidates.length);
    const pulled = Array.from(s.newD.subarray(0, candidates.length));
    candidates.forEach((i, c) => {
      expect(pulled[c]).toBe(rowValues[i]);
      expect(s.pushesD[i]).toBe(0);
    });
    // Pushed sums a few ulps off their rows' (as pushing in another order leaves them): with no rounding
    // allowance a value that changes is read from its row, with a large one it comes from the sums.
    const nudge = () => {
      for (const i of candidates) {
        for (let g = net.dGroupPtr[i]!; g < net.dGroupPtr[i + 1]!; g++)
          if (s.sumD[g]! > 0) s.sumD[g]! *= 1 + 1e-14;
      }
      s.pushesD.fill(3);
    };
    const moved = candidates.filter(
      (i) => rowValues[i] !== s.hd[i] && rowValues[i]! > 0 && rowValues[i]! < 1,
    );
    expect(moved.length).toBeGreaterThan(1);
    nudge();
    rows(CANDIDATES_PUSH, 0, candidates.length);
    candidates.forEach((i, c) => {
      expect(s.newD[c]).toBe(rowValues[i]);
      if (moved.includes(i)) expect(s.pushesD[i]).toBe(0);
    });
    nudge();
    s.params.set([candidates.length, 1e-2, 1e-12, 1]);
    rows(CANDIDATES_PUSH, 0, candidates.length);
    candidates.forEach((i, c) => {
      if (!moved.includes(i)) return;
      expect(s.newD[c]).not.toBe(rowValues[i]);
      expect(Math.abs(s.newD[c]! - rowValues[i]!)).toBeLessThan(1e-13);
      expect(s.pushesD[i]).toBe(3);
    });
  });
});
