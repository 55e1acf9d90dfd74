import { afterAll, describe, expect, it } from 'vitest';
import { loadFixture } from '../testing/fixtures.js';
import { nativeBuild } from '../testing/native-sweep.js';
import { randomNetwork, rng } from '../testing/random.js';
import { runDenseCascade } from './dense.js';
import { ROW_SLICE } from './dense-rows.js';
import { firmEsri, runScenarios } from './esri.js';
import { EsriPool, EsriWorkers } from './pool.js';

describe('worker pool', () => {
  const net = randomNetwork({ n: 2000, links: 16000, industries: 20, hubs: 8, seed: 5, shared: true });
  const opts = { eps: 1e-2, substitution: true };
  const pools: EsriPool[] = [];
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()));
  });

  it('gives bit-identical firm-level ESRI with 1 and 3 threads and on the calling thread, with and without the kernel', async () => {
    const p1 = await EsriPool.create(net, { threads: 1, chunkSize: 50 });
    const p3 = await EsriPool.create(net, { threads: 3, chunkSize: 17 });
    pools.push(p1, p3);
    const inline = firmEsri(net, opts);
    const progress: number[] = [];
    const a = await p1.firmEsri({ ...opts, onProgress: (done) => progress.push(done) });
    const b = await p3.firmEsri(opts);
    expect(Array.from(a.esri)).toEqual(Array.from(inline.esri));
    expect(Array.from(b.esri)).toEqual(Array.from(inline.esri));
    expect(Array.from(b.esriDown)).toEqual(Array.from(inline.esriDown));
    expect(Array.from(b.esriUp)).toEqual(Array.from(inline.esriUp));
    expect(Array.from(b.iterations)).toEqual(Array.from(inline.iterations));
    expect(progress.at(-1)).toBe(net.n);
    // The workers' cascades compute their dense rows in their regions of the pool's kernel memory
    // (dense-kernel.ts); denseShare 0 makes every step that moves anything dense.
    const dense = { ...opts, denseShare: 0, denseShareUp: 0, method: 'cascade' as const };
    const firms = Int32Array.from({ length: 300 }, (_, t) => (t * 37) % net.n);
    const inlineDense = firmEsri(net, { ...dense, firms });
    const p3js = await EsriPool.create(net, { threads: 3, chunkSize: 17, denseKernel: false });
    pools.push(p3js);
    for (const pool of [p3, p3js]) {
      const pooled = await pool.firmEsri({ ...dense, firms });
      expect(Array.from(pooled.esri)).toEqual(Array.from(inlineDense.esri));
      expect(Array.from(pooled.iterations)).toEqual(Array.from(inlineDense.iterations));
    }
    const sent = (pool: EsriPool) => (pool as unknown as { kernelsSent: boolean }).kernelsSent;
    expect(sent(p3)).toBe(true);
    expect(sent(p3js)).toBe(false);
  });

  it('takes workers started before the network, as many as it needs (EsriWorkers)', async () => {
    const firms = Int32Array.from({ length: 120 }, (_, t) => (t * 53) % net.n);
    const inline = firmEsri(net, { ...opts, firms });
    // Three started, two taken: the third is stopped. One started, two needed: one more is started.
    for (const [started, threads] of [
      [3, 2],
      [1, 2],
    ] as const) {
      const early = EsriWorkers.start(started);
      const pool = await EsriPool.create(net, { threads, chunkSize: 16, workers: early });
      pools.push(pool);
      expect(pool.threads).toBe(threads);
      const got = await pool.firmEsri({ ...opts, firms });
      expect(Array.from(got.esri)).toEqual(Array.from(inline.esri));
      // The pool owns them now: closing what is left closes nothing of the pool's.
      await early.close();
      expect(Array.from((await pool.firmEsri({ ...opts, firms })).esri)).toEqual(Array.from(inline.esri));
    }
    // Started and never taken (the input files were bad): close stops them all.
    const unused = EsriWorkers.start(2);
    const workers = (unused as unknown as { started: Array<{ threadId: number }> }).started;
    expect(workers).toHaveLength(2);
    await unused.close();
    expect(workers.every((w) => w.threadId === -1)).toBe(true);
  });

  it('runs scenario batches in input order, identical to the single-thread path', async () => {
    const p2 = await EsriPool.create(net, { threads: 2 });
    pools.push(p2);
    const r = rng(9);
    const scenarios = Array.from({ length: 12 }, (_, s) => ({
      down: { firms: Int32Array.from([s, Math.floor(r() * net.n)]), values: Float64Array.from([1, r()]) },
      up: s % 3 ? undefined : { firms: Int32Array.from([s * 7]), values: Float64Array.from([0.5]) },
    }));
    // Each worker runs its scenarios' dense rows in WebAssembly (its region of the pool's kernel
    // memory, dense-kernel.ts), or in JavaScript (denseKernel: false); denseShare 0 makes every step
    // that moves anything dense.
    const p2js = await EsriPool.create(net, { threads: 2, denseKernel: false });
    pools.push(p2js);
    for (const options of [
      { eps: 1e-9, substitution: true },
      { eps: 1e-6, substitution: true, denseShare: 0, denseShareUp: 0 },
    ]) {
      const inline = runScenarios(net, scenarios, options);
      for (const pool of [p2, p2js]) {
        const pooled = await pool.scenarios(scenarios, options);
        for (let s = 0; s < scenarios.length; s++) {
          expect(pooled[s]!.esri).toBe(inline[s]!.esri);
          expect(pooled[s]!.iterations).toBe(inline[s]!.iterations);
          expect(pooled[s]!.hd).toEqual(inline[s]!.hd);
          expect(pooled[s]!.hu).toEqual(inline[s]!.hu);
        }
      }
    }
    const sent = (pool: EsriPool) => (pool as unknown as { kernelsSent: boolean }).kernelsSent;
    expect(sent(p2)).toBe(true);
    expect(sent(p2js)).toBe(false);
  });

  it('runs a single scenario on every thread (split dense steps) with the single-thread bits', async () => {
    const p2 = await EsriPool.create(net, { threads: 2 });
    const p3 = await EsriPool.create(net, { threads: 3 });
    // The rows of dense steps in JavaScript instead of WebAssembly (dense-kernel.ts).
    const p2js = await EsriPool.create(net, { threads: 2, denseKernel: false });
    pools.push(p2, p3, p2js);
    const hubs = {
      down: { firms: Int32Array.from([0, 1, 2, 3]), values: Float64Array.from([1, 1, 0.7, 1]) },
    };
    // denseShare 0: every step that moves anything is dense, so it is split among the threads;
    // splitMin 0: the candidates of every sparse step are split too, from their rows (pullShare 0),
    // from their pushed sums (pullShare 2), or either; a large error budget makes the upstream channel
    // go back from dense to sparse steps, which rebuilds its sums (split as well).
    for (const options of [
      { ...opts, eps: 1e-6, denseShare: 0, denseShareUp: 0 },
      { ...opts, eps: 1e-6, errorBudget: 0.05, exactStopRule: false },
      { ...opts, eps: 1e-9, splitMin: 0 },
      { ...opts, eps: 1e-9, splitMin: 0, pullShare: 0 },
      { ...opts, eps: 1e-9, splitMin: 0, pullShare: 2 },
    ]) {
      const [inline] = runScenarios(net, [hubs], options);
      for (const pool of [p2, p3, p2, p2js]) {
        const [split] = await pool.scenarios([hubs], options);
        expect(split!.iterations).toBe(inline!.iterations);
        expect(split!.esri).toBe(inline!.esri);
        expect(split!.hd).toEqual(inline!.hd);
        expect(split!.hu).toEqual(inline!.hu);
      }
      expect(inline!.iterations).toBeGreaterThan(3);
    }
    // Each pool's shared arrays have the kernel as asked (so the comparisons above ran both).
    const kernelOf = (pool: EsriPool) =>
      (pool as unknown as { splitShared: { kernel?: object } }).splitShared.kernel;
    expect(kernelOf(p2)).toBeDefined();
    expect(kernelOf(p3)).toBeDefined();
    expect(kernelOf(p2js)).toBeUndefined();
    // The workers serve batches as before after a split scenario.
    const batch = [hubs, { down: { firms: [5], values: [1] } }];
    const pooled = await p3.scenarios(batch, opts);
    const inline = runScenarios(net, batch, opts);
    for (let s = 0; s < batch.length; s++) {
      expect(pooled[s]!.esri).toBe(inline[s]!.esri);
      expect(pooled[s]!.hd).toEqual(inline[s]!.hd);
      expect(pooled[s]!.hu).toEqual(inline[s]!.hu);
    }
  });

  it('warms up without changing any later result', async () => {
    const p1 = await EsriPool.create(net, { threads: 1 });
    const p2 = await EsriPool.create(net, { threads: 2 });
    pools.push(p1, p2);
    await p1.warmUp();
    await p2.warmUp();
    const shock = { down: { firms: Int32Array.from([0, 3]), values: Float64Array.from([1, 0.4]) } };
    // Other options than the warm-up's (no substitution, every step dense), then the defaults.
    for (const options of [{ eps: 1e-6, denseShare: 0, denseShareUp: 0 }, opts]) {
      const [inline] = runScenarios(net, [shock], options);
      for (const pool of [p1, p2]) {
        const [r] = await pool.scenarios([shock], options);
        expect(r!.iterations).toBe(inline!.iterations);
        expect(r!.esri).toBe(inline!.esri);
        expect(r!.hd).toEqual(inline!.hd);
        expect(r!.hu).toEqual(inline!.hu);
      }
    }
  });

  it('splits the damage pass of a big shock by slices of firms, with the single-thread bits', async () => {
    // More firms than three slices of ROW_SLICE, so that each thread gets whole slices of its own; a
    // shock through most of the network with budget 0, so that most damaged firms of most markets are
    // recomputed each step (the pass split among the threads).
    const big = randomNetwork({
      n: 3 * ROW_SLICE + 500,
      links: 200_000,
      industries: 12,
      hubs: 20,
      seed: 3,
      shared: true,
    });
    const p2 = await EsriPool.create(big, { threads: 2 });
    const p3 = await EsriPool.create(big, { threads: 3 });
    pools.push(p2, p3);
    const shock = {
      down: { firms: Int32Array.from({ length: 20 }, (_, i) => i), values: new Float64Array(20).fill(1) },
    };
    // With sparse steps only (denseShare, denseShareUp and pullDenseShare 2) the listed firms are all that the step
    // pushes.
    for (const denseShare of [0.1, 2]) {
      const options = {
        eps: 1e-4,
        substitution: true,
        errorBudget: 0,
        denseShare,
        denseShareUp: denseShare,
        pullDenseShare: denseShare,
      };
      const [inline] = runScenarios(big, [shock], options);
      // Budget 0: the dense reference's states, bit for bit.
      const dense = runDenseCascade(big, shock.down, undefined, options);
      expect(inline!.iterations).toBe(dense.iterations);
      expect(inline!.hd).toEqual(dense.hd);
      // hu of sparse steps comes from pushed sums: the reference's to rounding.
      let huOff = 0;
      for (let i = 0; i < big.n; i++) huOff = Math.max(huOff, Math.abs(inline!.hu[i]! - dense.hu[i]!));
      expect(huOff).toBeLessThan(1e-12);
      for (const pool of [p2, p3]) {
        const [split] = await pool.scenarios([shock], options);
        expect(split!.iterations).toBe(inline!.iterations);
        expect(split!.hd).toEqual(inline!.hd);
        expect(split!.hu).toEqual(inline!.hu);
      }
      // The shock reached most of the network (else the pass is not split).
      expect(inline!.hd.filter((h) => h < 1).length).toBeGreaterThan(big.n / 2);
    }
  });

  it('runs operations started together one after another, each with its own results', async () => {
    const p2 = await EsriPool.create(net, { threads: 2 });
    pools.push(p2);
    const a = { down: { firms: [0, 1], values: [1, 1] } };
    const b = { down: { firms: [1500], values: [1] } };
    const firms = Int32Array.from({ length: 100 }, (_, k) => k * 7);
    const [ra, rb, rf, rab] = await Promise.all([
      p2.scenarios([a], opts),
      p2.scenarios([b], opts),
      p2.firmEsri({ ...opts, firms }),
      p2.scenarios([a, b], opts),
    ]);
    const inline = runScenarios(net, [a, b], opts);
    expect(ra![0]!.esri).toBe(inline[0]!.esri);
    expect(rb![0]!.esri).toBe(inline[1]!.esri);
    expect(rab!.map((r) => r.esri)).toEqual(inline.map((r) => r.esri));
    expect(Array.from(rf!.esri)).toEqual(Array.from(firmEsri(net, { ...opts, firms }).esri));
  });

  it('refuses bad shocks and options before any work, and the next operation runs as if nothing happened', async () => {
    const p2 = await EsriPool.create(net, { threads: 2 });
    pools.push(p2);
    const good = [
      { down: { firms: [10], values: [0.5] } },
      { down: { firms: [20], values: [1] }, up: { firms: [30], values: [0.3] } },
    ];
    const badShock = p2.scenarios(
      [{ down: { firms: [0], values: [2] } }, { down: { firms: [0, 1, 2], values: [1, 1, 1] } }],
      opts,
    );
    const after = p2.scenarios(good, opts);
    const badEps = p2.firmEsri({ eps: Number.NaN });
    const firms = Int32Array.from({ length: 200 }, (_, k) => k * 9);
    const afterEps = p2.firmEsri({ ...opts, firms, method: 'cascade' });
    await expect(badShock).rejects.toThrow(/shock of firm 0 is 2/);
    await expect(badEps).rejects.toThrow(/eps must be ≥ 0, got NaN/);
    const inline = runScenarios(net, good, opts);
    expect((await after).map((r) => [r.esri, r.iterations])).toEqual(
      inline.map((r) => [r.esri, r.iterations]),
    );
    expect(Array.from((await afterEps).esri)).toEqual(
      Array.from(firmEsri(net, { ...opts, firms, method: 'cascade' }).esri),
    );
  });

  it('settles a failed batch only after the units already sent have answered', async () => {
    const p2 = await EsriPool.create(net, { threads: 2 });
    pools.push(p2);
    const batch = [0, 1, 2, 3, 4, 5].map((k) => ({ down: { firms: [k * 100], values: [1] } }));
    const spoiled = batch[3]!.down.values;
    // Spoiled after the checks, once the first answer is in: a worker then fails on unit 3 while the
    // other still runs unit 2, whose answer must not reach the next operation.
    const failing = p2.scenarios(batch, {
      ...opts,
      onProgress: (done) => {
        if (done === 1) spoiled[0] = 2;
      },
    });
    const good = [{ down: { firms: [1234], values: [1] } }, { down: { firms: [77], values: [0.4] } }];
    const next = p2.scenarios(good, opts);
    await expect(failing).rejects.toThrow(/shock of firm 300 is 2/);
    const inline = runScenarios(net, good, opts);
    const results = await next;
    for (const [k, r] of results.entries()) {
      expect(r.iterations).toBe(inline[k]!.iterations);
      expect(r.esri).toBe(inline[k]!.esri);
      expect(Array.from(r.hd)).toEqual(Array.from(inline[k]!.hd));
    }
  });

  it('sweeps natively in the workers when given the addon, with the same bits on 1 and 3 threads (ADR 0023)', async () => {
    if (!nativeBuild.available) return;
    const p1 = await EsriPool.create(net, { threads: 1, chunkSize: 50, nativeSweep: nativeBuild.path });
    const p3 = await EsriPool.create(net, { threads: 3, chunkSize: 17, nativeSweep: nativeBuild.path });
    pools.push(p1, p3);
    const a = await p1.firmEsri(opts);
    const b = await p3.firmEsri(opts);
    expect(Array.from(b.esri)).toEqual(Array.from(a.esri));
    expect(Array.from(b.esriUp)).toEqual(Array.from(a.esriUp));
    expect(Array.from(b.iterations)).toEqual(Array.from(a.iterations));
    // Against WebAssembly: runs of 6 steps move from the walk sums to the lanes, so values may differ
    // by rounding, never by more.
    const inline = firmEsri(net, opts);
    let largest = 0;
    for (let i = 0; i < net.n; i++) largest = Math.max(largest, Math.abs(a.esri[i]! - inline.esri[i]!));
    expect(largest).toBeLessThan(1e-13);
    expect(Array.from(a.iterations)).toEqual(Array.from(inline.iterations));
  });

  it('refuses an addon that is not a native sweep', async () => {
    const pool = await EsriPool.create(net, { threads: 1, nativeSweep: '/nonexistent/sweep.node' });
    pools.push(pool);
    await expect(pool.firmEsri(opts)).rejects.toThrow(/sweep\.node/);
  });

  it('matches fixture case-01 through the pool and reports worker errors', async () => {
    const fx = loadFixture('case-01');
    const pool = await EsriPool.create(fx.build(), { threads: 2, chunkSize: 4 });
    pools.push(pool);
    const r = await pool.firmEsri({ eps: 1e-9 });
    for (const [id, exp] of Object.entries(fx.expected.per_firm!)) {
      expect(Math.abs(r.esri[fx.index.get(id)!]! - exp.esri)).toBeLessThan(1e-9);
    }
    await expect(pool.scenarios([{ down: { firms: [999], values: [1] } }])).rejects.toThrow(/firm 999/);
  });
});
