/**
 * The downstream channel of several firms at once, as dense steps
 * ===============================================================
 *
 * firm-lanes.ts sweeps the upstream walks of L firms together; this does the same for their
 * downstream channels, for firms whose downstream run stays wide for many steps (without substitution,
 * most firms of a network with a giant component: on the 100k-firm benchmark network at eps 1e-2, one
 * such run took 34 steps on the mean, nearly all of them dense). Lane l holds firm f_l's state hd_l,
 * stored interleaved (firm i's value in lane l at i·L + l) like the upstream lanes, so that one read
 * of a supplier's line serves every lane.
 *
 * Each step is the dense reference's (dense.ts): each market's availability summed block by block
 * (substitution.ts), dmg_l(j) = σ_l(j)·(1 − hd_l(j)), then every firm's row (downstreamValue in
 * dense-rows.ts), with the same operations in the same order per lane. So every hd_l has the
 * reference's bits, and so has the step's drop max_i (hd_l(i) − hd'_l(i)): no error budget, no bound.
 *
 * The damage pass and the rows run in WebAssembly SIMD (sweep-kernel/down-wat.ts, two lanes per
 * instruction, on a copy of the network's downstream rows in its memory): in JavaScript the step took
 * about three times an upstream sweep, in WebAssembly 1.2 times (bench/RESULTS.md, twentieth session).
 * The availability sums, and all of the step where WebAssembly SIMD is missing, run as JavaScript
 * compiled for the lane count and the network's mode (substitution or not), as closures over the
 * arrays (ADR 0010: V8 then reads them as constants). ADR 0013 tells when a firm runs here.
 */

import type { SupplyNetwork } from '../network.js';
import { DOWN_WASM_BASE64 } from './sweep-kernel/binary.generated.js';
import { instantiateKernel, longestRowsFirst, wasmMemory } from './sweep-kernel/kernel.js';
import { DOWN_STEP_TABLE, NATIVE_SWEEP_LANES, type NativeSweepModule } from './sweep-kernel/native.js';
import { AVAIL_BLOCK, AVAIL_FLOOR } from './substitution.js';

export type DownstreamLaneArrays = {
  /** hd of firm i in lane l at i·L + l (1 where undamaged). */
  hd: Float64Array;
  next: Float64Array;
  dmg: Float64Array;
  /** Each market's availability in each lane (market k, lane l at k·L + l). */
  avail: Float64Array;
  /** Bit l: firm i is lane l's shocked firm (its hd stays 0). */
  pinned: Uint32Array;
  /** After a step: each lane's largest drop of hd. */
  drop: Float64Array;
};

/** The compiled JavaScript loops: availability sums (both backings) and damage and rows (fallback). */
type LaneLoops = { availability: () => void; damageAndRows: () => void };

/**
 * The downstream rows in the order the step takes them: slot k holds the firm with the k-th longest
 * input row (ties in index order), and the rows' suppliers are slots, so that rows of one length
 * follow each other (the loop exits mispredict less, as in the upstream sweep, ADR 0006) while the
 * lane arrays are still read and written in order. market and sOut by slot too.
 */
type DownLayout = {
  slotOf: Int32Array;
  ptr: Int32Array;
  mid: Int32Array;
  src: Int32Array;
  ind: Int32Array;
  coef: Float64Array;
  market: Int32Array;
  sOut: Float64Array;
};

function downLayout(net: SupplyNetwork): DownLayout {
  const { n, dInPtr, dInMid, dInSrc, dInInd, dInCoef } = net;
  const { order, slotOf } = longestRowsFirst(dInPtr);
  const md = dInSrc.length;
  const layout: DownLayout = {
    slotOf,
    ptr: new Int32Array(n + 1),
    mid: new Int32Array(n),
    src: new Int32Array(md),
    ind: new Int32Array(md),
    coef: new Float64Array(md),
    market: new Int32Array(n),
    sOut: new Float64Array(n),
  };
  for (let k = 0, e = 0; k < n; k++) {
    const i = order[k]!;
    layout.mid[k] = e + dInMid[i]! - dInPtr[i]!;
    for (let x = dInPtr[i]!; x < dInPtr[i + 1]!; x++, e++) {
      layout.src[e] = slotOf[dInSrc[x]!]!;
      layout.ind[e] = dInInd[x]!;
      layout.coef[e] = dInCoef[x]!;
    }
    layout.ptr[k + 1] = e;
    layout.market[k] = net.market[i]!;
    layout.sOut[k] = net.sOut[i]!;
  }
  return layout;
}

export class DownstreamLanes {
  readonly lanes: number;
  /** Firm i's slot: its values are at slotOf[i]·lanes + l in hd (DownLayout). */
  readonly slotOf: Int32Array;
  /**
   * 'native' (down-step.cc, ADR 0023), 'wasm' (down-wat.ts) or 'js' (the compiled JavaScript loops, the
   * fallback).
   */
  readonly engine: 'native' | 'wasm' | 'js';
  private readonly a: DownstreamLaneArrays;
  private readonly loops: LaneLoops;
  private readonly substitution: boolean;
  /**
   * The native or WebAssembly step (hd and next trade places in it too), when there is one; the
   * native step also sums the availability.
   */
  private readonly fastStep?: () => void;
  private readonly fastAvailability: boolean;

  /** `native`: step in it when it has `lanes` lanes (else in WebAssembly); `forceJs`: JavaScript. */
  constructor(
    net: SupplyNetwork,
    lanes: number,
    substitution: boolean,
    forceJs = false,
    native?: NativeSweepModule,
  ) {
    this.lanes = lanes;
    this.substitution = substitution;
    const layout = downLayout(net);
    this.slotOf = layout.slotOf;
    const nativeLanes = (NATIVE_SWEEP_LANES as readonly number[]).includes(lanes) ? native : undefined;
    const fast = forceJs ? undefined : wasmLanes(net, layout, lanes, substitution, nativeLanes);
    this.engine = fast ? fast.engine : 'js';
    this.fastAvailability = fast?.engine === 'native';
    const { n, nMarkets } = net;
    this.a = fast?.arrays ?? {
      hd: new Float64Array(n * lanes),
      next: new Float64Array(n * lanes),
      dmg: new Float64Array(n * lanes),
      avail: new Float64Array(nMarkets * lanes),
      pinned: new Uint32Array(n),
      drop: new Float64Array(lanes),
    };
    this.a.hd.fill(1);
    this.a.next.fill(1);
    this.loops = compileLaneLoops(net, layout, this.a, lanes, substitution);
    this.fastStep = fast?.step;
  }

  /** hd of every lane (firm i, lane l at slotOf[i]·lanes + l); valid until the next step. */
  get hd(): Float64Array {
    return this.a.hd;
  }

  /** After a step: each lane's largest drop of hd in it. */
  get drop(): Float64Array {
    return this.a.drop;
  }

  /** Lane l starts firm f's run: hd_l = 1 − e_f (the state after its shock). */
  begin(l: number, f: number): void {
    const k = this.slotOf[f]!;
    this.a.pinned[k]! |= 1 << l;
    this.a.hd[k * this.lanes + l] = 0;
  }

  /** Sets lane l's hd of `firms` (a state reached before the lane took the firm). */
  set(l: number, firms: Int32Array, hd: Float64Array): void {
    for (let t = 0; t < firms.length; t++) this.a.hd[this.slotOf[firms[t]!]! * this.lanes + l] = hd[t]!;
  }

  /** Clears lane l (its firm was f) for the next firm. */
  end(l: number, f: number): void {
    const { hd } = this.a;
    const { lanes } = this;
    for (let k = l; k < hd.length; k += lanes) hd[k] = 1;
    this.a.pinned[this.slotOf[f]!]! &= ~(1 << l);
  }

  /** One dense downstream step of every lane (empty lanes stay at 1). */
  step(): void {
    if (this.substitution && !this.fastAvailability) this.loops.availability();
    if (this.fastStep) this.fastStep();
    else this.loops.damageAndRows();
    // The step wrote next; hd and next trade places (the loops read them from the arrays object).
    const { hd, next } = this.a;
    this.a.hd = next;
    this.a.next = hd;
  }
}

const modules = new Map<number, object | null>();

/**
 * The arrays in WebAssembly memory with the network's downstream rows copied in, and the step over
 * them: down-step.cc's with a native module (which also sums the availability, from the firms' markets
 * and sales in index order, copied in too), else down-wat.ts's; undefined when the runtime lacks
 * WebAssembly SIMD or the memory.
 */
function wasmLanes(
  net: SupplyNetwork,
  layout: DownLayout,
  lanes: number,
  substitution: boolean,
  native: NativeSweepModule | undefined,
): { arrays: DownstreamLaneArrays; step: () => void; engine: 'native' | 'wasm' } | undefined {
  const base64 = DOWN_WASM_BASE64[lanes as keyof typeof DOWN_WASM_BASE64];
  if (!base64 && !native) return undefined;
  const { n, nMarkets } = net;
  const md = net.dInSrc.length;
  const sizes = {
    // For the native step (a few MB beside the lane arrays; laid out either way, for one type).
    table: 4 * DOWN_STEP_TABLE.length,
    slotOf: 4 * n,
    firmMarket: 4 * n,
    firmSOut: 8 * n,
    stamp: 4 * nMarkets,
    list: 4 * nMarkets,
    partial: 8 * nMarkets * lanes,
    ptr: 4 * (n + 1),
    mid: 4 * n,
    src: 4 * md,
    coef: 8 * md,
    market: 4 * n,
    sOut: 8 * n,
    avail: 8 * nMarkets * lanes,
    a: 8 * n * lanes,
    b: 8 * n * lanes,
    dmg: 8 * n * lanes,
    pinned: 4 * n,
    drop: 8 * lanes,
  };
  const memory = wasmMemory(sizes);
  if (!memory) return undefined;
  const exports = native ? {} : instantiateKernel(modules, lanes, base64!, memory.memory);
  if (!exports) return undefined;
  const { at, buffer } = memory;
  new Int32Array(buffer, at.ptr, n + 1).set(layout.ptr);
  new Int32Array(buffer, at.mid, n).set(layout.mid);
  // Bit 31 of a supplier slot marks the last link of a rating-2 input group (down-wat.ts).
  const src = new Int32Array(buffer, at.src, md);
  src.set(layout.src);
  for (let k = 0; k < n; k++) {
    const mid = layout.mid[k]!;
    for (let e = layout.ptr[k]!; e < mid; e++)
      if (e + 1 === mid || layout.ind[e + 1] !== layout.ind[e]) src[e]! |= 0x80000000;
  }
  new Float64Array(buffer, at.coef, md).set(layout.coef);
  new Int32Array(buffer, at.market, n).set(layout.market);
  new Float64Array(buffer, at.sOut, n).set(layout.sOut);
  const arrays: DownstreamLaneArrays = {
    hd: new Float64Array(buffer, at.a, n * lanes),
    next: new Float64Array(buffer, at.b, n * lanes),
    dmg: new Float64Array(buffer, at.dmg, n * lanes),
    avail: new Float64Array(buffer, at.avail, nMarkets * lanes),
    pinned: new Uint32Array(buffer, at.pinned, n),
    drop: new Float64Array(buffer, at.drop, lanes),
  };
  let hd = at.a;
  let next = at.b;
  if (native) {
    new Int32Array(buffer, at.slotOf, n).set(layout.slotOf);
    new Int32Array(buffer, at.firmMarket, n).set(net.market);
    new Float64Array(buffer, at.firmSOut, n).set(net.sOut);
    const table = new Uint32Array(buffer, at.table, DOWN_STEP_TABLE.length);
    DOWN_STEP_TABLE.forEach((name, k) => {
      table[k] = at[name];
    });
    const subst = substitution ? 1 : 0;
    const step = () => {
      native.down(buffer, lanes, n, nMarkets, subst, AVAIL_FLOOR, AVAIL_BLOCK, at.table, hd, next);
      [hd, next] = [next, hd];
    };
    return { arrays, step, engine: 'native' };
  }
  const damage = exports.damage as (...args: number[]) => void;
  const rows = exports.rows as (...args: number[]) => void;
  const step = () => {
    damage(n, hd, at.dmg, at.market, at.sOut, at.avail, substitution ? 1 : 0);
    rows(n, at.ptr, at.mid, at.src, at.coef, at.dmg, hd, next, at.pinned, at.drop);
    [hd, next] = [next, hd];
  };
  return { arrays, step, engine: 'wasm' };
}

/**
 * The source of the loops for `lanes` lanes: code per lane repeated, so each lane keeps its sums in
 * locals. They read the lane arrays from `a` at the call (hd and next trade places), the network from
 * the closure.
 */
function laneLoopsSource(lanes: number, substitution: boolean): string {
  const rep = (f: (l: number) => string, sep = '\n') =>
    Array.from({ length: lanes }, (_, l) => f(l)).join(sep);
  const L = lanes;
  const availability = substitution
    ? `
    avail.fill(0);
    for (let from = 0, block = 0; from < n; from += AVAIL_BLOCK, block++) {
      const to = Math.min(from + AVAIL_BLOCK, n);
      let count = 0;
      for (let i = from; i < to; i++) {
        const mk = market[i];
        const so = sOut[i];
        const b = slotOf[i] * ${L};
        if (mark[mk] !== block) {
          mark[mk] = block;
          slot[mk] = count;
          listed[count] = mk;
          const q = count++ * ${L};
          ${rep((l) => `sums[q + ${l}] = so * hd[b + ${l}];`)}
        } else {
          const q = slot[mk] * ${L};
          ${rep((l) => `sums[q + ${l}] += so * hd[b + ${l}];`)}
        }
      }
      for (let t = 0; t < count; t++) {
        const q = listed[t] * ${L};
        const p = t * ${L};
        ${rep((l) => `avail[q + ${l}] += sums[p + ${l}];`)}
      }
    }
    mark.fill(-1);`
    : '';
  // supplierDamage (substitution.ts) per lane: σ·(1 − hd), σ = min(s_out / avail, 1) or 1.
  const damage = (l: number) =>
    substitution
      ? `{ const h = hd[b + ${l}];
          if (h >= 1) dmg[b + ${l}] = 0;
          else { const av = avail[q + ${l}]; dmg[b + ${l}] = (av <= AVAIL_FLOOR ? 1 : Math.min(so / av, 1)) * (1 - h); } }`
      : `{ const h = hd[b + ${l}]; dmg[b + ${l}] = h >= 1 ? 0 : 1 * (1 - h); }`;
  return `
  function availability() {
    const { hd, avail } = a;
    ${availability}
  }
  function damageAndRows() {
    const { hd, next, dmg, avail, pinned, drop } = a;
    for (let j = 0; j < n; j++) {
      const b = j * ${L};
      ${substitution ? `const q = slotMarket[j] * ${L}; const so = slotSOut[j];` : ''}
      ${rep(damage)}
    }
    ${rep((l) => `let d${l} = 0;`)}
    for (let i = 0; i < n; i++) {
      let e = dInPtr[i];
      const mid = dInMid[i];
      const end = dInPtr[i + 1];
      ${rep((l) => `let v${l} = 1;`)}
      while (e < mid) {
        const k = dInInd[e];
        ${rep((l) => `let s${l} = 0;`)}
        do {
          const c = dInCoef[e];
          const b = dInSrc[e] * ${L};
          ${rep((l) => `s${l} += c * dmg[b + ${l}];`)}
          e++;
        } while (e < mid && dInInd[e] === k);
        ${rep((l) => `{ const p = 1 - s${l}; if (p < v${l}) v${l} = p; }`)}
      }
      ${rep((l) => `let r${l} = 0;`)}
      for (; e < end; e++) {
        const c = dInCoef[e];
        const b = dInSrc[e] * ${L};
        ${rep((l) => `r${l} += c * dmg[b + ${l}];`)}
      }
      ${rep((l) => `{ const p = 1 - r${l}; if (p < v${l}) v${l} = p; v${l} = Math.max(v${l}, 0); }`)}
      const pin = pinned[i];
      if (pin !== 0) {
        ${rep((l) => `if (pin & ${1 << l}) v${l} = 0;`)}
      }
      const b = i * ${L};
      ${rep((l) => `{ const x = hd[b + ${l}] - v${l}; if (x > d${l}) d${l} = x; next[b + ${l}] = v${l}; }`)}
    }
    ${rep((l) => `drop[${l}] = d${l};`)}
  }
  return { availability, damageAndRows };`;
}

/**
 * The loops for this network and these arrays. The network's arrays and the scratch of the
 * availability sums are constants of the compiled closures; the lane arrays are read from `a`.
 */
function compileLaneLoops(
  net: SupplyNetwork,
  layout: DownLayout,
  a: DownstreamLaneArrays,
  lanes: number,
  substitution: boolean,
): LaneLoops {
  const { n, nMarkets, market, sOut } = net;
  const blockMarkets = Math.min(nMarkets, AVAIL_BLOCK);
  const consts = {
    a,
    n,
    market,
    sOut,
    slotOf: layout.slotOf,
    slotMarket: layout.market,
    slotSOut: layout.sOut,
    dInPtr: layout.ptr,
    dInMid: layout.mid,
    dInSrc: layout.src,
    dInInd: layout.ind,
    dInCoef: layout.coef,
    AVAIL_BLOCK,
    AVAIL_FLOOR,
    mark: new Int32Array(nMarkets).fill(-1),
    slot: new Int32Array(nMarkets),
    listed: new Int32Array(blockMarkets),
    sums: new Float64Array(blockMarkets * lanes),
  };
  const names = Object.keys(consts);
  const make = new Function(...names, `'use strict';${laneLoopsSource(lanes, substitution)}`) as (
    ...args: unknown[]
  ) => LaneLoops;
  return make(...names.map((k) => consts[k as keyof typeof consts]));
}
