// How time grows from 10k to 100k to 1M firms (links = 10 × firms): build time, per-firm ESRI on a
// deterministic sample of firms (one thread): first one cascade per firm (median, mean, touched firms,
// steps), then the same firms through firmEsri's default method (mean). Usage: node --import tsx bench/src/scaling.ts [sizes] [samples]
// Reports wall time per firm and CPU time per firm (the machine may be shared; cpuShare = CPU / wall).
import { CascadeWorkspace, firmEsri, normalizeWeights, workspaceEsri } from '@chainbrain/engine';
import { buildGeneratedNetwork, generateNetwork, mulberry32 } from './generate.js';

const sizes = (process.argv[2] ?? '10000,100000,1000000').split(',').map(Number);
const samples = (process.argv[3] ?? '200,100,20').split(',').map(Number);
for (const [k, n] of sizes.entries()) {
  const sample = samples[k] ?? samples.at(-1)!;
  let t = performance.now();
  const g = generateNetwork({ firms: n, links: 10 * n, industries: 200 });
  const net = buildGeneratedNetwork(g);
  const buildMs = performance.now() - t;
  const ws = new CascadeWorkspace(net);
  const w = normalizeWeights(net.sOut, n);
  const r = mulberry32(7);
  const perFirm: number[] = [];
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const touched: number[] = [];
  const iterations: number[] = [];
  for (let s = 0; s < sample; s++) {
    const f = Math.floor(r() * n);
    const shock = { firms: [f], values: [1] };
    t = performance.now();
    const run = ws.run(shock, shock, { eps: 1e-2, substitution: true });
    workspaceEsri(ws, w);
    perFirm.push(performance.now() - t);
    touched.push(ws.touchedCount);
    iterations.push(run.iterations);
    ws.reset();
  }
  const cpu = process.cpuUsage(cpu0);
  const cpuPerFirm = (cpu.user + cpu.system) / 1000 / sample;
  const wallPerFirm = (performance.now() - wall0) / sample;
  // The same firms through firmEsri's default method (walk sums, multi-firm sweeps, cascade as fallback).
  const r2 = mulberry32(7);
  const firms = Int32Array.from({ length: sample }, () => Math.floor(r2() * n));
  firmEsri(net, { eps: 1e-2, substitution: true, firms: firms.subarray(0, 4) });
  t = performance.now();
  firmEsri(net, { eps: 1e-2, substitution: true, firms });
  const autoPerFirm = (performance.now() - t) / sample;
  const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1]!;
  const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
  console.log(
    JSON.stringify({
      firms: n,
      links: net.m,
      buildMs: Math.round(buildMs),
      sample,
      perFirmMedianMs: +med(perFirm).toFixed(3),
      perFirmMeanMs: +mean(perFirm).toFixed(3),
      perFirmMaxMs: +Math.max(...perFirm).toFixed(1),
      touchedMedian: med(touched),
      touchedMeanShare: +(mean(touched) / n).toFixed(3),
      iterationsMedian: med(iterations),
      cpuPerFirmMs: +cpuPerFirm.toFixed(3),
      cpuShare: +(cpuPerFirm / wallPerFirm).toFixed(2),
      projectedAllFirmsOneCoreS: Math.round((cpuPerFirm * n) / 1000),
      autoPerFirmMeanMs: +autoPerFirm.toFixed(3),
      autoProjectedAllFirmsOneCoreS: Math.round((autoPerFirm * n) / 1000),
    }),
  );
}
