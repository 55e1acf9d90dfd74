// `chainbrain esri`: read the files, build the network, run firm-level ESRI and scenarios on the worker
// pool, write the JSON. Progress on stderr; errors name file, line and column (csv.ts).
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import type { Writable } from 'node:stream';
import {
  buildNetwork,
  EsriPool,
  EsriWorkers,
  NATIVE_SWEEP_DEFAULT_LANES,
  NetworkError,
  type Production,
} from '@chainbrain/engine';
import { buildNativeSweep, type NativeSweepBuild } from '@chainbrain/native-sweep';
import { cleanUpOnExit } from './clean-up-on-exit.js';
import { note } from './note.js';
import { FIRMS, progressBar, SCENARIOS } from './progress.js';
import { essentialityCoverage } from './essentiality-coverage.js';
import { InputError } from './input-error.js';
import { readEdges, readEssentiality, readFirms, readScenarios, requireRevenue } from './load.js';
import { openOutput, writeEsriOutput } from './output.js';
import { usableThreads } from './threads.js';
import { checkWeightTotal } from './weight-total.js';

export type EsriCliOptions = {
  edges: string;
  firms: string;
  essentiality?: string;
  production: Production;
  substitution: boolean;
  eps: number;
  maxSteps: number;
  weights: 'out_strength' | 'revenue';
  upstreamBy: 'out_strength' | 'revenue';
  allFirms: boolean;
  scenarios?: string;
  threads: number;
  method?: 'auto' | 'cascade';
  out?: string;
};

/** A wrong combination of options, explained in English and Chinese. */
export class UsageError extends Error {
  constructor(message: string, zh: string) {
    super(`${message} / ${zh}`);
    this.name = 'UsageError';
  }
}

export async function runEsri(o: EsriCliOptions): Promise<void> {
  if (!o.allFirms && !o.scenarios) {
    throw new UsageError(
      'nothing to compute: pass --all-firms and/or --scenarios <file>',
      '没有要计算的内容：请给出 --all-firms 和/或 --scenarios <文件>',
    );
  }
  if (o.production === 'table' && !o.essentiality)
    throw new UsageError(
      '--production table needs --essentiality <file>',
      '--production table 需要 --essentiality <文件>',
    );
  const started = performance.now();
  // Opened first, so that an unwritable --out fails before the computation rather than after it.
  const output = o.out ? await openOutput(o.out) : undefined;
  const release = output ? cleanUpOnExit(output.discardNow) : () => {};
  try {
    await computeAndWrite(o, started, output?.stream);
    await output?.commit();
  } finally {
    release();
    await output?.discard();
  }
}

async function computeAndWrite(o: EsriCliOptions, started: number, out: Writable | undefined): Promise<void> {
  const usable = usableThreads(o.threads, availableParallelism());
  if (usable.note) note(usable.note.en, usable.note.zh);
  // Started first, so that they load their code while the files are read (EsriWorkers).
  const workers = EsriWorkers.start(usable.threads);
  try {
    await loadComputeAndWrite(o, started, out, usable.threads, workers);
  } finally {
    await workers.close();
  }
}

async function loadComputeAndWrite(
  o: EsriCliOptions,
  started: number,
  out: Writable | undefined,
  threads: number,
  workers: EsriWorkers,
): Promise<void> {
  const firms = readFirms(o.firms);
  const edges = readEdges(o.edges, firms);
  if (o.weights === 'out_strength' && !edges.value.some((v) => v > 0)) {
    throw new InputError(
      basename(o.edges),
      0,
      0,
      "no link has a value > 0, so every firm's sales (the ESRI weights) are 0; add links, or pass --weights revenue",
      '没有金额大于 0 的供应关系，所有企业的销售额（ESRI 权重）均为 0；请补充供应关系，或使用 --weights revenue',
    );
  }
  // Read even when the production ignores it, so that a broken file is reported rather than passed over.
  const ratings = o.essentiality ? readEssentiality(o.essentiality, firms) : undefined;
  if (ratings && o.production !== 'table') {
    note(
      `--essentiality is not used with --production ${o.production} (only with table)`,
      `--production ${o.production} 不使用 --essentiality（仅 table 使用）`,
    );
  }
  const essentiality = o.production === 'table' ? ratings?.table : undefined;
  if (ratings && essentiality) {
    const warning = essentialityCoverage(ratings, firms);
    if (warning) note(warning.en, warning.zh);
  }
  const scenarios = o.scenarios ? readScenarios(o.scenarios, firms) : [];
  const revenueNeeded = o.weights === 'revenue' || o.upstreamBy === 'revenue';
  const revenue = revenueNeeded
    ? requireRevenue(firms, o.weights === 'revenue' ? '--weights revenue' : '--upstream-by revenue')
    : undefined;
  let net: ReturnType<typeof buildNetwork>;
  try {
    net = buildNetwork({
      n: firms.ids.length,
      supplier: edges.supplier,
      buyer: edges.buyer,
      value: edges.value,
      industry: firms.industry,
      nIndustries: firms.industryIndex.size,
      market: firms.market,
      production: o.production,
      essentiality,
      revenue,
      upstreamBy: o.upstreamBy,
      shared: true,
    });
  } catch (err) {
    if (err instanceof NetworkError && err.firm !== undefined) {
      const id = firms.ids[err.firm]!;
      if (o.upstreamBy === 'revenue' && /revenue/.test(err.message)) {
        const r = firms.revenue[err.firm]!;
        throw new InputError(
          firms.file,
          firms.line[err.firm]!,
          firms.revenueColumn,
          `firm "${id}" has revenue ${r}, so small that its sales over it overflow`,
          `企业“${id}”的营业收入 ${r} 过小，销售额与它之比超出浮点数范围`,
        );
      }
      throw new InputError(
        firms.file,
        firms.line[err.firm]!,
        1,
        `firm "${id}": its purchases or sales in ${basename(o.edges)} add up to more than a float can hold`,
        `企业“${id}”在 ${basename(o.edges)} 中的采购额或销售额合计超出浮点数范围`,
      );
    }
    // The files were checked above, so anything else is a bug here, not bad input.
    throw err;
  }
  checkWeightTotal(
    o.weights === 'revenue' ? revenue! : net.sOut,
    o.weights === 'revenue'
      ? {
          file: firms.file,
          en: 'the firms\' revenues (column "revenue")',
          zh: '企业营业收入（"revenue" 列）',
        }
      : {
          file: basename(o.edges),
          en: 'the firms\' sales (column "value" summed per supplier)',
          zh: '企业销售额（"value" 列按供应商求和）',
        },
  );
  const loaded = performance.now();
  const options = {
    eps: o.eps,
    maxSteps: o.maxSteps,
    substitution: o.substitution,
    weights: o.weights === 'revenue' ? revenue : undefined,
  };
  // Only firm-level ESRI sweeps lanes. Built here, once per machine, before the workers load it.
  const sweep = o.allFirms ? buildNativeSweep() : undefined;
  const pool = await EsriPool.create(net, {
    threads: Math.min(threads, Math.max(1, firms.ids.length)),
    nativeSweep: sweep?.available ? sweep.path : undefined,
    workers,
  });
  try {
    // One scenario reports nothing until it is done, so a bar only shows for batches.
    const scenarioBar =
      scenarios.length > 1 ? progressBar('scenarios', scenarios.length, SCENARIOS) : undefined;
    const scenarioResults = await pool.scenarios(scenarios, {
      ...options,
      onProgress: scenarioBar ? (done) => scenarioBar.update(done) : undefined,
    });
    scenarioBar?.stop();
    for (const [s, r] of scenarioResults.entries()) {
      if (r.capped) {
        const name = scenarios[s]!.name;
        note(
          `scenario "${name}" stopped at the step cap (${r.iterations} steps), not at eps`,
          `情景“${name}”在步数上限（${r.iterations} 步）处停止，未达到 eps`,
        );
      }
    }
    let perFirm: Awaited<ReturnType<EsriPool['firmEsri']>> | undefined;
    if (o.allFirms) {
      const bar = progressBar('ESRI', net.n, FIRMS);
      perFirm = await pool.firmEsri({
        ...options,
        method: o.method ?? 'auto',
        onProgress: (done) => bar.update(done),
      });
      bar.stop();
      const capped = perFirm.capped.reduce((a, b) => a + b, 0);
      if (capped > 0) {
        note(
          `${capped} firm cascades stopped at the step cap, not at eps`,
          `${capped} 家企业的级联在步数上限处停止，未达到 eps`,
        );
      }
    }
    const computed = performance.now();
    await writeEsriOutput(
      {
        ids: firms.ids,
        scenarios: scenarios.map((s, k) => ({ name: s.name, result: scenarioResults[k]! })),
        perFirm,
      },
      out ?? process.stdout,
    );
    const done = performance.now();
    const [load, compute, write] = [loaded - started, computed - loaded, done - computed].map((ms) =>
      (ms / 1000).toFixed(2),
    );
    const sweeps = sweepNote(sweep);
    note(
      `${net.n} firms, ${net.m} links; load ${load} s, compute ${compute} s on ${pool.threads} threads, write ${write} s${sweeps.en}`,
      `${net.n} 家企业，${net.m} 条供应关系；读取 ${load} 秒，计算 ${compute} 秒（${pool.threads} 个线程），写出 ${write} 秒${sweeps.zh}`,
    );
  } finally {
    await pool.close();
  }
}

/** Which kernel swept the lanes, for the summary line (a figure is only comparable with its kernel's). */
function sweepNote(sweep: NativeSweepBuild | undefined): { en: string; zh: string } {
  if (!sweep) return { en: '', zh: '' };
  if (sweep.available) {
    return {
      en: `; lanes swept natively (AVX-512, ${NATIVE_SWEEP_DEFAULT_LANES} lanes)`,
      zh: `；以原生代码扫描（AVX-512，${NATIVE_SWEEP_DEFAULT_LANES} 路）`,
    };
  }
  return {
    en: `; lanes swept in WebAssembly (no native sweep: ${sweep.reason})`,
    zh: `；以 WebAssembly 扫描（无原生扫描：${sweep.reason}）`,
  };
}
