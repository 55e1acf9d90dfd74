/**
 * Worker-thread pool for batches of ESRI cascades
 * ==============================================
 *
 * The network's typed arrays live on SharedArrayBuffer, so every worker reads the same memory without a
 * copy; each worker keeps its own scratch workspace. Work is handed out in chunks to whichever worker is
 * idle. Every scenario runs start to finish on one thread with the same code as the single-thread path
 * (esri.ts), so results are identical for any number of threads; only the order of completion varies.
 *
 * This module is the engine's only IO: worker_threads.
 */

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { SupplyNetwork } from '../network.js';
import { CASCADE_DEFAULTS, type CascadeOptions, checkRunOptions, checkShock } from './cascade.js';
import { allocDenseKernels, type DenseKernel } from './dense-kernel.js';
import {
  allocDense,
  type DenseShared,
  prepareDenseJobs,
  ROW_SLICE,
  releaseDenseHelpers,
} from './dense-rows.js';
import {
  allFirms,
  allocFirmEsriResult,
  type EsriOptions,
  FIRM_WALKS_MIN_JOB,
  type FirmEsriMethod,
  type FirmEsriResult,
  normalizeWeights,
  type Scenario,
  type ScenarioResult,
} from './esri.js';
import type { WorkerReply, WorkerRequest } from './worker.js';

export const POOL_DEFAULTS = {
  /** Number of worker threads (default: the machine's available parallelism). */
  threads: availableParallelism(),
  /** Firms per work unit in firm-level ESRI. */
  chunkSize: 512,
  /**
   * Whether scenarios (one split among the threads, or a batch of them, one per thread) and the
   * cascades of firm-level jobs run the rows of their dense steps in WebAssembly (dense-kernel.ts: the
   * same bits, a step's rows in about half (downstream) and 0.7 (upstream) of the JavaScript loops'
   * time, for one copy of the network's rows per pool, 203 MB at 1M firms and 10M links, made when
   * the first scenario or job runs). Off only to compare the two.
   */
  denseKernel: true,
  /**
   * Path of a native lane sweep built for this machine (@chainbrain/native-sweep, ADR 0023), which the
   * workers load for firm-level ESRI: the same bits, about a sixth less time per firm on CPUs with
   * AVX-512. Undefined: the sweeps run in WebAssembly.
   */
  nativeSweep: undefined as string | undefined,
};

export type PoolOptions = Partial<typeof POOL_DEFAULTS> & {
  /** Workers started earlier (EsriWorkers.start), which the pool takes instead of starting its own. */
  workers?: EsriWorkers;
};

const WORKER_URL = new URL('./worker-boot.mjs', import.meta.url);

/**
 * Worker threads started before their network is ready. A worker spends about 0.6 s loading its code
 * (tsx compiles the engine's TypeScript); started before the input files are read, it does so on the
 * other core meanwhile (the `esri` command, which reads the benchmark network's files for 1.6 s).
 * EsriPool.create takes them; whoever starts them closes them if no pool does.
 */
export class EsriWorkers {
  private started: Worker[];

  private constructor(workers: Worker[]) {
    this.started = workers;
  }

  static start(threads: number): EsriWorkers {
    const count = Math.max(1, Math.floor(threads));
    return new EsriWorkers(Array.from({ length: count }, () => new Worker(WORKER_URL, { execArgv: [] })));
  }

  /** Up to `count` of the workers (the pool's now); the rest are stopped. */
  take(count: number): Worker[] {
    const taken = this.started.slice(0, count);
    for (const worker of this.started.slice(count)) void worker.terminate();
    this.started = [];
    return taken;
  }

  /** Stops the workers no pool took. */
  async close(): Promise<void> {
    const rest = this.started;
    this.started = [];
    await Promise.all(rest.map((worker) => worker.terminate()));
  }
}
export type Progress = (done: number, total: number) => void;

function isShared(a: { buffer: ArrayBufferLike }): boolean {
  return a.buffer instanceof SharedArrayBuffer;
}

function toShared<T extends Float64Array | Int32Array>(a: T): T {
  if (isShared(a)) return a;
  const bytes = a.BYTES_PER_ELEMENT;
  const buf = new SharedArrayBuffer(a.length * bytes);
  const copy = (a instanceof Float64Array ? new Float64Array(buf) : new Int32Array(buf)) as T;
  copy.set(a);
  return copy;
}

/** The same network with every array on SharedArrayBuffer (arrays already shared are not copied). */
export function shareNetwork(net: SupplyNetwork): SupplyNetwork {
  const out = { ...net };
  for (const [key, value] of Object.entries(net)) {
    if (value instanceof Float64Array || value instanceof Int32Array) {
      (out as Record<string, unknown>)[key] = toShared(value);
    }
  }
  return out;
}

type Pending = { resolve: () => void; reject: (e: Error) => void };

/** The id of a pool's split-scenario arrays in its workers' caches (one set per pool, see splitShared). */
const SPLIT_SHARED_ID = 1;

export class EsriPool {
  readonly threads: number;
  readonly net: SupplyNetwork;
  private readonly workers: Worker[];
  private readonly chunkSize: number;
  private readonly denseKernel: boolean;
  private closed = false;
  /**
   * The operation running now: each one waits for the one before. Workers answer in order and a split
   * scenario holds every worker, so two operations at once would take each other's replies.
   */
  private queue: Promise<unknown> = Promise.resolve();
  /**
   * Shared arrays of split scenarios, allocated at the first and never replaced: the workers keep what
   * they build on them (the leader's workspace, the helpers' row loops) under SPLIT_SHARED_ID.
   */
  private splitShared?: DenseShared;
  /**
   * The dense kernel's memory (dense-kernel.ts), made for the first scenario or job: region 0 for the
   * split scenarios, region t + 1 for worker t's own workspace (batch scenarios and firm-level jobs);
   * null where the runtime cannot have it.
   */
  private kernels?: DenseKernel[] | null;
  /** Whether the workers have their regions. */
  private kernelsSent = false;

  private constructor(net: SupplyNetwork, workers: Worker[], chunkSize: number, denseKernel: boolean) {
    this.net = net;
    this.workers = workers;
    this.threads = workers.length;
    this.chunkSize = chunkSize;
    this.denseKernel = denseKernel;
  }

  /** Starts `threads` workers on the network (copied to SharedArrayBuffer if it is not already). */
  static async create(network: SupplyNetwork, options: PoolOptions = {}): Promise<EsriPool> {
    const threads = Math.max(1, Math.floor(options.threads ?? POOL_DEFAULTS.threads));
    const chunkSize = Math.max(1, Math.floor(options.chunkSize ?? POOL_DEFAULTS.chunkSize));
    const net = shareNetwork(network);
    const workers = options.workers?.take(threads) ?? [];
    while (workers.length < threads) workers.push(new Worker(WORKER_URL, { execArgv: [] }));
    for (const worker of workers) {
      worker.postMessage({ type: 'init', net, nativeSweep: options.nativeSweep } satisfies WorkerRequest);
    }
    return new EsriPool(net, workers, chunkSize, options.denseKernel ?? POOL_DEFAULTS.denseKernel);
  }

  /**
   * Dispatches `count` work units to idle workers; `send` posts unit k, `onReply` consumes replies. After
   * an error no more units are sent, but the operation settles only once every unit already sent has
   * answered (or its worker has died): settling at once let those late replies reach the next operation's
   * listeners, which then returned another batch's scenario or failed with this one's error.
   */
  private dispatch(
    count: number,
    send: (worker: Worker, k: number) => void,
    onReply: (reply: WorkerReply) => void,
    onProgress?: Progress,
  ): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the ESRI pool is closed'));
    return new Promise<void>((resolve, reject) => {
      let next = 0;
      let done = 0;
      let failure: Error | undefined;
      /** Workers with a unit sent and not yet answered (one unit each at a time). */
      const busy = new Set<Worker>();
      const pending: Pending = { resolve, reject };
      const cleanups: Array<() => void> = [];
      const finish = () => {
        for (const c of cleanups) c();
        if (failure) pending.reject(failure);
        else pending.resolve();
      };
      const sendNext = (worker: Worker) => {
        busy.add(worker);
        send(worker, next++);
      };
      if (count === 0) {
        finish();
        return;
      }
      for (const worker of this.workers) {
        const onMessage = (reply: WorkerReply) => {
          if (!busy.delete(worker)) return;
          if (reply.type === 'error') failure ??= new Error(reply.message);
          else if (!failure) {
            onReply(reply);
            done++;
            onProgress?.(done, count);
          }
          if (!failure && next < count) sendNext(worker);
          else if (busy.size === 0 && (failure || done === count)) finish();
        };
        const onError = (err: Error) => {
          // A worker that died answers nothing more: stop waiting for it.
          busy.delete(worker);
          failure ??= err;
          if (busy.size === 0) finish();
        };
        worker.on('message', onMessage);
        worker.on('error', onError);
        cleanups.push(() => {
          worker.off('message', onMessage);
          worker.off('error', onError);
        });
      }
      for (const worker of this.workers) if (next < count) sendNext(worker);
    });
  }

  private postJob(
    weights: Float64Array,
    options: CascadeOptions,
    out?: FirmEsriResult,
    method: FirmEsriMethod = 'auto',
  ) {
    const opts: Record<string, unknown> = {};
    const keys = [...Object.keys(CASCADE_DEFAULTS), 'errorBudgetDown'] as Array<keyof CascadeOptions>;
    for (const key of keys) {
      if (options[key] !== undefined) opts[key] = options[key];
    }
    for (const worker of this.workers) {
      const msg: WorkerRequest = out
        ? { type: 'job', weights, options: opts, out, method }
        : { type: 'job', weights, options: opts };
      worker.postMessage(msg);
    }
  }

  /** Runs `op` after every operation started before it has settled. */
  private serial<T>(op: () => Promise<T>): Promise<T> {
    const run = this.queue.then(op, op);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Firm-level ESRI of `firms` (default all firms). */
  firmEsri(
    options: EsriOptions & { firms?: Int32Array; method?: FirmEsriMethod; onProgress?: Progress } = {},
  ): Promise<FirmEsriResult> {
    return this.serial(() => this.firmEsriNow(options));
  }

  private async firmEsriNow(
    options: EsriOptions & { firms?: Int32Array; method?: FirmEsriMethod; onProgress?: Progress } = {},
  ): Promise<FirmEsriResult> {
    const n = this.net.n;
    checkRunOptions(options);
    const weights = toShared(normalizeWeights(options.weights ?? this.net.sOut, n));
    const firms = toShared(options.firms ?? allFirms(n));
    for (let t = 0; t < firms.length; t++) {
      const i = firms[t]!;
      if (!(i >= 0 && i < n)) throw new RangeError(`firm index ${i} is not in 0..${n - 1}`);
    }
    const out = allocFirmEsriResult(firms, true);
    this.sendKernels();
    this.postJob(weights, options, out, firms.length < FIRM_WALKS_MIN_JOB ? 'cascade' : options.method);
    const size = this.chunkSize;
    const chunks = Math.ceil(firms.length / size);
    let doneFirms = 0;
    await this.dispatch(
      chunks,
      (worker, k) => {
        const start = k * size;
        worker.postMessage({
          type: 'chunk',
          id: k,
          start,
          end: Math.min(firms.length, start + size),
        } satisfies WorkerRequest);
      },
      (reply) => {
        if (reply.type === 'chunk') {
          const start = reply.id * size;
          doneFirms += Math.min(firms.length, start + size) - start;
        }
      },
      options.onProgress ? () => options.onProgress!(doneFirms, firms.length) : undefined,
    );
    return out;
  }

  /**
   * Runs a throw-away split scenario twice, so that the first real one does not pay for allocating
   * the shared arrays, compiling the row loops (ADR 0010) and the JIT's optimisation of the cascade.
   * A service calls it once after loading its network; results never depend on it. The scenario is
   * the largest seller's stop with substitution: on the benchmark network of 1M firms it takes dense
   * and sparse steps in both channels. Twice, because V8 optimises in the background while the first
   * runs: after one warm-up the 10-seller shock's first run still took 1.15–1.3 times the later ones
   * (bench/RESULTS.md, section 2). Does nothing with one thread (no split scenarios).
   */
  async warmUp(): Promise<void> {
    if (this.threads < 2 || this.net.n === 0) return;
    let largest = 0;
    for (let i = 1; i < this.net.n; i++) if (this.net.sOut[i]! > this.net.sOut[largest]!) largest = i;
    const down = { firms: Int32Array.of(largest), values: Float64Array.of(1) };
    for (let run = 0; run < 2; run++) await this.scenarios([{ down }], { substitution: true });
  }

  /**
   * Runs scenarios; results in input order with full h vectors. A single scenario runs on every
   * thread at once: one leads it, the others take their part of its dense steps (dense-rows.ts), with
   * the same results as on one thread.
   */
  scenarios(
    scenarios: readonly Scenario[],
    options: EsriOptions & { onProgress?: Progress } = {},
  ): Promise<ScenarioResult[]> {
    return this.serial(() => this.scenariosNow(scenarios, options));
  }

  private async scenariosNow(
    scenarios: readonly Scenario[],
    options: EsriOptions & { onProgress?: Progress },
  ): Promise<ScenarioResult[]> {
    // Refused here rather than by a worker in the middle of the batch.
    checkRunOptions(options);
    for (const { down, up } of scenarios) {
      checkShock(down, this.net.n);
      if (up) checkShock(up, this.net.n);
    }
    const weights = toShared(normalizeWeights(options.weights ?? this.net.sOut, this.net.n));
    this.postJob(weights, options);
    if (scenarios.length === 1 && this.threads > 1) {
      const result = await this.splitScenario(scenarios[0]!);
      options.onProgress?.(1, 1);
      return [result];
    }
    this.sendKernels();
    const results: ScenarioResult[] = new Array(scenarios.length);
    await this.dispatch(
      scenarios.length,
      (worker, k) =>
        worker.postMessage({ type: 'scenario', id: k, scenario: scenarios[k]! } satisfies WorkerRequest),
      (reply) => {
        if (reply.type === 'scenario') {
          const { type: _type, id, ...result } = reply;
          results[id] = result;
        }
      },
      options.onProgress,
    );
    return results;
  }

  /**
   * Gives each worker its region of the kernel memory, once, before its first batch scenario or
   * firm-level job: its own workspace, which runs both, then computes its dense rows there.
   */
  private sendKernels(): void {
    if (this.kernelsSent || !this.kernelRegion(1)) return;
    for (const [t, worker] of this.workers.entries())
      worker.postMessage({ type: 'kernel', kernel: this.kernelRegion(t + 1)! } satisfies WorkerRequest);
    this.kernelsSent = true;
  }

  /** Region r of the pool's dense kernel memory, made when first asked for; undefined without it. */
  private kernelRegion(r: number): DenseKernel | undefined {
    if (!this.denseKernel) return undefined;
    if (this.kernels === undefined) this.kernels = allocDenseKernels(this.net, this.threads + 1) ?? null;
    return this.kernels?.[r];
  }

  /** One scenario led by the first worker, its dense steps shared with the others. */
  private async splitScenario(scenario: Scenario): Promise<ScenarioResult> {
    if (this.closed) throw new Error('the ESRI pool is closed');
    const helpers = this.threads - 1;
    this.splitShared ??= allocDense(this.net, helpers, true, ROW_SLICE, this.kernelRegion(0) ?? false);
    const shared = this.splitShared;
    const from = prepareDenseJobs(shared);
    const [leader, ...others] = this.workers;
    const helped = others.map((worker, h) =>
      ask(worker, { type: 'help', id: h + 1, shared, sharedId: SPLIT_SHARED_ID, part: h + 1, helpers, from }),
    );
    // The pool has one set of shared arrays, so its leader builds its workspace on them once, and its
    // helpers bind their row loops to them once.
    const led = ask(leader!, {
      type: 'lead',
      id: 0,
      scenario,
      shared,
      sharedId: SPLIT_SHARED_ID,
      helpers,
    }).finally(() =>
      // The leader releases its helpers itself; this covers a leader that failed before it could.
      releaseDenseHelpers(shared),
    );
    // Every worker must be done before the next operation may use them, also when one failed.
    const settled = await Promise.allSettled([led, ...helped]);
    const failed = settled.find((r) => r.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
    const reply = (settled[0] as PromiseFulfilledResult<WorkerReply>).value;
    if (reply.type !== 'scenario') throw new Error(`unexpected reply ${reply.type} to a split scenario`);
    const { type: _type, id: _id, ...result } = reply;
    return result;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** Posts one request and waits for that worker's next reply (rejects on an error reply or a crash). */
function ask(worker: Worker, msg: WorkerRequest): Promise<WorkerReply> {
  return new Promise((resolve, reject) => {
    const onMessage = (reply: WorkerReply) => {
      cleanup();
      if (reply.type === 'error') reject(new Error(reply.message));
      else resolve(reply);
    };
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    const onExit = (code: number) => onError(new Error(`an ESRI worker stopped (exit code ${code})`));
    const cleanup = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(msg);
  });
}
