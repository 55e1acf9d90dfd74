import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { randomNetwork, rng } from '../testing/random.js';
import { plainDownstreamStep } from '../testing/row-values.js';
import { CascadeWorkspace } from './cascade.js';
import {
  APPLY_UP,
  allocDense,
  bindRowJobs,
  CANDIDATES_PULL,
  CANDIDATES_PUSH,
  DENSE_DOWN,
  DENSE_DOWN_WRITE,
  DENSE_SUMS,
  DENSE_UP,
  ROW_SLICE,
  rowJobsCompiled,
  upstreamValue,
} from './dense-rows.js';

// The row loops run as a copy compiled per binding (bindRowJobs); these tests check that the copy is
// made (a transpiler that broke its source would silently cost speed) and that it computes the rows'
// values exactly as the plain row functions do, with the rows of dense steps in JavaScript and in
// WebAssembly (dense-kernel.ts).
describe.each([
  { rows: 'JavaScript', kernel: false },
  { rows: 'WebAssembly', kernel: true },
])('dense row jobs, dense rows in $rows', ({ kernel }) => {
  const net = randomNetwork({ n: 300, links: 3000, industries: 6, hubs: 5, seed: 7 });
  const { n } = net;

  function damagedState(seed: number) {
    const r = rng(seed);
    const s = allocDense(net, 0, false, ROW_SLICE, kernel);
    expect(s.kernel !== undefined).toBe(kernel);
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

  it('writes the changed hd in place and lists what changed (DENSE_DOWN_WRITE)', () => {
    const s = damagedState(4);
    // Some firms already at their row's value, so that some rows change nothing.
    const plain = plainDownstreamStep(net, s);
    for (let i = 0; i < n; i += 5) s.hd[i] = plain.values[i]!;
    const before = Float64Array.from(s.hd);
    const rows = bindRowJobs(net, s);
    s.params[4] = 1;
    rows(DENSE_DOWN_WRITE, 0, n);
    const changed: number[] = [];
    const newly: number[] = [];
    const markets: number[] = [];
    let drop = 0;
    for (let i = 0; i < n; i++) {
      expect(s.hd[i]).toBe(plain.values[i]);
      if (before[i] === plain.values[i]) continue;
      changed.push(i);
      if (before[i] === 1) newly.push(i);
      if (!markets.includes(net.market[i]!)) markets.push(net.market[i]!);
      drop = Math.max(drop, before[i]! - plain.values[i]!);
    }
    // One slice (n < ROW_SLICE): its lists from position 0, in index order.
    expect(Array.from(s.changedList.subarray(0, s.counts.changed[0]))).toEqual(changed);
    expect(Array.from(s.newlyList.subarray(0, s.counts.newly[0]))).toEqual(newly);
    expect(Array.from(s.marketList.subarray(0, s.counts.markets[0]))).toEqual(markets);
    expect(s.drop[0]).toBe(drop);
    expect(Array.from(s.sumD)).toEqual(Array.from(plain.sums));
    // Each kind of firm occurred.
    expect(changed.length - newly.length).toBeGreaterThan(10);
    expect(newly.length).toBeGreaterThan(10);
    expect(n - changed.length).toBeGreaterThan(10);
    expect(markets.length).toBeGreaterThan(1);
    // Without substitution no market is listed.
    s.params[4] = 0;
    rows(DENSE_DOWN_WRITE, 0, n);
    expect(s.counts.markets[0]).toBe(0);
  });

  it('writes a dense upstream step’s changes above the threshold and lists them (APPLY_UP)', () => {
    const s = damagedState(5);
    const rows = bindRowJobs(net, s);
    rows(DENSE_UP, 0, n);
    const values = Float64Array.from(s.newU);
    // Some changes tiny enough to be left out, one firm already listed as left out.
    const tolU = 1e-12;
    for (let i = 3; i < n; i += 7) s.hu[i] = values[i]! + 1e-13;
    s.leftUFlag[10] = 1;
    const before = Float64Array.from(s.hu);
    s.params[5] = tolU;
    rows(APPLY_UP, 0, n);
    const changed: number[] = [];
    const newly: number[] = [];
    const left: number[] = [];
    let drop = 0;
    let pushLinks = 0;
    for (let i = 0; i < n; i++) {
      const d = before[i]! - values[i]!;
      drop = Math.max(drop, d);
      if (Math.abs(d) > tolU) {
        expect(s.hu[i]).toBe(values[i]);
        changed.push(i);
        pushLinks += net.uInPtr[i + 1]! - net.uInPtr[i]!;
        if (before[i] === 1) newly.push(i);
      } else {
        expect(s.hu[i]).toBe(before[i]);
        if (d !== 0 && i !== 10) left.push(i);
      }
    }
    expect(Array.from(s.changedList.subarray(0, s.counts.changed[0]))).toEqual(changed);
    expect(s.counts.pushLinks[0]).toBe(pushLinks);
    expect(Array.from(s.newlyList.subarray(0, s.counts.newly[0]))).toEqual(newly);
    expect(Array.from(s.leftList.subarray(0, s.counts.left[0]))).toEqual(left);
    for (const i of left) expect(s.leftUFlag[i]).toBe(1);
    expect(s.drop[0]).toBe(drop);
    expect(changed.length).toBeGreaterThan(10);
    expect(newly.length).toBeGreaterThan(10);
    expect(left.length).toBeGreaterThan(10);
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

// The jobs that write their changes in place list them per slice, and the cascade joins the lists in
// slice order (cascade.ts): with slices of 64 firms a cascade must give the bits it gives in one slice.
describe('per-slice lists of the dense jobs', () => {
  // Markets drawn at random, and markets of about eight consecutive firms (most within one or two
  // slices, so that a slice's lost list loses markets).
  const nets = [false, true].map((marketsInBlocks) =>
    randomNetwork({
      n: 3000,
      links: 24000,
      industries: 10,
      hubs: 10,
      markets: 400,
      marketsInBlocks,
      seed: 11,
    }),
  );
  const shock = { firms: [0, 1, 2, 3, 4, 5], values: [1, 1, 1, 0.8, 1, 1] };
  const cases = [
    // Dense steps that write hd (budget 0) and dense upstream steps with nothing left out.
    { eps: 1e-6, substitution: true, errorBudget: 0 },
    // Upstream steps that leave changes out, and go back to sparse after dense ones (a large budget).
    // (exactStopRule off: with the stop rule taken exactly these runs would repeat with budget 0.)
    { eps: 1e-4, substitution: true, errorBudget: 0.5, exactStopRule: false },
    { eps: 1e-8, substitution: false, errorBudget: 0.01, exactStopRule: false },
  ];
  it.each(cases)('gives the one-slice bits with slices of 64 firms (%o)', (options) => {
    for (const net of nets) {
      const one = new CascadeWorkspace(net);
      const a = one.run(shock, undefined, options);
      expect(a.iterations).toBeGreaterThan(50);
      // And with the dense rows in WebAssembly (dense-kernel.ts), in one slice or 64.
      for (const [slice, kernel] of [
        [64, false],
        [64, true],
        [ROW_SLICE, true],
      ] as const) {
        const shared = allocDense(net, 0, false, slice, kernel);
        expect(shared.kernel !== undefined).toBe(kernel);
        const other = new CascadeWorkspace(net, { shared, helpers: 0 });
        const b = other.run(shock, undefined, options);
        expect(b.iterations).toBe(a.iterations);
        expect(Array.from(other.hd)).toEqual(Array.from(one.hd));
        expect(Array.from(other.hu)).toEqual(Array.from(one.hu));
      }
    }
  });
});
