/**
 * ESRI shock cascade with sparse synchronous updates
 * =================================================
 *
 * Runs the downstream and upstream production-loss cascades of one scenario (two shock vectors ψd, ψu)
 * on a supply network in CSR form, exactly as specified in shared/specs/esri.md.
 *
 * [Reference]:
 * Diem, C., Borsos, A., Reisch, T., Kertész, J., Thurner, S. Quantifying firm-level economic systemic
 * risk from nation-wide supply networks. Scientific Reports 12, 7719 (2022).
 *
 * The update is synchronous: every value of step t+1 is computed from the state of step t. A firm's new
 * value is a function of its suppliers' (downstream) or customers' (upstream) values and of the
 * substitution factor σ of its damaged suppliers. If none of those changed in the last step, recomputing
 * it returns the value it already has. So each step recomputes only
 * - downstream (push): the customers (rating > 0 links) of firms whose hd changed in the last step and,
 *   with substitution, the customers of every damaged supplier in a market whose availability changed.
 *   Each firm keeps one running sum Σ_j Λd[j,i] dmg(j) per input group (a rating-2 supplier industry,
 *   or all rating-1 links); a supplier whose dmg changed adds Λd × (its change) to the group it feeds
 *   in each customer, and the customer's new value is the minimum over its groups. This costs the
 *   out-degree of the changed suppliers instead of the whole input rows of their customers (hubs buy
 *   from thousands: on the benchmark network the rows were 20 times the pushes, bench/RESULTS.md);
 * - upstream (push): each firm keeps the running sum Σ_j Λu[i,j] (1 − hu(j)); a customer whose hu
 *   changed adds Λu × (its change) to each of its suppliers, which are then recomputed in O(1). This
 *   costs the in-degree of the changed firms instead of the out-degree of every candidate (hubs).
 * and yields the sequence of states of a dense sweep (see dense.ts, kept for tests) up to rounding
 * (the pushed sums add the same terms in another order), with the same stop step. Step 0 is the shock
 * itself (the state before it is all ones).
 *
 * Drop threshold. `errorBudget` B (default 1e-10; 0 = drop nothing) gives step t = 0, 1, … the budget
 * B_t = B / ((t + 1)(t + 2)), so Σ_t B_t = B, in three shares:
 * - τ_t = 0.8 B_t, the drop threshold: a recomputed value within τ_t of the stored one is neither
 *   written nor propagated (an upstream sum keeps the change, so it is deferred, not lost), and a
 *   market's availability change of at most τ_t × its availability at the last propagation does not
 *   trigger recomputation;
 * - δ_t = 0.1 B_t lets a supplier's dmg change wait: customers see (in their group sums and their rows)
 *   the dmg of its last change larger than δ_t, and a supplier whose dmg moved by less is not pushed
 *   and its customers are not recomputed. With substitution most dmg changes are of that size (a
 *   damaged supplier's σ moves with every change in its market's availability; in firm-level
 *   downstream runs on the benchmark network 82% of the pushed links carried changes below δ_t, 19%
 *   exactly zero). A customer's value moves by at most the largest waiting change, since its column
 *   of Λd sums to at most 1;
 * - ρ_t = 0.1 B_t covers rounding: a changed value may be written from the pushed sums when their
 *   rounding bound (below) is at most ρ_t.
 * Left-out changes are checked again. Without substitution the update map is non-expansive in the
 * max norm (rows of Λd and Λu sum to at most 1 with s_out normalisation), so the error after T steps
 * is at most the sum over the steps of what each leaves out. Normalised by revenue, a firm that sells
 * more than its revenue has a row of Λu above 1 and the map is not non-expansive: a change left out
 * grows with every hop (an independent transcription of the spec, eighth session, found a dropped
 * 1e-11 that the dense computation turns into 1e-2). There the upstream channel runs with a budget of
 * 0 (the channels never read each other's states, so each has its own budget). A change left out at
 * step s stays left out while the firm is not recomputed, so it counts at every later step: where the
 * firm feeds a feedback loop (two firms buying almost only from each other) the dense states keep
 * moving while the sparse ones stay frozen. A randomized review (fifth session) built such a network:
 * with default options h ended 9.9e-9 from the dense computation, ten times the 1e-9 contract
 * (properties.test.ts keeps it). So the firms whose recomputed hd or hu was left out, the suppliers whose dmg waits and
 * the markets whose availability change was not propagated are listed, and checked again at steps
 * 16, 32, 64, … against that step's thresholds. Until step 16 what is left out is at most τ_0 + δ_0 =
 * 0.45 B per firm, counted at each of the 16 steps (7.2 B); between 2^k and 2^(k+1) at most 0.9 B at
 * 2^k, counted 2^k times, which falls as 1/2^k (0.12 B for all k ≥ 4). So the total stays below 7.4 B,
 * 7.4e-10 at the default budget, inside the 1e-9 contract (not within B, as this header claimed until
 * the fifth session; checking from step 2 would make it 1.9 B, at a cost). Checking at every step kept
 * firm-level downstream runs going for 13 steps of tiny changes instead of 4.4 and made firm-level
 * ESRI a third slower; from step 8 on, all-firm ESRI took 5–26% longer in two back-to-back pairs, from
 * step 16 on 6% (bench/RESULTS.md).
 *
 * With substitution σ couples a market's firms, and the update is not non-expansive: an error e in
 * the hd of a market's firms moves its availability, so σ of every damaged firm there, and a customer
 * of those can move by more than e. In a market that is almost gone this is large: an independent
 * transcription of the spec (eighth session) showed a dropped 3e-12 that the dense computation turns
 * into 7.5e-9 (properties.test.ts). So a run with substitution bounds its error as it goes, from what
 * each step actually left out and a gain per step (substitutionGain), and is repeated with a smaller
 * downstream budget (firm-level runs) or none (scenarios) when the bound would exceed the
 * non-expansive one by more than AMPLIFICATION_LIMIT. On the benchmark network that happens to 2 of
 * 1,059 firm-level runs; the 10 largest sellers' shock on the 1M-firm network has so high a gain
 * after the shock that it starts with no downstream budget (SURE_AMPLIFICATION_GAIN). With the
 * two shares above, a firm-level downstream run on the benchmark network takes a quarter of the time
 * it took without (bench/RESULTS.md).
 *
 * The stop rule (ADR 0012). The bounds above hold the state near the reference's at the same step,
 * but a drop computed from a state that is off by e may be off by 2e, and near eps that moves the stop
 * step; where drops fall slowly, every step more or less moves the result by about eps per firm. So each
 * step knows how far its drop may be from the reference's (twice the downstream bound, boundFlat or the
 * amplified bound, and twice STATE_BOUND_PER_BUDGET × the upstream budget), and a run whose drop is that
 * close to eps is repeated with a budget of 0 (exactStopRule). A caller that decides the stop itself
 * (StepControl) is given that error with each drop.
 *
 * Dense steps, and the candidates of big sparse downstream steps, are computed row by row by the
 * functions of dense-rows.ts; a workspace built with helper threads splits those rows among them
 * (ADR 0007), with the same bits.
 *
 * Pushed sums and rounding. A pushed downstream sum adds the same terms as the whole row but in
 * another order, so the two differ by rounding (bounded per firm from the number of additions). The
 * pushed value rules out a change (surely within τ_t, so not written); a drop that may be within the
 * bound of eps (the stop rule) is taken from the whole row, as the dense reference computes it, and so
 * is a change that may be written unless the bound fits in ρ_t. With errorBudget 0 (ρ_t = 0) the
 * stored state is therefore the one the rows give, bit for bit the dense reference's: rounding is
 * neither written (it would drift with the number of steps) nor propagated round a cycle of firms
 * (which could trade ulps for ever). With a positive budget what a written pushed value may differ by
 * is part of the budget; it cannot pile up, since ρ_t shrinks with t while the bound grows with every
 * push until the row is read again (which rewrites the sums).
 */

import type { SupplyNetwork } from '../network.js';
import {
  allocDense,
  CANDIDATES_PULL,
  CANDIDATES_PUSH,
  DENSE_DOWN,
  DENSE_SUMS,
  DENSE_UP,
  DenseRows,
  type DenseShared,
  ROUNDING_PER_ADD,
  upstreamValue,
} from './dense-rows.js';
import {
  AVAIL_FLOOR,
  type AvailabilityScratch,
  availabilityScratch,
  marketAvailability,
  sumAvailability,
  supplierDamage,
} from './substitution.js';
import { upstreamExpands } from './upstream-rows.js';

export { downstreamValue, upstreamValue } from './dense-rows.js';
export { AVAIL_FLOOR, substitutionFactor, supplierDamage } from './substitution.js';

export const CASCADE_DEFAULTS = {
  /** Stop when no firm's h dropped by more than eps in a step (the reference default). */
  eps: 1e-2,
  /** Hard cap on the number of steps; the result then reports `capped`. */
  maxSteps: 100_000,
  /** Substitution of damaged suppliers by others of the same market. */
  substitution: false,
  /**
   * Total error allowed to dropped and deferred tiny changes (see header); 0 drops nothing. Unless a
   * caller sets it, a run's budget is this or eps × BUDGET_PER_EPS, whichever is smaller.
   */
  errorBudget: 1e-10,
  /**
   * A stop decision that what the budget left out could have changed is taken again by a run with a
   * budget of 0, which gives the dense reference's states (ADR 0012; STATE_BOUND_PER_BUDGET). False only to
   * study the budget's own error (tests).
   */
  exactStopRule: true,
  /**
   * A channel's step runs as a dense sweep when the sparse one would visit more than this share of
   * links. A sparse step's link costs more than a sweep's (scattered reads and writes): at 10% instead
   * of 20% the 1M-firm scenarios with the largest seller or the 10 largest sellers stopped took 12–17%
   * less time, and firm-level ESRI on the 100k network the same (bench/RESULTS.md).
   */
  denseShare: 0.1,
  /**
   * The same for the upstream channel. Its pushes are scattered adds into every supplier's sum, 55 ns
   * a link when the largest seller of the 1M-firm network stops, against about 5 ns a link in a dense
   * step on one thread: at 5% instead of 10% that shock took 287–301 ms instead of 322–327 on two
   * threads, the 10 largest sellers 974–1005 instead of 1002–1011 (medians of 7 runs, alternating
   * processes), and firm-level ESRI on the 100k network the same (bench/RESULTS.md, eleventh session).
   */
  denseShareUp: 0.05,
  /**
   * A sparse downstream step reads whole rows instead of pushing into group sums when more than this
   * share of the last step's candidates changed (0: always rows; 1 or more: always pushes). With
   * errorBudget 0 the results are the same either way; with a positive budget the early steps, whose
   * share of the budget covers the rounding of pushed values, push regardless (see where it is
   * applied).
   */
  pullShare: 0.5,
  /**
   * A sparse downstream step that reads whole rows (see pullShare) runs as a dense step instead when
   * its candidates' rows hold more than this share of the links. Read row after row in candidate
   * order, a link cost about five times what it costs in a dense step on the 1M-firm network: in the
   * 10 largest sellers' shock, 3.5 M links of 296,000 candidates took 75 ms on two threads, all 10 M
   * links of a dense step 40 ms (bench/RESULTS.md, eleventh session). The results are the same with
   * errorBudget 0.
   */
  pullDenseShare: 0.25,
  /**
   * With helper threads (dense-rows.ts, a single scenario in the pool), a sparse downstream step with at
   * least this many candidates is split among the threads too; fewer are done by the leader alone,
   * since waking the helpers costs tens of microseconds. The results are the same either way.
   */
  splitMin: 20_000,
};

/**
 * Share of each step's error budget given to deferred changes of a supplier's dmg (another tenth,
 * ROUNDING_SHARE, covers rounding; the rest goes to dropped changes of h). In firm-level downstream runs on the benchmark network, 92% of the pushed
 * links whose dmg change was below the whole step budget were also below a tenth of it; an even split
 * instead (h changes dropped only below half the budget) wrote 3–11% more changes per step when the
 * largest seller of the 1M-firm network stops, and that scenario took about a third longer.
 */
const DEFER_SHARE = 0.1;

/**
 * Share of each step's error budget that lets a changed value be written from the pushed group sums
 * when their rounding bound fits in it, instead of reading the firm's whole input row (see the
 * header). Firm-level downstream runs on the benchmark network read 45 M links of rows for 2,000
 * firms, nearly all for values that changed, because most of their candidates change.
 */
const ROUNDING_SHARE = 0.1;

/**
 * The first step at which left-out changes are checked again; then every step 2^k. The later, the
 * cheaper (runs shorter than it never re-check: most runs at eps 1e-2) and the looser the bound
 * (see the header): 16 keeps it inside the 1e-9 contract at the default budget.
 */
const RECHECK_FROM = 16;
/**
 * How much substitution may add to the error bound of the downstream state, beyond the non-expansive
 * bound of the header (7.4 × the budget), before a run is repeated with a budget of 0.
 */
export const AMPLIFICATION_LIMIT = 2.5e-10;
/**
 * At a gain of 1 or more a step at least doubles the bound: it is projected this many steps ahead, to
 * repeat early what would pass the limit anyway (a choice of speed).
 */
const AMPLIFICATION_LOOK_AHEAD = 8;
/**
 * A scenario whose gain right after the shock exceeds this runs with a downstream budget of 0 from the
 * start, a heuristic for speed (budget 0 is exact). The gains hardly change after step 1, and at this
 * gain 8 steps multiply what the first step leaves out by 18.5: enough to pass AMPLIFICATION_LIMIT if
 * that step leaves out what its thresholds allow (0.9 × B / 6: 18.5 > 1 + 2.5e-10 / 1.5e-11). On the
 * 1M-firm network four single- or multi-firm shocks had such gains (0.45–0.72). Two would have been
 * repeated after 13 steps: the 10 largest sellers (1.6 s instead of 2.7 s) and the largest seller of
 * a market with 31% of its sales (1.3 s instead of 2.0 s). The other two ran 5 steps and took 0.42
 * and 0.73 s instead of 0.47 and 0.66 s (bench/RESULTS.md, ninth session).
 */
const SURE_AMPLIFICATION_GAIN = 0.44;
/**
 * The default budget is at most eps times this. The stop rule compares each step's largest drop with
 * eps, and a drop computed from a state that is off by e may be off by 2e. Where a run's drops fall
 * slowly, a step more or less changes the result by about eps per firm and step: an independent
 * randomized review (thirteenth session) found a 169-firm network at eps 1e-9 whose budget of 1e-10
 * moved the drop of step 2,206 by 1.7e-13 across eps, so the run stopped 3 steps before the dense
 * reference and its ESRI was 1.26e-9 off. With the budget a thousandth of eps, the band in which a
 * decision must be taken again (below) is under 2% of eps.
 */
const BUDGET_PER_EPS = 1e-3;
/**
 * What a channel's state may be off by, as a multiple of its budget, where it is not tracked step by
 * step (the upstream channel): 7.4 (header) and the rounding share. A step's drop is off by at most
 * twice its channel's bound; a run whose drop is that close to eps repeats with a budget of 0
 * (exactStopRule).
 */
const STATE_BOUND_PER_BUDGET = 8;
/**
 * Sparse upstream steps take a candidate's value from its running sum Σ Λu (1 − hu), which every push
 * adds to; from this step on (and with an upstream budget of 0 from the start) they read its whole row
 * instead, as the dense reference does. The sums gather the rounding of every push, and through a
 * feedback loop it is fed round again and again, into hu, where it stays: a randomized review
 * (thirteenth session) built a star-shaped loop (spokes that sell only to a hub that sells almost all
 * back to them) where hu ended 1.4e-9 off the dense reference after 20,000 steps even with budget 0
 * (4e-12 after 1,000 steps), and 1.9e-7 after 100,000 steps with default options. Shorter runs, nearly
 * all, keep the sums (rows of hub sellers are long).
 */
const UPSTREAM_ROWS_FROM = 1024;
/** Below this a repeated run's budget is 0 (it would leave out only rounding). */
const MIN_RETRY_BUDGET = 1e-16;

/** Inputs of a firm whose rounding bound the allowance must cover for pushes to be kept on (above). */
const PUSH_ALWAYS_ADDS = 64;

export type CascadeOptions = Partial<typeof CASCADE_DEFAULTS> & {
  /**
   * The downstream channel's error budget, when it must differ from errorBudget (which then is the
   * upstream channel's): a run repeated because substitution amplified its downstream errors.
   */
  errorBudgetDown?: number;
};

/** A sparse shock vector: firm indices and the fraction of their production removed (0..1). */
export type Shock = { firms: Int32Array | readonly number[]; values: Float64Array | readonly number[] };

/**
 * `amplified`: with substitution the run's error bound grew past AMPLIFICATION_LIMIT (see the header),
 * after step `amplifiedAt` (0: a scenario whose gain right after the shock was above
 * SURE_AMPLIFICATION_GAIN; −1 when not amplified). Without a step callback the run was then repeated
 * with the smaller downstream budget `retryBudget` (the result is that run's); with one it was aborted
 * (`aborted` is true too), for the caller to repeat it with `retryBudget` as `errorBudgetDown`.
 */
export type CascadeRun = {
  iterations: number;
  capped: boolean;
  aborted: boolean;
  amplified: boolean;
  amplifiedAt: number;
  retryBudget: number;
  /** The run was repeated with a budget of 0 because its stop decision was within its error of eps. */
  exactRepeat: boolean;
};

/**
 * Optional stop decision delegated to the caller, asked after every step with the step count, that
 * step's largest drop, how many firms' values it changed (0: the state can no longer change) and how
 * far that drop may be from the dense reference's, by what the budget left out (0 with a budget of 0).
 * It answers STEP_CONTINUE, STEP_STOP, or STEP_ABORT (the run ends and reports `aborted`). The
 * firm-level fast paths (firm-walks.ts, firm-lanes.ts) run the downstream channel alone this way while
 * they decide the stop step from their own view of the upstream channel; a drop within its error of eps
 * leaves the decision to the cascade.
 */
export type StepControl = (iterations: number, delta: number, changed: number, deltaError: number) => number;
export const STEP_CONTINUE = 0;
export const STEP_STOP = 1;
export const STEP_ABORT = 2;

export class ShockError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShockError';
  }
}

/**
 * The checks of a run's options, made by every run and, before it hands runs to its workers, by the pool
 * (a worker's error in the middle of a batch is harder to report cleanly than a refusal up front).
 */
export function checkRunOptions(options: CascadeOptions): void {
  const eps = options.eps ?? CASCADE_DEFAULTS.eps;
  const maxSteps = options.maxSteps ?? CASCADE_DEFAULTS.maxSteps;
  const requestedBudget = options.errorBudget ?? Math.min(CASCADE_DEFAULTS.errorBudget, eps * BUDGET_PER_EPS);
  const budget = options.errorBudgetDown ?? requestedBudget;
  if (!(eps >= 0)) throw new ShockError(`eps must be ≥ 0, got ${eps}`);
  if (!(maxSteps >= 1)) throw new ShockError(`maxSteps must be ≥ 1, got ${maxSteps}`);
  if (!(requestedBudget >= 0)) throw new ShockError(`errorBudget must be ≥ 0, got ${requestedBudget}`);
  if (!(budget >= 0)) throw new ShockError(`errorBudgetDown must be ≥ 0, got ${budget}`);
}

/** A shock's firms must be firms of the network and its values in [0, 1], as many of each. */
export function checkShock(shock: Shock, n: number): void {
  const { firms, values } = shock;
  if (firms.length !== values.length) throw new ShockError('shock firms and values differ in length');
  for (let t = 0; t < firms.length; t++) {
    const i = firms[t]!;
    const v = values[t]!;
    if (!(Number.isInteger(i) && i >= 0 && i < n))
      throw new ShockError(`shock names firm ${i}, not in 0..${n - 1}`);
    if (!(v >= 0 && v <= 1)) throw new ShockError(`shock of firm ${i} is ${v}; it must be in [0, 1]`);
  }
}

/**
 * Scratch state for running many cascades on one network (one per thread). After `run`, `hd`/`hu` hold
 * the final state and `touched[0..touchedCount)` lists every firm whose state differs from 1; call
 * `reset()` before the next run (cost proportional to what the run touched, not to n).
 */
export class CascadeWorkspace {
  readonly net: SupplyNetwork;
  readonly hd: Float64Array;
  readonly hu: Float64Array;
  readonly capD: Float64Array;
  readonly capU: Float64Array;
  readonly touched: Int32Array;
  touchedCount = 0;
  /**
   * Inside a StepControl callback: the firms whose hd the step just taken changed are
   * stepChangedDown[0..stepChangedDownCount) (their new values are in hd). Read, never kept: the array
   * is reused by the next step.
   */
  stepChangedDown: Int32Array = new Int32Array(0);
  stepChangedDownCount = 0;
  private readonly isTouched: Uint8Array;
  private readonly avail: Float64Array;
  /** Scratch: every market's availability summed in one pass over the firms (settleMarkets). */
  private readonly marketSum: Float64Array;
  /** Scratch of the one-pass availability sums (substitution.ts). */
  private readonly availScratch: AvailabilityScratch;
  private readonly availSeen: Float64Array;
  private readonly marketDelta: Float64Array;
  private readonly marketMark: Int32Array;
  private readonly touchedMarkets: Int32Array;
  private touchedMarketCount = 0;
  private readonly marketTouched: Uint8Array;
  private readonly stepMarkets: Int32Array;
  private readonly changedMarkets: Int32Array;
  private readonly dmgHead: Int32Array;
  private readonly dmgNext: Int32Array;
  /** Number of firms in each market's list of damaged firms (dmgHead, dmgNext). */
  private readonly dmgCount: Int32Array;
  /** s_out of each market's firms shocked to 0 downstream: their hd cannot be off. */
  private readonly pinnedSOut: Float64Array;
  /** Scratch flags: 1 for the markets whose availability changed in the last step. */
  private readonly marketChanged: Uint8Array;
  /**
   * Scratch: the suppliers whose dmg change their customers see in this step. Room for 2n: a waiting
   * supplier re-checked at a re-check step may be recomputed in the same step.
   */
  private readonly movers: Int32Array;
  /**
   * Left-out changes, checked again at the re-check steps against the shrinking threshold (see the
   * header): firms whose recomputed hd or hu differed from the stored one by a nonzero amount within
   * the threshold, suppliers whose dmg waits, markets whose availability change was not propagated.
   * A flag keeps each firm or market in its list once.
   */
  private readonly leftD: Int32Array;
  private readonly leftDFlag: Uint8Array;
  private readonly leftU: Int32Array;
  private readonly leftUFlag: Uint8Array;
  private readonly leftS: Int32Array;
  private readonly leftSFlag: Uint8Array;
  private readonly leftM: Int32Array;
  private readonly leftMFlag: Uint8Array;
  private readonly markD: Int32Array;
  private readonly markU: Int32Array;
  private stamp = 0;
  private readonly candD: Int32Array;
  private readonly candU: Int32Array;
  private readonly newD: Float64Array;
  private readonly newU: Float64Array;
  private frontD: Int32Array;
  private readonly frontU: Int32Array;
  private readonly sumU: Float64Array;
  private readonly dmg: Float64Array;
  private readonly pushed: Int32Array;
  private pushedCount = 0;
  private sumsAllDirty = false;
  private nextD: Int32Array;
  /** Per input group (network.dGroupPtr): Σ_j Λd[j,i] dmgSeen(j) over the group's suppliers j. */
  private readonly sumD: Float64Array;
  /**
   * The dmg(j) that supplier j's customers see: their group sums and their whole rows are computed from
   * it. It follows dmg(j), except that a change within the step's threshold waits until the changes
   * add up to more (see the header).
   */
  private readonly dmgSeen: Float64Array;
  /** Pushes into firm i's group sums since they were last summed from its whole input row. */
  private readonly pushesD: Int32Array;
  private sumsDAllDirty = false;
  /** What the dense jobs that write their changes in place list per slice (see DenseShared). */
  private readonly slices: Pick<
    DenseShared,
    | 'sliceSize'
    | 'changedList'
    | 'newlyList'
    | 'marketList'
    | 'leftList'
    | 'availMarkets'
    | 'availSums'
    | 'counts'
    | 'drop'
  >;
  /** The damaged firms whose dmg moved, per slice, after a DENSE_DAMAGE job (DenseShared). */
  private readonly damagedList: Int32Array;
  private readonly sliceCount: Int32Array;
  /** Runs the dense steps' rows, split among helper threads if it has any. */
  private readonly dense: DenseRows;
  /** Some row of Λu sums above 1 (upstream normalised by revenue below sales): no upstream budget. */
  private readonly upstreamExpands: boolean;

  /**
   * `dense` gives the arrays of the dense steps on shared memory and the number of helper threads that
   * take part of every dense step (dense-rows.ts; each helper runs helpDenseRows on the same arrays).
   */
  constructor(net: SupplyNetwork, dense?: { shared: DenseShared; helpers: number }) {
    const n = net.n;
    const nm = net.nMarkets;
    this.net = net;
    const arrays = dense?.shared ?? allocDense(net, 0, false);
    this.dense = new DenseRows(net, arrays, dense?.helpers ?? 0);
    this.upstreamExpands = upstreamExpands(net);
    this.hd = arrays.hd.fill(1);
    this.hu = arrays.hu.fill(1);
    this.capD = arrays.capD.fill(1);
    this.capU = arrays.capU.fill(1);
    this.touched = new Int32Array(n);
    this.isTouched = new Uint8Array(n);
    this.avail = arrays.avail;
    this.avail.set(net.marketCapacity);
    this.marketSum = new Float64Array(net.nMarkets);
    this.availScratch = availabilityScratch(nm);
    this.availSeen = Float64Array.from(net.marketCapacity);
    this.marketDelta = new Float64Array(nm);
    this.marketMark = new Int32Array(nm);
    this.touchedMarkets = new Int32Array(nm);
    this.marketTouched = new Uint8Array(nm);
    this.stepMarkets = new Int32Array(nm);
    this.changedMarkets = new Int32Array(nm);
    this.dmgHead = new Int32Array(nm).fill(-1);
    this.dmgNext = new Int32Array(n).fill(-1);
    this.dmgCount = new Int32Array(nm);
    this.pinnedSOut = new Float64Array(nm);
    this.marketChanged = new Uint8Array(nm);
    this.movers = new Int32Array(2 * n);
    this.leftD = new Int32Array(n);
    this.leftDFlag = new Uint8Array(n);
    this.leftU = new Int32Array(n);
    this.leftUFlag = arrays.leftUFlag.fill(0);
    this.leftS = new Int32Array(n);
    this.leftSFlag = new Uint8Array(n);
    this.leftM = new Int32Array(nm);
    this.leftMFlag = new Uint8Array(nm);
    this.markD = new Int32Array(n);
    this.markU = new Int32Array(n);
    this.candD = arrays.candD;
    this.candU = new Int32Array(n);
    this.newD = arrays.newD.fill(0);
    this.newU = arrays.newU.fill(0);
    this.frontD = new Int32Array(n);
    this.frontU = new Int32Array(n);
    this.nextD = new Int32Array(n);
    this.sumU = arrays.sumU.fill(0);
    this.dmg = arrays.dmg.fill(0);
    this.pushed = new Int32Array(n);
    this.sumD = arrays.sumD.fill(0);
    this.dmgSeen = arrays.dmgSeen.fill(0);
    this.pushesD = arrays.pushesD.fill(0);
    this.slices = arrays;
    this.damagedList = arrays.damagedList;
    this.sliceCount = arrays.sliceCount;
  }

  private nextStamp(): number {
    if (this.stamp >= 0x3fffffff) {
      this.markD.fill(0);
      this.markU.fill(0);
      this.marketMark.fill(0);
      this.stamp = 0;
    }
    return ++this.stamp;
  }

  private touch(i: number): void {
    if (this.isTouched[i] === 0) {
      this.isTouched[i] = 1;
      this.touched[this.touchedCount++] = i;
    }
  }

  private touchMarket(mk: number): void {
    if (this.marketTouched[mk] === 0) {
      this.marketTouched[mk] = 1;
      this.touchedMarkets[this.touchedMarketCount++] = mk;
    }
  }

  /** Lists damaged supplier i in the damaged list of its market mk. */
  private listDamaged(i: number, mk: number): void {
    this.touchMarket(mk);
    this.dmgNext[i] = this.dmgHead[mk]!;
    this.dmgHead[mk] = i;
    this.dmgCount[mk]!++;
  }

  /**
   * G with 1 + G bounding how much one step can amplify, through substitution, an error of at most e
   * in every hd (header). A market's availability a may be off by c · e, c the s_out of its firms not
   * shocked to 0; that moves σ(l) = min(1, s_out(l)/a) of a damaged firm l by at most
   * min(1, s_out(l)/a_low) · c · e / a_high (not at all if s_out(l) ≥ a_high: σ(l) = 1 on both sides),
   * and what l passes on, σ(l)(1 − hd(l)), by that times 1 − hd(l) + e; a customer's loss by at most
   * the largest of those (its coefficients sum to at most 1). Infinite when a may be on either side of
   * AVAIL_FLOOR (σ jumps there). Costs a pass over the damaged firms of the touched markets.
   */
  private substitutionGain(e: number): number {
    const { marketCapacity: cap, sOut } = this.net;
    const { hd, dmgHead, dmgNext } = this;
    let gain = 0;
    for (let t = 0; t < this.touchedMarketCount; t++) {
      const mk = this.touchedMarkets[t]!;
      if (this.dmgCount[mk] === 0) continue;
      const c = Math.max(0, cap[mk]! - this.pinnedSOut[mk]!);
      // Relative slack for the rounding of availability kept by increments.
      const a = this.avail[mk]!;
      const low = a * (1 - 1e-9) - c * e;
      const high = a * (1 + 1e-9) + c * e;
      if (high <= AVAIL_FLOOR) continue;
      if (low <= AVAIL_FLOOR) return Number.POSITIVE_INFINITY;
      let largest = 0;
      for (let j = dmgHead[mk]!; j >= 0; j = dmgNext[j]!) {
        const sj = sOut[j]!;
        if (sj >= high) continue;
        const x = (1 - hd[j]! + e) * Math.min(1, sj / low);
        if (x > largest) largest = x;
      }
      const g = (largest * c) / high;
      if (g > gain) gain = g;
    }
    return gain;
  }

  /** Restores the all-ones state. */
  reset(): void {
    const { hd, hu, capD, capU, isTouched, dmgNext, touched, sumU, pushed } = this;
    const { uInPtr, uInSrc } = this.net;
    if (this.sumsAllDirty || this.pushedCount > this.net.n >> 3) {
      // Clearing the suppliers of many pushed firms one link at a time writes all over memory.
      sumU.fill(0);
      this.sumsAllDirty = false;
    } else {
      for (let t = 0; t < this.pushedCount; t++) {
        const j = pushed[t]!;
        for (let e = uInPtr[j]!, end = uInPtr[j + 1]!; e < end; e++) sumU[uInSrc[e]!] = 0;
      }
    }
    this.pushedCount = 0;
    const { sumD, dmgSeen, pushesD, dmg } = this;
    const { dOutPtr, dOutGroup, dOutDst } = this.net;
    const sumsDAllDirty = this.sumsDAllDirty;
    if (sumsDAllDirty) {
      sumD.fill(0);
      pushesD.fill(0);
      this.sumsDAllDirty = false;
    }
    if (this.touchedCount > this.net.n >> 2) {
      // A cascade through much of the network: filling whole arrays reads memory in order, where
      // visiting the touched firms one by one jumps through it.
      if (!sumsDAllDirty) {
        sumD.fill(0);
        pushesD.fill(0);
      }
      hd.fill(1);
      hu.fill(1);
      dmg.fill(0);
      dmgSeen.fill(0);
      capD.fill(1);
      capU.fill(1);
      isTouched.fill(0);
      dmgNext.fill(-1);
    } else {
      for (let t = 0; t < this.touchedCount; t++) {
        const i = touched[t]!;
        // Only damaged firms, all touched, have pushed anything.
        if (dmgSeen[i] !== 0) {
          if (!sumsDAllDirty) {
            for (let e = dOutPtr[i]!, end = dOutPtr[i + 1]!; e < end; e++) {
              sumD[dOutGroup[e]!] = 0;
              pushesD[dOutDst[e]!] = 0;
            }
          }
          dmgSeen[i] = 0;
        }
        hd[i] = 1;
        hu[i] = 1;
        dmg[i] = 0;
        capD[i] = 1;
        capU[i] = 1;
        isTouched[i] = 0;
        dmgNext[i] = -1;
      }
    }
    this.touchedCount = 0;
    const cap = this.net.marketCapacity;
    for (let t = 0; t < this.touchedMarketCount; t++) {
      const mk = this.touchedMarkets[t]!;
      this.avail[mk] = cap[mk]!;
      this.availSeen[mk] = cap[mk]!;
      this.marketDelta[mk] = 0;
      this.dmgHead[mk] = -1;
      this.dmgCount[mk] = 0;
      this.pinnedSOut[mk] = 0;
      this.marketTouched[mk] = 0;
    }
    this.touchedMarketCount = 0;
  }

  /**
   * Adds Λu[i,j] × change(j) to the sum of every supplier i of the firms frontU[0..count) (changes in
   * newU[0..count)) and lists those suppliers in candU; returns how many.
   */
  private pushUpstream(count: number, add: boolean): number {
    const { uInPtr, uInSrc, uInCoef } = this.net;
    const { frontU, newU, sumU, markU, candU } = this;
    const stamp = this.nextStamp();
    let nCand = 0;
    for (let c = 0; c < count; c++) {
      const j = frontU[c]!;
      const dx = newU[c]!;
      for (let e = uInPtr[j]!, end = uInPtr[j + 1]!; e < end; e++) {
        const i = uInSrc[e]!;
        if (add) sumU[i]! += uInCoef[e]! * dx;
        if (markU[i] !== stamp) {
          markU[i] = stamp;
          candU[nCand++] = i;
        }
      }
    }
    return nCand;
  }

  /**
   * Lets supplier j's customers see its current dmg (the caller has checked that it moved by more
   * than the step's threshold): brings j's share of their group sums up to it and lists them in
   * candD (once per step: markD holds the step's stamp) from position nCand; returns the new count.
   * With push false the sums are left as they are: the caller then recomputes every listed customer
   * from its whole row, which rewrites its sums.
   */
  private pushDamage(j: number, stamp: number, nCand: number, push: boolean): number {
    const { dOutPtr, dOutDst, dOutCoef, dOutGroup } = this.net;
    const { sumD, markD, candD, pushesD } = this;
    const change = this.dmg[j]! - this.dmgSeen[j]!;
    this.dmgSeen[j] = this.dmg[j]!;
    for (let e = dOutPtr[j]!, end = dOutPtr[j + 1]!; e < end; e++) {
      const i = dOutDst[e]!;
      if (push) {
        sumD[dOutGroup[e]!]! += dOutCoef[e]! * change;
        pushesD[i]!++;
      }
      if (markD[i] !== stamp) {
        markD[i] = stamp;
        candD[nCand++] = i;
      }
    }
    return nCand;
  }

  /** marketSum[mk] = the availability of every market, from the per-slice sums of DENSE_DOWN_WRITE. */
  private joinAvailability(marketSum: Float64Array): void {
    const { availMarkets, availSums, counts, sliceSize } = this.slices;
    marketSum.fill(0);
    for (let k = 0, from = 0; from < this.net.n; k++, from += sliceSize) {
      for (let t = from, end = from + counts.avail[k]!; t < end; t++)
        marketSum[availMarkets[t]!]! += availSums[t]!;
    }
  }

  /** Copies the per-slice lists of changed firms of the last job that wrote its changes into `into`. */
  private joinChanged(into: Int32Array): number {
    const { changedList, counts, sliceSize } = this.slices;
    let count = 0;
    for (let k = 0, from = 0; from < this.net.n; k++, from += sliceSize) {
      const changed = counts.changed[k]!;
      into.set(changedList.subarray(from, from + changed), count);
      count += changed;
    }
    return count;
  }

  /** Whether the input rows of the first `count` candidates (candD) hold more than `cut` links. */
  private rowLinksAbove(count: number, cut: number): boolean {
    const { dInPtr } = this.net;
    const { candD } = this;
    let links = 0;
    for (let c = 0; c < count && links <= cut; c++) links += dInPtr[candD[c]! + 1]! - dInPtr[candD[c]!]!;
    return links > cut;
  }

  /** sumU[i] = Σ_j Λu[i,j] (1 − hu(j)) for every firm, from the current state (after dense steps). */
  private rebuildSums(): void {
    this.dense.run(DENSE_SUMS);
    this.sumsAllDirty = true;
  }

  /** Runs one scenario from the all-ones state. `up` defaults to `down`. */
  run(down: Shock, up: Shock | undefined, options: CascadeOptions = {}, control?: StepControl): CascadeRun {
    const eps = options.eps ?? CASCADE_DEFAULTS.eps;
    const maxSteps = options.maxSteps ?? CASCADE_DEFAULTS.maxSteps;
    const subst = options.substitution ?? CASCADE_DEFAULTS.substitution;
    const requestedBudget =
      options.errorBudget ?? Math.min(CASCADE_DEFAULTS.errorBudget, eps * BUDGET_PER_EPS);
    const exactStopRule = options.exactStopRule ?? CASCADE_DEFAULTS.exactStopRule;
    // The channels never read each other's states (only the stop rule sees both), so each has its own
    // budget and its own bound. The upstream bound needs a non-expansive update; where a row of Λu sums
    // above 1, a change left out grows with every hop (upstream-rows.ts), so nothing is left out there.
    const budgetU = this.upstreamExpands ? 0 : requestedBudget;
    // The downstream one (below: `budget`) is watched for amplification through substitution instead.
    const budget = options.errorBudgetDown ?? requestedBudget;
    const denseShare = options.denseShare ?? CASCADE_DEFAULTS.denseShare;
    const pullShare = options.pullShare ?? CASCADE_DEFAULTS.pullShare;
    const splitMin = options.splitMin ?? CASCADE_DEFAULTS.splitMin;
    const cutD = denseShare * this.net.dInSrc.length;
    const pullDenseCut = (options.pullDenseShare ?? CASCADE_DEFAULTS.pullDenseShare) * this.net.dInSrc.length;
    const cutU = (options.denseShareUp ?? CASCADE_DEFAULTS.denseShareUp) * this.net.m;
    checkRunOptions(options);
    // The step's share of the budget goes to dropped changes of h and, a tenth of it, to deferred
    // changes of dmg (see the header).
    const keep = 1 - DEFER_SHARE - ROUNDING_SHARE;
    let tol = (keep * budget) / 2;
    let tolU = (keep * budgetU) / 2;
    if (
      this.touchedCount > 0 ||
      this.touchedMarketCount > 0 ||
      this.pushedCount > 0 ||
      this.sumsAllDirty ||
      this.sumsDAllDirty
    ) {
      this.reset();
    }
    const net = this.net;
    const { n, market, sOut, dOutPtr, marketPtr, marketFirms } = net;
    const { hd, hu, capD, capU, avail, availSeen, marketDelta, marketSum, dmgHead, dmgNext, dmgCount } = this;
    const { candD, candU, newD, newU, stepMarkets, changedMarkets, marketMark, sumU, dmg, dmgSeen } = this;
    const { uInPtr } = net;
    const { sliceSize } = this.slices;

    // Step 0: the shock.
    let nFrontD = 0;
    let nFrontU = 0;
    let nStepMarkets = 0;
    let frontD = this.frontD;
    let nextD = this.nextD;
    const frontU = this.frontU;
    const applyShock = (shock: Shock, cap: Float64Array, downstream: boolean) => {
      const { firms, values } = shock;
      checkShock(shock, n);
      for (let t = 0; t < firms.length; t++) {
        const i = firms[t]!;
        const v = values[t]!;
        if (v === 0 || 1 - v >= cap[i]!) continue;
        this.touch(i);
        cap[i] = 1 - v;
      }
      for (let t = 0; t < firms.length; t++) {
        const i = firms[t]!;
        if (values[t] === 0) continue;
        if (downstream) {
          if (hd[i] === 1) frontD[nFrontD++] = i;
          if (capD[i] === 0 && hd[i] !== 0) this.pinnedSOut[market[i]!]! += sOut[i]!;
          hd[i] = capD[i]!;
        } else {
          if (hu[i] === 1) frontU[nFrontU++] = i;
          hu[i] = capU[i]!;
        }
      }
    };
    applyShock(down, capD, true);
    applyShock(up ?? down, capU, false);
    // Upstream pushes of the shock: suppliers of shocked firms become candidates of step 1.
    let nCandU = 0;
    for (let t = 0; t < nFrontU; t++) {
      const j = frontU[t]!;
      this.pushed[this.pushedCount++] = j;
      newU[t] = 1 - hu[j]!;
    }
    let costU0 = 0;
    for (let t = 0; t < nFrontU; t++) costU0 += uInPtr[frontU[t]! + 1]! - uInPtr[frontU[t]!]!;
    let denseU = costU0 > cutU;
    if (!denseU) nCandU = this.pushUpstream(nFrontU, true);
    // Availability after the shock; damaged-supplier lists per market.
    let stamp = this.nextStamp();
    // Lists market mk among the step's markets (those whose availability is settled at its end), once.
    const markMarket = (mk: number) => {
      if (marketMark[mk] !== stamp) {
        marketMark[mk] = stamp;
        marketDelta[mk] = 0;
        stepMarkets[nStepMarkets++] = mk;
      }
    };
    for (let t = 0; t < nFrontD; t++) {
      const i = frontD[t]!;
      const mk = market[i]!;
      this.listDamaged(i, mk);
      markMarket(mk);
      marketDelta[mk]! += sOut[i]! * (1 - hd[i]!);
    }

    // Left-out changes (see the fields' comment and the header), checked again at steps 8, 16, 32, ….
    const { leftD, leftDFlag, leftU, leftUFlag, leftS, leftSFlag, leftM, leftMFlag, markD, markU } = this;
    let nLeftD = 0;
    let nLeftU = 0;
    let nLeftS = 0;
    let nLeftM = 0;
    const isRecheck = (step: number) => step >= RECHECK_FROM && (step & (step - 1)) === 0;

    // Amplification through substitution (header): bounds on the downstream state's error with and
    // without the gain of each step, from what the steps actually left out.
    const watch = subst && budget > 0;
    let leftOut = 0;
    let stale = 0;
    let bound = 0;
    let boundFlat = 0;
    let lastGain = 0;
    let amplified = false;
    let retryBudget = budget;
    // The upstream channel's left-out changes are not tracked: its bound is the header's, where it moves.
    const upBound = nFrontU > 0 ? STATE_BOUND_PER_BUDGET * budgetU : 0;
    let unsure = false;

    let nChangedMarkets = 0;
    const settleMarkets = (recheck: boolean, slicesSummed: boolean) => {
      nChangedMarkets = 0;
      if (recheck) {
        for (let t = 0; t < nLeftM; t++) {
          const mk = leftM[t]!;
          leftMFlag[mk] = 0;
          markMarket(mk);
        }
        nLeftM = 0;
      }
      // Nothing may be dropped with budget 0: each market's availability is summed anew over its firms,
      // in the order the dense reference sums it (substitution.ts, AVAIL_BLOCK), so that σ and every hd
      // are its bits (increments differ by an ulp). After a dense step that wrote hd, its slices have
      // summed their blocks (dense-rows.ts); otherwise, when the step's markets hold many firms, one
      // pass over all firms in order gives each market the same sum without jumping through memory
      // market by market.
      let summed = false;
      if (budget === 0 && slicesSummed) {
        this.joinAvailability(marketSum);
        summed = true;
      } else if (budget === 0) {
        let firms = 0;
        for (let t = 0; t < nStepMarkets; t++)
          firms += marketPtr[stepMarkets[t]! + 1]! - marketPtr[stepMarkets[t]!]!;
        if (firms > n >> 3) {
          sumAvailability(marketSum, market, sOut, hd, this.availScratch);
          summed = true;
        }
      }
      for (let t = 0; t < nStepMarkets; t++) {
        const mk = stepMarkets[t]!;
        if (summed) avail[mk] = marketSum[mk]!;
        else if (budget === 0)
          avail[mk] = marketAvailability(marketFirms, marketPtr[mk]!, marketPtr[mk + 1]!, sOut, hd);
        else avail[mk]! -= marketDelta[mk]!;
        marketDelta[mk] = 0;
        const a = avail[mk]!;
        const seen = availSeen[mk]!;
        if (a !== seen && Math.abs(a - seen) > tol * Math.abs(seen)) {
          availSeen[mk] = a;
          changedMarkets[nChangedMarkets++] = mk;
        } else if (a !== seen) {
          // σ moves by at most the relative change, and so does what a customer loses through it.
          const held = Math.abs(a - seen) / Math.abs(seen);
          if (held > leftOut) leftOut = held;
          if (leftMFlag[mk] === 0) {
            leftMFlag[mk] = 1;
            leftM[nLeftM++] = mk;
          }
        }
      }
      nStepMarkets = 0;
    };
    if (subst) settleMarkets(false, false);
    else nStepMarkets = 0;
    if (watch && !control && this.substitutionGain(0) > SURE_AMPLIFICATION_GAIN) {
      // A scenario likely to be repeated (SURE_AMPLIFICATION_GAIN, a measured heuristic) starts again
      // now with a downstream budget of 0.
      this.reset();
      const again = this.run(down, up, { ...options, errorBudgetDown: 0 });
      return { ...again, amplified: true, amplifiedAt: 0 };
    }

    let iterations = 0;
    let capped = false;
    let aborted = false;
    let pushD = true;
    for (;;) {
      const stepBudget = budget / ((iterations + 2) * (iterations + 3));
      tol = keep * stepBudget;
      tolU = (keep * budgetU) / ((iterations + 2) * (iterations + 3));
      stamp = this.nextStamp();
      // dmg of the suppliers whose hd or market availability changed in the last step; the movers
      // among them are those whose customers must see the change (smaller moves wait).
      const defer = DEFER_SHARE * stepBudget;
      const roundingAllowance = ROUNDING_SHARE * stepBudget;
      const { movers, marketChanged } = this;
      let nMovers = 0;
      let costD = 0;
      const recheck = isRecheck(iterations + 1);
      if (recheck) {
        // Suppliers whose dmg waited, against this step's (smaller) threshold; kept in place if still.
        const waiting = nLeftS;
        nLeftS = 0;
        for (let t = 0; t < waiting; t++) {
          const j = leftS[t]!;
          const diff = dmg[j]! - dmgSeen[j]!;
          if (diff > defer || -diff > defer) {
            leftSFlag[j] = 0;
            movers[nMovers++] = j;
            costD += dOutPtr[j + 1]! - dOutPtr[j]!;
          } else if (diff !== 0) {
            leftS[nLeftS++] = j;
            if (diff > leftOut || -diff > leftOut) leftOut = Math.abs(diff);
          } else leftSFlag[j] = 0;
        }
      }
      // The suppliers recomputed below are listed in movers after the re-checked ones, then sorted.
      let nRecomputed = nMovers;
      let damagePassed = false;
      if (subst) {
        let listed = 0;
        for (let t = 0; t < nChangedMarkets; t++) {
          marketChanged[changedMarkets[t]!] = 1;
          listed += dmgCount[changedMarkets[t]!]!;
        }
        if (listed > n >> 4) {
          // Following the lists jumps through memory firm by firm (at 1M firms, tens of milliseconds
          // a step); one pass over all firms reads in order, split among the threads (dense-rows.ts).
          // It recomputes every damaged firm (those with hd < 1, so also those whose hd changed in
          // an unchanged market) and lists per part, in index order, those whose dmg moved.
          this.dense.damage(defer);
          damagePassed = true;
          const { damagedList, sliceCount } = this;
          let moverLinks = 0;
          for (let k = 0, from = 0; from < n; k++, from += sliceSize)
            moverLinks += this.slices.counts.moverLinks[k]!;
          if (costD + moverLinks > cutD) {
            // A dense step (below), which reads every row: nothing waits, so no list is needed.
            costD += moverLinks;
          } else {
            for (let k = 0, from = 0; from < n; k++, from += sliceSize) {
              const count = sliceCount[k]!;
              movers.set(damagedList.subarray(from, from + count), nRecomputed);
              nRecomputed += count;
            }
          }
        } else {
          for (let t = 0; t < nChangedMarkets; t++) {
            const mk = changedMarkets[t]!;
            const a = avail[mk]!;
            for (let j = dmgHead[mk]!; j >= 0; j = dmgNext[j]!) {
              dmg[j] = supplierDamage(hd[j]!, true, a, sOut[j]!);
              movers[nRecomputed++] = j;
            }
          }
        }
      }
      // Suppliers whose hd changed, unless their market's pass above (they are damaged) took them.
      for (let t = 0; t < nFrontD && !damagePassed; t++) {
        const j = frontD[t]!;
        if (subst && marketChanged[market[j]!] === 1) continue;
        dmg[j] = supplierDamage(hd[j]!, subst, avail[market[j]!]!, sOut[j]!);
        movers[nRecomputed++] = j;
      }
      // Of the recomputed suppliers (listed after the re-checked movers), the movers stay in place;
      // the others wait.
      for (let t = nMovers; t < nRecomputed; t++) {
        const j = movers[t]!;
        const diff = dmg[j]! - dmgSeen[j]!;
        if (diff > defer || -diff > defer) {
          movers[nMovers++] = j;
          costD += dOutPtr[j + 1]! - dOutPtr[j]!;
          // Past the cut the step reads every row, so nothing waits and the rest need no sorting out
          // (in the 10 largest sellers' shock on 1M firms, 90% of 750,000 damaged suppliers).
          if (costD > cutD) break;
        } else if (diff !== 0) {
          if (diff > leftOut || -diff > leftOut) leftOut = Math.abs(diff);
          if (leftSFlag[j] === 0) {
            leftSFlag[j] = 1;
            leftS[nLeftS++] = j;
          }
        }
      }
      if (subst) for (let t = 0; t < nChangedMarkets; t++) marketChanged[changedMarkets[t]!] = 0;
      // Downstream candidates (the movers' customers), or all firms when they would visit too many links.
      let nCandD = 0;
      let denseD = costD > cutD;
      if (!denseD) {
        for (let t = 0; t < nMovers; t++) nCandD = this.pushDamage(movers[t]!, stamp, nCandD, pushD);
        // Firms whose change was left out are recomputed again.
        if (recheck) {
          for (let t = 0; t < nLeftD; t++) {
            const i = leftD[t]!;
            if (markD[i] !== stamp) {
              markD[i] = stamp;
              candD[nCandD++] = i;
            }
          }
        }
        // A step that pulls reads every link of every candidate, row after row in no order; past
        // pullDenseCut links a dense step, which reads them all in order, costs less (it rewrites the
        // sums and dmgSeen of every firm, so the marks and pushes above leave nothing behind).
        if (!pushD) denseD = this.rowLinksAbove(nCandD, pullDenseCut);
      }
      // A dense step that leaves nothing out (budget 0) writes hd on every thread (dense-rows.ts).
      const writtenD = denseD && budget === 0;
      if (denseD) {
        // Every row is read anyway: nothing waits.
        dmgSeen.set(dmg);
        for (let t = 0; t < nLeftS; t++) leftSFlag[leftS[t]!] = 0;
        nLeftS = 0;
        if (writtenD) this.dense.writeDown(subst);
        else this.dense.run(DENSE_DOWN);
        // Candidate c is firm c (the apply loop below does not read candD).
        nCandD = n;
        // Every firm's group sums are now its row's.
        this.sumsDAllDirty = true;
      }
      if (recheck) {
        for (let t = 0; t < nLeftD; t++) leftDFlag[leftD[t]!] = 0;
        nLeftD = 0;
      }
      // New values of the listed candidates: from their rows, or from their pushed sums unless the
      // rounding of those could matter (dense-rows.ts, pushedCandidates).
      if (!denseD) {
        const kind = pushD ? CANDIDATES_PUSH : CANDIDATES_PULL;
        this.dense.candidates(kind, nCandD, eps, tol, roundingAllowance, splitMin);
      }
      // Apply.
      let delta = 0;
      let nNextD = 0;
      if (writtenD) {
        // The rows wrote hd and listed per slice what the lists below need (dense-rows.ts), in index
        // order; nothing is left out at budget 0, and marketDelta is not used there.
        const { newlyList, marketList, counts, drop } = this.slices;
        nNextD = this.joinChanged(nextD);
        for (let k = 0, from = 0; from < n; k++, from += sliceSize) {
          if (drop[k]! > delta) delta = drop[k]!;
          for (let t = from, end = from + counts.newly[k]!; t < end; t++) {
            const i = newlyList[t]!;
            this.touch(i);
            if (subst) this.listDamaged(i, market[i]!);
          }
          for (let t = from, end = from + counts.markets[k]!; t < end; t++) markMarket(marketList[t]!);
        }
      } else {
        for (let c = 0; c < nCandD; c++) {
          const i = denseD ? c : candD[c]!;
          const old = hd[i]!;
          const v = newD[c]!;
          const d = old - v;
          if (d > delta) delta = d;
          if (d !== 0 && d <= tol && -d <= tol) {
            if (d > leftOut || -d > leftOut) leftOut = Math.abs(d);
            if (leftDFlag[i] === 0) {
              leftDFlag[i] = 1;
              leftD[nLeftD++] = i;
            }
          }
          if (!(d > tol || -d > tol)) continue;
          hd[i] = v;
          nextD[nNextD++] = i;
          if (old === 1) {
            this.touch(i);
            if (subst) this.listDamaged(i, market[i]!);
          }
          if (subst) {
            markMarket(market[i]!);
            // (Unused with budget 0, where each market's availability is summed anew.)
            marketDelta[market[i]!]! += sOut[i]! * d;
          }
        }
      }
      const denseUStep = denseU;
      if (denseU) {
        this.dense.run(DENSE_UP);
        // Writes the changes in place and lists them per slice (dense-rows.ts).
        this.dense.applyUp(tolU);
      } else if (budgetU === 0 || iterations >= UPSTREAM_ROWS_FROM) {
        // From the rows, the reference's bits (UPSTREAM_ROWS_FROM).
        const { uOutPtr, uOutDst, uOutCoef } = net;
        for (let c = 0; c < nCandU; c++)
          newU[c] = upstreamValue(candU[c]!, hu, capU, uOutPtr, uOutDst, uOutCoef);
      } else {
        for (let c = 0; c < nCandU; c++) {
          const i = candU[c]!;
          const v = 1 - sumU[i]!;
          const cap = capU[i]!;
          newU[c] = Math.max(0, Math.min(v, cap));
        }
      }
      // Upstream: write the changes, then push them (the sums then describe the new state).
      let nChanged = 0;
      // The links a push of the changes would visit (up to the cut).
      let costU = 0;
      if (denseUStep) {
        // The job wrote them and listed them per slice, in index order; frontU lists them only if the
        // next step is sparse (below).
        const { newlyList, leftList, counts, drop } = this.slices;
        for (let k = 0, from = 0; from < n; k++, from += sliceSize) {
          if (drop[k]! > delta) delta = drop[k]!;
          for (let t = from, end = from + counts.left[k]!; t < end; t++) leftU[nLeftU++] = leftList[t]!;
          for (let t = from, end = from + counts.newly[k]!; t < end; t++) {
            this.touch(newlyList[t]!);
            this.pushed[this.pushedCount++] = newlyList[t]!;
          }
          costU += counts.pushLinks[k]!;
          nChanged += counts.changed[k]!;
        }
      } else {
        for (let c = 0; c < nCandU; c++) {
          const i = candU[c]!;
          const old = hu[i]!;
          const v = newU[c]!;
          const d = old - v;
          if (d > delta) delta = d;
          if (d !== 0 && d <= tolU && -d <= tolU && leftUFlag[i] === 0) {
            leftUFlag[i] = 1;
            leftU[nLeftU++] = i;
          }
          if (d > tolU || -d > tolU) {
            hu[i] = v;
            if (old === 1) {
              this.touch(i);
              this.pushed[this.pushedCount++] = i;
            }
            frontU[nChanged] = i;
            newU[nChanged++] = d;
          }
        }
      }
      // Next upstream step: push the changes, or sweep densely if that would visit too many links.
      if (!denseUStep) {
        for (let c = 0; c < nChanged && costU <= cutU; c++) {
          const j = frontU[c]!;
          costU += uInPtr[j + 1]! - uInPtr[j]!;
        }
      }
      if (costU > cutU) {
        denseU = true;
        nCandU = 0;
      } else if (denseU) {
        // Back to sparse: rebuild every sum from the current state, then list the suppliers of the
        // changed (pushUpstream does not read their drops when it only lists).
        if (denseUStep) this.joinChanged(frontU);
        this.rebuildSums();
        denseU = false;
        nCandU = this.pushUpstream(nChanged, false);
      } else {
        // The sums are read only while candidates are not read from their rows (UPSTREAM_ROWS_FROM).
        const sumsRead = budgetU > 0 && iterations + 1 < UPSTREAM_ROWS_FROM;
        nCandU = this.pushUpstream(nChanged, sumsRead);
      }
      const recheckNext = isRecheck(iterations + 2);
      if (recheckNext) {
        // Firms whose change was left out are recomputed again in the next step (pushUpstream marked
        // its candidates with the latest stamp; a dense step recomputes every firm anyway).
        const marked = this.stamp;
        for (let t = 0; t < nLeftU; t++) {
          const i = leftU[t]!;
          leftUFlag[i] = 0;
          if (!denseU && markU[i] !== marked) {
            markU[i] = marked;
            candU[nCandU++] = i;
          }
        }
        nLeftU = 0;
      }
      // (The job's sums are there when it wrote hd with slices of AVAIL_BLOCK firms.)
      if (subst) settleMarkets(recheckNext, writtenD && this.slices.counts.avail[0]! >= 0);
      // Without a rounding allowance a value that may be written is read from its row anyway, so
      // pushing pays only when few of the firms next to a change change themselves (firm-level runs
      // wrote 14% of them on the benchmark network); in a cascade through most of the network nearly
      // all change, and pushes only add work. So the next sparse step pulls whole rows when most of
      // this step's candidates changed, unless the next step's allowance covers the rounding of a
      // firm with a few dozen inputs: then changed values come from the sums, and pushing (the
      // changed suppliers' links) costs less than pulling (every link of every candidate).
      const nextAllowance = (ROUNDING_SHARE * budget) / ((iterations + 3) * (iterations + 4));
      pushD = nNextD < pullShare * nCandD || nextAllowance >= PUSH_ALWAYS_ADDS * ROUNDING_PER_ADD;
      const swap = frontD;
      frontD = nextD;
      nextD = swap;
      nFrontD = nNextD;
      iterations++;
      if (budget > 0) {
        // What is left out stays out until a re-check (which writes whatever exceeds that step's
        // thresholds). Without substitution the update is non-expansive, so the state is off by at
        // most boundFlat; with it each step's update multiplies an error by at most 1 + its gain.
        stale = (recheck ? 0 : stale) + leftOut + roundingAllowance;
        leftOut = 0;
        boundFlat += stale;
      }
      if (watch) {
        const gain = this.substitutionGain(bound);
        bound = stale + (bound > 0 ? (1 + Math.max(gain, lastGain)) * bound : 0);
        lastGain = gain;
        // Repeated as soon as the limit is passed, or, at a gain of 1 or more, would be within a few
        // more steps. Lower gains are not projected: most such runs end before they reach the limit.
        // Projecting them for scenarios too (eighth session) repeated 13 of 24 single-firm shocks of
        // the 1M-firm network, most after 7–11 steps, and only 2 of them passed the limit unprojected:
        // 16.5 s against 8.5 s for the 24 (bench/RESULTS.md, ninth session).
        const ahead = gain >= 1 ? (1 + gain) ** AMPLIFICATION_LOOK_AHEAD : 1;
        // A bound of 0 (nothing left out yet) stays 0 whatever the gain; the product alone would be
        // 0 · ∞ = NaN for an unbounded gain (a market whose availability vanished).
        const excess = bound > 0 ? bound * ahead - boundFlat : -boundFlat;
        if (excess > AMPLIFICATION_LIMIT) {
          amplified = true;
          // What is left out scales with the budget, and so does the bound: a firm-level run is repeated
          // with a quarter of the budget that would just fit (the gains hardly depend on it). A
          // scenario is repeated with none: on the 1M-firm network the 10 largest sellers' shock
          // (gain 0.72 a step) passed the limit again and again with smaller budgets, 30 s in all,
          // against 10–12 s with a budget of 0.
          retryBudget = control ? (budget * AMPLIFICATION_LIMIT) / (4 * excess) : 0;
          if (retryBudget < MIN_RETRY_BUDGET) retryBudget = 0;
          break;
        }
      }
      // How far this step's drop may be from the dense reference's: twice what either state may be off.
      const deltaError = 2 * Math.max(watch ? bound : boundFlat, upBound);
      if (control) {
        this.stepChangedDown = frontD;
        this.stepChangedDownCount = nFrontD;
        const decision = control(iterations, delta, nNextD + nChanged, deltaError);
        if (decision === STEP_STOP) break;
        if (decision === STEP_ABORT) {
          aborted = true;
          break;
        }
      } else if (exactStopRule && deltaError > 0 && Math.abs(delta - eps) <= deltaError) {
        unsure = true;
        break;
      } else if (delta <= eps) break;
      if (iterations >= maxSteps) {
        capped = true;
        break;
      }
    }
    this.frontD = frontD;
    this.nextD = nextD;
    for (let t = 0; t < nLeftD; t++) leftDFlag[leftD[t]!] = 0;
    for (let t = 0; t < nLeftU; t++) leftUFlag[leftU[t]!] = 0;
    for (let t = 0; t < nLeftS; t++) leftSFlag[leftS[t]!] = 0;
    for (let t = 0; t < nLeftM; t++) leftMFlag[leftM[t]!] = 0;
    if (amplified) {
      if (control)
        return {
          iterations,
          capped: false,
          aborted: true,
          amplified,
          amplifiedAt: iterations,
          retryBudget,
          exactRepeat: false,
        };
      this.reset();
      // Only the downstream channel's budget can have caused it; the upstream one keeps its budget.
      const again = this.run(down, up, { ...options, errorBudgetDown: retryBudget });
      return { ...again, amplified, amplifiedAt: iterations };
    }
    if (unsure) {
      // The stop decision was within this run's error of eps: taken again with nothing left out.
      this.reset();
      const again = this.run(down, up, { ...options, errorBudget: 0, errorBudgetDown: 0 });
      return { ...again, exactRepeat: true };
    }
    return { iterations, capped, aborted, amplified, amplifiedAt: -1, retryBudget, exactRepeat: false };
  }
}
