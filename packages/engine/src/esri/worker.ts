/**
 * ESRI worker thread: runs cascades on the network shared through SharedArrayBuffer (see pool.ts).
 * Each scenario runs entirely on one thread with the same code as the single-thread path, so results do
 * not depend on the number of threads.
 */

import { parentPort } from 'node:worker_threads';
import type { SupplyNetwork } from '../network.js';
import { type CascadeOptions, CascadeWorkspace } from './cascade.js';
import type { DenseKernel } from './dense-kernel.js';
import {
  allocDense,
  bindRowJobs,
  type DenseShared,
  helpDenseRows,
  ROW_SLICE,
  type RowJobs,
  releaseDenseHelpers,
} from './dense-rows.js';
import {
  type FirmEsriMethod,
  type FirmEsriResult,
  type FirmSolvers,
  firmEsriInto,
  firmSolvers,
  runScenarioOn,
  type Scenario,
} from './esri.js';
import { loadNativeSweep, type NativeSweepModule } from './sweep-kernel/native.js';

export type WorkerRequest =
  | { type: 'init'; net: SupplyNetwork; nativeSweep?: string }
  | {
      type: 'job';
      weights: Float64Array;
      options: CascadeOptions;
      out?: FirmEsriResult;
      method?: FirmEsriMethod;
    }
  | { type: 'chunk'; id: number; start: number; end: number }
  | { type: 'scenario'; id: number; scenario: Scenario }
  /** This worker's region of the pool's dense kernel memory, for its own workspace (dense-kernel.ts). */
  | { type: 'kernel'; kernel: DenseKernel }
  /** Run a scenario whose dense steps `helpers` other workers share (dense-rows.ts). */
  | { type: 'lead'; id: number; scenario: Scenario; shared: DenseShared; sharedId: number; helpers: number }
  /** Take part `part` of the dense steps of the scenario another worker leads, until it ends. */
  | {
      type: 'help';
      id: number;
      shared: DenseShared;
      sharedId: number;
      part: number;
      helpers: number;
      from: number;
    };

export type WorkerReply =
  | { type: 'chunk'; id: number }
  | {
      type: 'scenario';
      id: number;
      hd: Float64Array;
      hu: Float64Array;
      iterations: number;
      capped: boolean;
      esri: number;
      esriDown: number;
      esriUp: number;
    }
  | { type: 'helped'; id: number }
  | { type: 'error'; id: number; message: string };

const port = parentPort;
if (!port) throw new Error('worker.ts must run in a worker thread');

let net: SupplyNetwork | undefined;
/** This worker's region of the pool's dense kernel memory (dense-kernel.ts), once the pool sends it. */
let ownKernel: DenseKernel | undefined;
let ownWs: CascadeWorkspace | undefined;
/**
 * This worker's own workspace (firm-level chunks and batch scenarios), made when first needed: a pool
 * that only splits single scenarios among its threads never needs it (at 1M firms it holds arrays of
 * several hundred MB, of which its constructor fills about 50 MB). With a kernel region, its dense
 * steps compute their rows there (the same bits; on one thread, firm-level jobs on the benchmark
 * network took 0.86–0.97 of their time, bench/RESULTS.md, twenty-second session).
 */
function ws(): CascadeWorkspace {
  ownWs ??= new CascadeWorkspace(
    net!,
    ownKernel ? { shared: allocDense(net!, 0, false, ROW_SLICE, ownKernel), helpers: 0 } : undefined,
  );
  return ownWs;
}
let weights: Float64Array | undefined;
let options: CascadeOptions = {};
let out: FirmEsriResult | undefined;
let solvers: FirmSolvers | undefined;
/** The native lane sweep the pool gave (ADR 0023), if any. */
let native: NativeSweepModule | undefined;
/** The workspace on the shared arrays of split scenarios, and which arrays it was built on. */
let leadWs: CascadeWorkspace | undefined;
let leadSharedId = 0;
/** The row loops of the dense steps this worker helps with, and which arrays they are bound to. */
let helpRows: RowJobs | undefined;
let helpSharedId = 0;

port.on('message', (msg: WorkerRequest) => {
  try {
    if (msg.type === 'init') {
      net = msg.net;
      native = msg.nativeSweep ? loadNativeSweep(msg.nativeSweep) : undefined;
    } else if (msg.type === 'kernel') {
      ownKernel = msg.kernel;
      ownWs = undefined;
    } else if (msg.type === 'job') {
      weights = msg.weights;
      options = msg.options;
      out = msg.out;
      solvers = msg.out ? firmSolvers(ws(), msg.weights, msg.options, msg.method, { native }) : undefined;
    } else if (msg.type === 'chunk') {
      firmEsriInto(
        ws(),
        weights!,
        out!.firms.subarray(msg.start, msg.end),
        options,
        out!,
        msg.start,
        solvers,
      );
      port.postMessage({ type: 'chunk', id: msg.id } satisfies WorkerReply);
    } else if (msg.type === 'scenario') {
      const r = runScenarioOn(ws(), weights!, msg.scenario, options);
      const reply: WorkerReply = { type: 'scenario', id: msg.id, ...r };
      port.postMessage(reply, [r.hd.buffer as ArrayBuffer, r.hu.buffer as ArrayBuffer]);
    } else if (msg.type === 'lead') {
      let r: ReturnType<typeof runScenarioOn>;
      try {
        if (!leadWs || leadSharedId !== msg.sharedId) {
          leadWs = undefined;
          leadWs = new CascadeWorkspace(net!, { shared: msg.shared, helpers: msg.helpers });
          leadSharedId = msg.sharedId;
        }
        r = runScenarioOn(leadWs, weights!, msg.scenario, options);
      } finally {
        // Also when the workspace could not be built: the helpers would wait for ever.
        releaseDenseHelpers(msg.shared);
      }
      const reply: WorkerReply = { type: 'scenario', id: msg.id, ...r };
      port.postMessage(reply, [r.hd.buffer as ArrayBuffer, r.hu.buffer as ArrayBuffer]);
    } else if (msg.type === 'help') {
      if (!helpRows || helpSharedId !== msg.sharedId) {
        helpRows = bindRowJobs(net!, msg.shared);
        helpSharedId = msg.sharedId;
      }
      helpDenseRows(net!, msg.shared, msg.part, msg.helpers, msg.from, helpRows);
      port.postMessage({ type: 'helped', id: msg.id } satisfies WorkerReply);
    }
  } catch (err) {
    const id = 'id' in msg ? msg.id : -1;
    port.postMessage({ type: 'error', id, message: (err as Error).message } satisfies WorkerReply);
  }
});
