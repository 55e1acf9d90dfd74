import { describe, expect, it } from 'vitest';
import { buildNetwork, NetworkError } from '../network.js';
import { feedbackLoopNetwork, randomNetwork, rng } from '../testing/random.js';
import { CASCADE_DEFAULTS, CascadeWorkspace, STEP_CONTINUE, STEP_STOP } from './cascade.js';
import { runDenseCascade } from './dense.js';
import { firmEsri, runScenario } from './esri.js';

const EXACT = { eps: 1e-12 };

function randomShock(n: number, k: number, seed: number, scale = 1) {
  const r = rng(seed);
  const firms = Int32Array.from({ length: k }, () => Math.floor(r() * n));
  const values = Float64Array.from({ length: k }, () => scale * r());
  return { firms, values };
}

/** A linear-production network from [supplier, buyer, value] links. */
function linearNetwork(links: [number, number, number][], industry: Int32Array) {
  return buildNetwork({
    n: industry.length,
    supplier: Int32Array.from(links, (l) => l[0]),
    buyer: Int32Array.from(links, (l) => l[1]),
    value: Float64Array.from(links, (l) => l[2]),
    industry,
    production: 'linear',
  });
}

describe('properties', () => {
  const nets = [
    ['table', randomNetwork({ n: 300, links: 1500, industries: 12, hubs: 5, seed: 7 })],
    ['linear', randomNetwork({ n: 300, links: 1500, industries: 12, production: 'linear', seed: 8 })],
  ] as const;

  it.each(nets)('h stays in [0, 1] (%s)', (_name, net) => {
    for (let s = 0; s < 10; s++) {
      for (const substitution of [false, true]) {
        const r = runScenario(net, { down: randomShock(net.n, 5, s) }, { ...EXACT, substitution });
        for (let i = 0; i < net.n; i++) {
          expect(r.hd[i]).toBeGreaterThanOrEqual(0);
          expect(r.hd[i]).toBeLessThanOrEqual(1);
          expect(r.hu[i]).toBeGreaterThanOrEqual(0);
          expect(r.hu[i]).toBeLessThanOrEqual(1);
        }
      }
    }
  });

  it.each(nets)('a larger shock never lowers any loss (%s)', (_name, net) => {
    for (let s = 0; s < 10; s++) {
      for (const substitution of [false, true]) {
        const small = randomShock(net.n, 6, 100 + s, 0.5);
        const large = {
          firms: small.firms,
          values: small.values.map((v, t) => Math.min(1, v + (t % 2) * 0.4)),
        };
        const a = runScenario(net, { down: small }, { ...EXACT, substitution });
        const b = runScenario(net, { down: large }, { ...EXACT, substitution });
        expect(b.esri).toBeGreaterThanOrEqual(a.esri - 1e-9);
        expect(b.esriDown).toBeGreaterThanOrEqual(a.esriDown - 1e-9);
        expect(b.esriUp).toBeGreaterThanOrEqual(a.esriUp - 1e-9);
        for (let i = 0; i < net.n; i++) {
          expect(b.hd[i]).toBeLessThanOrEqual(a.hd[i]! + 1e-9);
          expect(b.hu[i]).toBeLessThanOrEqual(a.hu[i]! + 1e-9);
        }
      }
    }
  });

  it('Leontief loses at least as much as linear', () => {
    const base = { n: 200, links: 900, industries: 10, hubs: 4, seed: 11 };
    const lin = randomNetwork({ ...base, production: 'linear' });
    const leo = randomNetwork({ ...base, production: 'leontief' });
    for (const substitution of [false, true]) {
      const a = firmEsri(lin, { ...EXACT, substitution });
      const b = firmEsri(leo, { ...EXACT, substitution });
      for (let f = 0; f < lin.n; f++) {
        expect(b.esriDown[f]).toBeGreaterThanOrEqual(a.esriDown[f]! - 1e-9);
        expect(b.esri[f]).toBeGreaterThanOrEqual(a.esri[f]! - 1e-9);
      }
    }
  });

  it('zero shock changes nothing', () => {
    const net = nets[0][1];
    for (const down of [
      { firms: [], values: [] },
      { firms: [1, 2], values: [0, 0] },
    ]) {
      const r = runScenario(net, { down }, { eps: 1e-9, substitution: true });
      expect(r.iterations).toBe(1);
      expect(r.esri).toBe(0);
      expect(r.hd.every((h) => h === 1)).toBe(true);
      expect(r.hu.every((h) => h === 1)).toBe(true);
    }
  });

  it('reuses a workspace without leaking state between runs', () => {
    const net = nets[0][1];
    const ws = new CascadeWorkspace(net);
    const shock = randomShock(net.n, 4, 3);
    ws.run(shock, undefined, { eps: 1e-9, substitution: true });
    const first = ws.hd.slice();
    ws.reset();
    ws.run(randomShock(net.n, 9, 4), undefined, { eps: 1e-9, substitution: true });
    ws.reset();
    expect(ws.hd.every((h) => h === 1) && ws.hu.every((h) => h === 1)).toBe(true);
    ws.run(shock, undefined, { eps: 1e-9, substitution: true });
    expect(ws.hd).toEqual(first);
  });
});

describe('sparse updates against the dense computation on hub networks', () => {
  const cases = [
    { hubs: 3, hubShare: 0.5, production: 'table' as const },
    { hubs: 10, hubShare: 0.3, production: 'leontief' as const },
    { hubs: 2, hubShare: 0.6, production: 'linear' as const, markets: 5 },
  ];
  it.each(cases)('hubs %#: same state within 1e-9 at eps 1e-9 and 1e-2', (c) => {
    const net = randomNetwork({ n: 400, links: 4000, industries: 8, seed: 21, ...c });
    for (const substitution of [false, true]) {
      for (const eps of [1e-9, 1e-2]) {
        for (let s = 0; s < 6; s++) {
          const down = s === 0 ? { firms: [0], values: [1] } : randomShock(net.n, 1 + s, 300 + s);
          const up = s % 2 ? randomShock(net.n, 3, 400 + s) : undefined;
          const dense = runDenseCascade(net, down, up, { eps, substitution });
          const exact = runScenario(net, { down, up }, { eps, substitution, errorBudget: 0 });
          const dropped = runScenario(net, { down, up }, { eps, substitution });
          // Hybrid: every step a dense sweep, or switching between sparse and dense sweeps.
          const sweeps = runScenario(
            net,
            { down, up },
            { eps, substitution, denseShare: 0, denseShareUp: 0 },
          );
          const mixed = runScenario(
            net,
            { down, up },
            { eps, substitution, denseShare: 0.02, denseShareUp: 0.02 },
          );
          // Pushed downstream sums on every sparse step, or whole rows on every one: the same states.
          const pushed = runScenario(net, { down, up }, { eps, substitution, errorBudget: 0, pullShare: 2 });
          const pulled = runScenario(net, { down, up }, { eps, substitution, errorBudget: 0, pullShare: 0 });
          expect(exact.iterations).toBe(dense.iterations);
          expect(dropped.iterations).toBe(dense.iterations);
          expect(sweeps.iterations).toBe(dense.iterations);
          expect(mixed.iterations).toBe(dense.iterations);
          expect(pushed.iterations).toBe(dense.iterations);
          expect(Array.from(pushed.hd)).toEqual(Array.from(pulled.hd));
          expect(Array.from(pushed.hd)).toEqual(Array.from(exact.hd));
          let maxDiff = 0;
          for (let i = 0; i < net.n; i++) {
            maxDiff = Math.max(
              maxDiff,
              Math.abs(exact.hd[i]! - dense.hd[i]!),
              Math.abs(exact.hu[i]! - dense.hu[i]!),
              Math.abs(dropped.hd[i]! - dense.hd[i]!),
              Math.abs(dropped.hu[i]! - dense.hu[i]!),
              Math.abs(sweeps.hd[i]! - dense.hd[i]!),
              Math.abs(sweeps.hu[i]! - dense.hu[i]!),
              Math.abs(mixed.hd[i]! - dense.hd[i]!),
              Math.abs(mixed.hu[i]! - dense.hu[i]!),
            );
          }
          expect(maxDiff).toBeLessThan(1e-9);
        }
      }
    }
  });

  it('long runs without dropping: pushed sums give the dense sequence bit for bit', () => {
    // The downstream sums are pushed, not re-read from whole rows; at eps 1e-14 a run lasts hundreds
    // of steps, long enough for rounding in the sums to pile up if it were ever propagated.
    for (const production of ['table', 'leontief', 'linear'] as const) {
      const net = randomNetwork({
        n: 300,
        links: 3000,
        industries: 6,
        seed: 5,
        hubs: 4,
        hubShare: 0.5,
        production,
      });
      for (const substitution of [false, true]) {
        const down = { firms: [0, 1, 2], values: [1, 0.5, 0.25] };
        const options = { eps: 1e-14, substitution, maxSteps: 5000 };
        const dense = runDenseCascade(net, down, undefined, options);
        const exact = runScenario(net, { down }, { ...options, errorBudget: 0 });
        expect(exact.capped).toBe(false);
        expect(exact.iterations, `${production} ${substitution}`).toBe(dense.iterations);
        expect(exact.iterations).toBeGreaterThan(100);
        // Bit for bit, with substitution too: availability is summed anew when nothing may be dropped.
        expect(exact.hd).toEqual(dense.hd);
        expect(exact.hu).toEqual(dense.hu);
      }
    }
  });

  it("long sparse runs store the rows' values: the dense states bit for bit", () => {
    // Found by randomized review: when pushed values were written, their rounding accumulated over
    // hundreds of steps (1.5e-12 after 1,656 steps) and moved the stop step of the first case by one.
    const cases = [
      {
        net: {
          n: 88,
          links: 671,
          industries: 3,
          hubs: 2,
          hubShare: 0.34717248696833847,
          markets: 1,
          seed: 493,
        },
        down: { firms: [31, 74, 21], values: [1, 0.8436906691640615, 1] },
        eps: 1e-13,
      },
      {
        net: {
          n: 145,
          links: 923,
          industries: 1,
          hubs: 1,
          hubShare: 0.6088217717129737,
          markets: 1,
          seed: 364,
        },
        down: { firms: [43, 79], values: [0.8461803568061441, 1] },
        eps: 1e-9,
      },
    ];
    for (const c of cases) {
      const net = randomNetwork({ ...c.net, production: 'linear' });
      const options = { eps: c.eps, substitution: false, maxSteps: 30_000 };
      const none = { firms: [], values: [] };
      const dense = runDenseCascade(net, c.down, none, options);
      expect(dense.iterations).toBeGreaterThan(500);
      // Sparse steps only: pushed sums throughout, whole rows throughout, and switching between them.
      for (const pullShare of [2, 0, 0.5]) {
        const sparse = runScenario(
          net,
          { down: c.down, up: none },
          { ...options, errorBudget: 0, denseShare: 1, denseShareUp: 1, pullDenseShare: 1, pullShare },
        );
        expect(sparse.iterations, `pullShare ${pullShare}`).toBe(dense.iterations);
        expect(Array.from(sparse.hd)).toEqual(Array.from(dense.hd));
      }
    }
  });

  it('a change left out before a slow feedback loop is checked again (the budget still bounds the error)', () => {
    // Found by the fifth session's randomized review: the shocked firm's damage shrinks a thousandfold
    // per hop (0 → 1 → 2 → 3), so firm 3's first drop is below the threshold; firms 3 and 4 buy almost
    // only from each other, so in the dense computation their loss keeps growing for thousands of
    // steps (0 → 5 ↔ 6 keeps the run going). When left-out changes were never looked at again, h
    // ended 9.9e-9 from the dense computation with the default budget of 1e-10.
    const net = feedbackLoopNetwork();
    const n = net.n;
    const down = { firms: [0], values: [1] };
    const options = { eps: 1e-9, maxSteps: 20_000 };
    const dense = runDenseCascade(net, down, down, options);
    expect(1 - dense.hd[3]!, 'the loop moves in the dense computation').toBeGreaterThan(9e-9);
    for (const errorBudget of [1e-10, 1e-8]) {
      // The re-checks alone, without the exact stop rule (which would repeat the run with budget 0).
      const sparse = runScenario(net, { down }, { ...options, errorBudget, exactStopRule: false });
      expect(sparse.iterations).toBe(dense.iterations);
      let maxDiff = 0;
      for (let i = 0; i < n; i++) {
        maxDiff = Math.max(
          maxDiff,
          Math.abs(sparse.hd[i]! - dense.hd[i]!),
          Math.abs(sparse.hu[i]! - dense.hu[i]!),
        );
      }
      expect(maxDiff, `budget ${errorBudget}`).toBeLessThan(errorBudget);
    }
  });

  it("long upstream runs through a loop read the rows: the pushed sums' rounding does not pile up in hu", () => {
    // Found by the thirteenth session's randomized review: spokes 1–5 sell only to hub 0, which sells
    // almost everything back to them (and a little to firm 6). Running sums fed their rounding round the
    // loop into hu: after 20,000 steps hu(0) was 1.4e-9 off the dense computation, even with budget 0.
    const links: [number, number, number][] = [
      [1, 0, 1],
      [0, 1, 1130289],
      [2, 0, 1],
      [0, 2, 1],
      [3, 0, 1],
      [0, 3, 1305646],
      [4, 0, 1],
      [0, 4, 1198377],
      [5, 0, 1],
      [0, 5, 1278551],
      [0, 6, 1.2496051681227982],
    ];
    const net = linearNetwork(links, new Int32Array(7));
    const none = { firms: [], values: [] };
    const up = { firms: [1, 6], values: [0.5122081348672509, 1] };
    const options = { eps: 1e-9, maxSteps: 20_000 };
    const dense = runDenseCascade(net, none, up, options);
    // Sparse upstream steps only (denseShareUp 1), nothing left out: the dense states bit for bit.
    const exact = runScenario(net, { down: none, up }, { ...options, denseShareUp: 1, errorBudget: 0 });
    expect(exact.iterations).toBe(dense.iterations);
    expect(Array.from(exact.hu)).toEqual(Array.from(dense.hu));
    const byDefault = runScenario(net, { down: none, up }, { ...options, denseShareUp: 1 });
    for (let i = 0; i < net.n; i++) expect(Math.abs(byDefault.hu[i]! - dense.hu[i]!)).toBeLessThan(1e-10);
  });

  it('upstream rows summing above 1 (revenue below sales): nothing is dropped upstream, so nothing is amplified', () => {
    // Found by an independent transcription of the spec (eighth session): S sells 1 yuan to H but has
    // a revenue of 1e11, so H's default costs S 1e-11 of its production, below the drop threshold.
    // C1, C2, C3 sell 1000 yuan each up the chain S ← C1 ← C2 ← C3 with a revenue of 1, so every hop
    // multiplies the loss by 1000: C3 loses 1e-2 in the dense computation. With the default budget
    // the dropped 1e-11 left C1..C3 whole and the run stopped after 2 steps instead of 5.
    const ids = ['H', 'E1', 'S', 'C1', 'C2', 'C3'];
    const at = (id: string) => ids.indexOf(id);
    const links = [
      ['S', 'H', 1],
      ['H', 'E1', 1],
      ['C1', 'S', 1000],
      ['C2', 'C1', 1000],
      ['C3', 'C2', 1000],
    ] as const;
    const net = buildNetwork({
      n: ids.length,
      supplier: Int32Array.from(links, (l) => at(l[0])),
      buyer: Int32Array.from(links, (l) => at(l[1])),
      value: Float64Array.from(links, (l) => l[2]),
      industry: new Int32Array(ids.length),
      production: 'linear',
      revenue: Float64Array.from([1, 1, 1e11, 1, 1, 1]),
      upstreamBy: 'revenue',
    });
    const down = { firms: [at('H')], values: [1] };
    const options = { eps: 1e-9 };
    const dense = runDenseCascade(net, down, down, options);
    expect(1 - dense.hu[at('C3')]!).toBeCloseTo(1e-2, 8);
    const sparse = runScenario(net, { down }, options);
    expect(sparse.iterations).toBe(dense.iterations);
    for (let i = 0; i < net.n; i++) {
      expect(sparse.hu[i]).toBe(dense.hu[i]);
      expect(sparse.hd[i]).toBe(dense.hd[i]);
    }
    const perFirm = firmEsri(net, options);
    const w = Float64Array.from(net.sOut, (s) => s / net.sOut.reduce((a, b) => a + b, 0));
    const h = at('H');
    let esriUp = 0;
    for (let i = 0; i < net.n; i++) esriUp += w[i]! * (1 - dense.hu[i]!);
    expect(perFirm.esriUp[h]).toBeCloseTo(esriUp, 15);
  });

  it('substitution in a market that is almost gone amplifies a left-out change: the run is repeated', () => {
    // Market 1: J sells 1e6 yuan, R 10, and 100 small firms 1 yuan each to C. The shock takes Q
    // (which supplies 1 − 1e-5 of J's inputs) and the 100 small firms, so J falls to 1e-5 and the
    // market's availability to 20. P, J's other supplier, loses 3e-7 (it buys that share from Q), so
    // J loses another 3e-12 at step 2, below the drop threshold. The 100 damaged small firms are
    // substituted at σ = 1/availability, so C (buying only from them) moves 2,500 times as much:
    // 7.5e-9 in the dense computation. Dropping J's change made C end 7.5e-9 off, one step early.
    const small = 100;
    const links: [number, number, number][] = [
      [0, 1, 1e5 - 1], // Q → J
      [3, 1, 1], // P → J
      [0, 3, 1], // Q → P
      [4, 3, 1 / 3e-7 - 1], // Z → P
      [1, 5, 1e6], // J → K1
      [2, 6, 10], // R → K2
    ];
    for (let k = 0; k < small; k++) links.push([8 + k, 7, 1]); // small firms → C
    const n = 8 + small;
    const industry = new Int32Array(n).fill(1);
    industry.set([0, 1, 1, 2, 3, 4, 4, 4]);
    const net = linearNetwork(links, industry);
    const shocked = [0, ...Array.from({ length: small }, (_, k) => 8 + k)];
    const down = { firms: shocked, values: shocked.map(() => 1) };
    const up = { firms: [], values: [] };
    const options = { eps: 1e-9, substitution: true };
    const dense = runDenseCascade(net, down, up, options);
    expect(1 - dense.hd[7]! - 0.05, 'C moves by 7.5e-9 after step 2').toBeCloseTo(7.5e-9, 11);
    const ws = new CascadeWorkspace(net);
    const run = ws.run(down, up, options);
    expect(run.amplified).toBe(true);
    expect(run.amplifiedAt).toBeGreaterThan(0);
    expect(run.iterations).toBe(dense.iterations);
    for (let i = 0; i < n; i++) expect(Math.abs(ws.hd[i]! - dense.hd[i]!)).toBeLessThan(1e-15);
    // The gain right after the shock is small here (1e-6): the scenario found the amplification as it
    // went (at step 1, gain 2,500). A run with a step callback (the firm-level paths) stops there and
    // names a smaller budget for the caller's repeat.
    ws.reset();
    const stop = (_t: number, delta: number) => (delta <= options.eps ? STEP_STOP : STEP_CONTINUE);
    const controlled = ws.run(down, up, options, stop);
    expect(controlled.amplified && controlled.aborted).toBe(true);
    expect(controlled.amplifiedAt).toBeGreaterThan(0);
    expect(controlled.retryBudget).toBeLessThan(CASCADE_DEFAULTS.errorBudget);
    ws.reset();
    const again = ws.run(down, up, { ...options, errorBudgetDown: controlled.retryBudget }, stop);
    expect(again.amplified).toBe(false);
    expect(again.iterations).toBe(dense.iterations);
    for (let i = 0; i < n; i++) expect(Math.abs(ws.hd[i]! - dense.hd[i]!)).toBeLessThan(1e-15);
    // Without substitution nothing couples the market: the run keeps its budget and drops the change.
    ws.reset();
    const plain = ws.run(down, up, { eps: 1e-9 });
    expect(plain.amplified).toBe(false);
  });

  it('a scenario whose gain after the shock is high starts with no downstream budget', () => {
    // Market 1: X sells 40 yuan, six others 10 each, all to customers of industry 2; X's loss can be
    // made up only from the others, whose availability is 60: a gain of 40/60 right after the shock.
    const links: [number, number, number][] = [[0, 7, 40]];
    for (let k = 1; k <= 6; k++) links.push([k, 7 + k, 10]);
    for (let k = 0; k < 7; k++) links.push([7 + k, 14, 5 + k]);
    const n = 15;
    const industry = Int32Array.from({ length: n }, (_, i) => (i < 7 ? 1 : 2));
    const net = linearNetwork(links, industry);
    const down = { firms: [0], values: [1] };
    const options = { eps: 1e-9, substitution: true };
    const ws = new CascadeWorkspace(net);
    const run = ws.run(down, down, options);
    expect(run.amplified).toBe(true);
    expect(run.amplifiedAt).toBe(0);
    const hd = Float64Array.from(ws.hd);
    const hu = Float64Array.from(ws.hu);
    ws.reset();
    const exact = ws.run(down, down, { ...options, errorBudgetDown: 0 });
    expect(exact.amplified).toBe(false);
    expect(run.iterations).toBe(exact.iterations);
    expect(Array.from(hd)).toEqual(Array.from(ws.hd));
    expect(Array.from(hu)).toEqual(Array.from(ws.hu));
    const dense = runDenseCascade(net, down, down, options);
    expect(Array.from(hd)).toEqual(Array.from(dense.hd));
    expect(hd[7]).toBeLessThan(1);
    // A firm-level run (with a step callback) is not decided on the gain alone.
    ws.reset();
    const stop = (_t: number, delta: number) => (delta <= options.eps ? STEP_STOP : STEP_CONTINUE);
    expect(ws.run(down, down, options, stop).amplifiedAt).not.toBe(0);
  });

  it('a large drop threshold is what bounds the error (the check has teeth)', () => {
    const net = randomNetwork({ n: 400, links: 4000, industries: 8, seed: 21, hubs: 3, hubShare: 0.5 });
    const down = { firms: [0], values: [1] };
    const dense = runDenseCascade(net, down, undefined, { eps: 1e-9 });
    const coarse = runScenario(net, { down }, { eps: 1e-9, errorBudget: 1e-3, exactStopRule: false });
    let maxDiff = 0;
    for (let i = 0; i < net.n; i++) maxDiff = Math.max(maxDiff, Math.abs(coarse.hd[i]! - dense.hd[i]!));
    expect(maxDiff).toBeGreaterThan(1e-9);
    // With the exact stop rule, a stop decision that close to what the budget may move is taken again
    // with nothing left out.
    const repeated = runScenario(net, { down }, { eps: 1e-9, errorBudget: 1e-3 });
    for (let i = 0; i < net.n; i++) expect(repeated.hd[i]).toBe(dense.hd[i]);
    expect(repeated.iterations).toBe(dense.iterations);
  });
});

describe('edge cases', () => {
  // 0 → 1 → 2, 3 isolated, 4 → 1 with value 0.
  const base = {
    n: 5,
    supplier: Int32Array.from([0, 1, 4]),
    buyer: Int32Array.from([1, 2, 1]),
    value: Float64Array.from([10, 5, 0]),
    industry: Int32Array.from([0, 1, 2, 0, 0]),
    production: 'linear' as const,
  };

  it('handles firms without suppliers, without customers and isolated', () => {
    const net = buildNetwork(base);
    const noSuppliers = runScenario(net, { down: { firms: [0], values: [1] } }, { eps: 1e-9 });
    expect(Array.from(noSuppliers.hd)).toEqual([0, 0, 0, 1, 1]);
    expect(Array.from(noSuppliers.hu)).toEqual([0, 1, 1, 1, 1]);
    const noCustomers = runScenario(net, { down: { firms: [2], values: [1] } }, { eps: 1e-9 });
    expect(Array.from(noCustomers.hd)).toEqual([1, 1, 0, 1, 1]);
    expect(Array.from(noCustomers.hu)).toEqual([0, 0, 0, 1, 1]);
    const isolated = runScenario(net, { down: { firms: [3], values: [1] } }, { eps: 1e-9 });
    expect(isolated.esri).toBe(0);
    expect(isolated.hd[3]).toBe(0);
    expect(isolated.iterations).toBe(1);
  });

  it('drops zero-value links: same result as without them', () => {
    const withZero = buildNetwork(base);
    const without = buildNetwork({
      ...base,
      supplier: base.supplier.subarray(0, 2),
      buyer: base.buyer.subarray(0, 2),
      value: base.value.subarray(0, 2),
    });
    expect(withZero.m).toBe(2);
    const down = { firms: [4], values: [1] };
    expect(runScenario(withZero, { down }).hd).toEqual(runScenario(without, { down }).hd);
    expect(runScenario(withZero, { down }).hd[1]).toBe(1);
  });

  it('sums repeated supplier–buyer pairs', () => {
    const net = buildNetwork({
      n: 3,
      supplier: Int32Array.from([0, 0, 2]),
      buyer: Int32Array.from([1, 1, 1]),
      value: Float64Array.from([1, 2, 3]),
      industry: Int32Array.from([0, 0, 0]),
      production: 'linear',
    });
    expect(net.m).toBe(2);
    expect(net.sIn[1]).toBe(6);
    const r = runScenario(net, { down: { firms: [0], values: [1] } }, { eps: 1e-9 });
    expect(r.hd[1]).toBeCloseTo(0.5, 15);
  });

  it('rejects self-loops with a clear error, or ignores them on request', () => {
    const loop = {
      ...base,
      supplier: Int32Array.from([0, 2]),
      buyer: Int32Array.from([1, 2]),
      value: Float64Array.from([1, 1]),
    };
    expect(() => buildNetwork(loop)).toThrow(NetworkError);
    expect(() => buildNetwork(loop)).toThrow(/link 1: self-loop on firm 2/);
    const ignored = buildNetwork({ ...loop, selfLoops: 'ignore' });
    expect(ignored.m).toBe(1);
    expect(ignored.sOut[2]).toBe(0);
  });

  it('rejects bad links and shocks', () => {
    expect(() => buildNetwork({ ...base, value: Float64Array.from([1, -1, 0]) })).toThrow(/value -1/);
    expect(() => buildNetwork({ ...base, buyer: Int32Array.from([1, 7, 1]) })).toThrow(
      /buyer 7 is not a firm/,
    );
    expect(() => buildNetwork({ ...base, production: 'table' })).toThrow(/essentiality table/);
    // Finite values whose sums overflow, and a revenue so small that sales over it overflow: the
    // operators would hold NaN or Infinity.
    expect(() =>
      buildNetwork({
        ...base,
        supplier: Int32Array.from([0, 0, 4]),
        value: Float64Array.from([1e308, 1e308, 1]),
      }),
    ).toThrow(/firm 0: its purchases or sales add up to more than a float can hold/);
    const revenue = Float64Array.from([1e-310, 1, 1, 1, 1]);
    expect(() => buildNetwork({ ...base, revenue, upstreamBy: 'revenue' })).toThrow(
      /firm 0 has revenue 1e-310/,
    );
    expect(buildNetwork({ ...base, revenue }).m).toBe(2);
    const net = buildNetwork(base);
    expect(() => runScenario(net, { down: { firms: [9], values: [1] } })).toThrow(/firm 9/);
    expect(() => runScenario(net, { down: { firms: [1], values: [1.5] } })).toThrow(/\[0, 1\]/);
  });

  it('rating-0 inputs do not propagate downstream but count in s_in', () => {
    const net = buildNetwork({
      n: 3,
      supplier: Int32Array.from([0, 1]),
      buyer: Int32Array.from([2, 2]),
      value: Float64Array.from([1, 1]),
      industry: Int32Array.from([0, 1, 2]),
      nIndustries: 3,
      production: 'table',
      // E[0,2] = 0, E[1,2] = 1
      essentiality: Uint8Array.from([0, 0, 0, 0, 0, 1, 0, 0, 0]),
    });
    expect(runScenario(net, { down: { firms: [0], values: [1] } }, { eps: 1e-9 }).hd[2]).toBe(1);
    expect(runScenario(net, { down: { firms: [1], values: [1] } }, { eps: 1e-9 }).hd[2]).toBe(0.5);
  });

  it('upstream channel normalised by revenue', () => {
    const net = buildNetwork({
      n: 2,
      supplier: Int32Array.from([0]),
      buyer: Int32Array.from([1]),
      value: Float64Array.from([10]),
      industry: Int32Array.from([0, 1]),
      production: 'linear',
      revenue: Float64Array.from([40, 5]),
      upstreamBy: 'revenue',
    });
    const r = runScenario(net, { down: { firms: [1], values: [1] } }, { eps: 1e-9 });
    expect(r.hu[0]).toBe(0.75);
    expect(() => buildNetwork({ ...base, upstreamBy: 'revenue' })).toThrow(/needs revenue/);
  });
});
