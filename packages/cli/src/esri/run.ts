// `chainbrain esri`: read the files, build the network, run firm-level ESRI and scenarios on the worker
// pool, write the JSON. Progress on stderr; errors name file, line and column (csv.ts).
import { basename } from 'node:path';
import { buildNetwork, EsriPool, NetworkError, type Production } from '@chainbrain/engine';
import { Presets, SingleBar } from 'cli-progress';
import { InputError } from './csv.js';
import { readEdges, readEssentiality, readFirms, readScenarios, requireRevenue } from './load.js';
import { writeEsriOutput } from './output.js';

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

function note(message: string): void {
  process.stderr.write(`chainbrain esri: ${message}\n`);
}

type Progress = { update: (done: number) => void; stop: () => void };

/** A bar on a terminal; elsewhere (logs, CI) a plain line every 10% or 30 s. */
function progressBar(label: string, total: number): Progress {
  if (!process.stderr.isTTY) {
    const start = performance.now();
    let lastTime = start;
    let lastDecile = 0;
    return {
      update: (done) => {
        const now = performance.now();
        const decile = Math.floor((10 * done) / total);
        if (decile > lastDecile || now - lastTime > 30_000) {
          lastDecile = decile;
          lastTime = now;
          note(`${label} ${done}/${total} firms, ${((now - start) / 1000).toFixed(1)} s`);
        }
      },
      stop: () => {},
    };
  }
  const bar = new SingleBar(
    {
      stream: process.stderr,
      format: `${label} [{bar}] {percentage}% {value}/{total} firms | {duration_formatted} elapsed | eta {eta_formatted}`,
      etaBuffer: 200,
    },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  return { update: (done) => bar.update(done), stop: () => bar.stop() };
}

export async function runEsri(o: EsriCliOptions): Promise<void> {
  if (!o.allFirms && !o.scenarios)
    throw new Error('nothing to compute: pass --all-firms and/or --scenarios <file>');
  if (o.production === 'table' && !o.essentiality)
    throw new Error('--production table needs --essentiality <file>');
  if (o.production !== 'table' && o.essentiality)
    note(`--essentiality is ignored with --production ${o.production}`);
  const started = performance.now();
  const firms = readFirms(o.firms);
  const edges = readEdges(o.edges, firms);
  const essentiality = o.production === 'table' ? readEssentiality(o.essentiality!, firms) : undefined;
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
    if (err instanceof NetworkError && err.link !== undefined) {
      throw new InputError(basename(o.edges), err.link + 2, 1, err.message);
    }
    if (err instanceof NetworkError && err.firm !== undefined) {
      const revenueError = o.upstreamBy === 'revenue' && /revenue/.test(err.message);
      throw new InputError(
        basename(firms.file),
        firms.line[err.firm]!,
        revenueError ? firms.revenueColumn : 1,
        err.message,
      );
    }
    throw err;
  }
  const loaded = performance.now();
  const options = {
    eps: o.eps,
    maxSteps: o.maxSteps,
    substitution: o.substitution,
    weights: o.weights === 'revenue' ? revenue : undefined,
  };
  const pool = await EsriPool.create(net, { threads: Math.min(o.threads, Math.max(1, firms.ids.length)) });
  try {
    const scenarioResults = await pool.scenarios(scenarios, options);
    for (const [s, r] of scenarioResults.entries()) {
      if (r.capped)
        note(`scenario "${scenarios[s]!.name}" stopped at the step cap (${r.iterations} steps), not at eps`);
    }
    let perFirm: Awaited<ReturnType<EsriPool['firmEsri']>> | undefined;
    if (o.allFirms) {
      const bar = progressBar('ESRI', net.n);
      perFirm = await pool.firmEsri({
        ...options,
        method: o.method ?? 'auto',
        onProgress: (done) => bar.update(done),
      });
      bar.stop();
      const capped = perFirm.capped.reduce((a, b) => a + b, 0);
      if (capped > 0) note(`${capped} firm cascades stopped at the step cap, not at eps`);
    }
    const computed = performance.now();
    await writeEsriOutput(
      {
        ids: firms.ids,
        scenarios: scenarios.map((s, k) => ({ name: s.name, result: scenarioResults[k]! })),
        perFirm,
      },
      o.out,
    );
    const done = performance.now();
    note(
      `${net.n} firms, ${net.m} links; load ${((loaded - started) / 1000).toFixed(2)} s, ` +
        `compute ${((computed - loaded) / 1000).toFixed(2)} s on ${pool.threads} threads, ` +
        `write ${((done - computed) / 1000).toFixed(2)} s`,
    );
  } finally {
    await pool.close();
  }
}
