import { describe, expect, it } from 'vitest';
import { buildNetwork } from '../network.js';
import { rng } from '../testing/random.js';
import {
  AVAIL_BLOCK,
  availabilityScratch,
  blockAvailability,
  marketAvailability,
  sumAvailability,
} from './substitution.js';

// A market's availability is summed block by block (AVAIL_BLOCK), in every path that sums it anew:
// the dense reference and the cascade's one-pass sum (sumAvailability), the cascade's per-market sum
// (marketAvailability), the dense jobs' per-slice sums (blockAvailability) and the network's
// capacities. They must give the same bits, or budget-0 cascades leave the reference's states.
describe('availability sums', () => {
  const n = 3 * AVAIL_BLOCK + 123;
  const markets = 7;
  const r = rng(9);
  const market = Int32Array.from({ length: n }, () => Math.floor(r() * markets));
  // Values over many orders of magnitude, so that the order of the additions shows in the last bits.
  const sOut = Float64Array.from({ length: n }, () => 10 ** (12 * r()));
  const hd = Float64Array.from({ length: n }, () => (r() < 0.3 ? 1 : r()));
  const avail = new Float64Array(markets);
  sumAvailability(avail, market, sOut, hd, availabilityScratch(markets));

  it('sums each market block by block, which differs from one sum in index order', () => {
    const plain = new Float64Array(markets);
    for (let l = 0; l < n; l++) plain[market[l]!]! += sOut[l]! * hd[l]!;
    // The blocked sums are the same numbers to rounding, but not the same bits for every market.
    for (let mk = 0; mk < markets; mk++)
      expect(Math.abs(avail[mk]! - plain[mk]!)).toBeLessThan(1e-12 * plain[mk]!);
    expect(Array.from(avail)).not.toEqual(Array.from(plain));
  });

  it('gives the one-pass bits from a market’s own firms (marketAvailability)', () => {
    for (let mk = 0; mk < markets; mk++) {
      const firms = Int32Array.from(Array.from({ length: n }, (_, l) => l).filter((l) => market[l] === mk));
      expect(marketAvailability(firms, 0, firms.length, sOut, hd)).toBe(avail[mk]);
    }
    expect(marketAvailability(new Int32Array(0), 0, 0, sOut, hd)).toBe(0);
  });

  it('gives the one-pass bits from the blocks’ pairs added in block order (blockAvailability)', () => {
    const mark = new Int32Array(markets).fill(-1);
    const slot = new Int32Array(markets);
    const pairsMarket = new Int32Array(n);
    const pairsSum = new Float64Array(n);
    const joined = new Float64Array(markets);
    for (let from = 0; from < n; from += AVAIL_BLOCK) {
      const to = Math.min(from + AVAIL_BLOCK, n);
      const count = blockAvailability(
        from,
        to,
        market,
        sOut,
        hd,
        from,
        mark,
        slot,
        pairsMarket,
        pairsSum,
        from,
      );
      expect(count).toBe(markets);
      for (let t = from; t < from + count; t++) joined[pairsMarket[t]!]! += pairsSum[t]!;
    }
    expect(Array.from(joined)).toEqual(Array.from(avail));
  });

  it('gives the network’s market capacities the same bits (every firm intact)', () => {
    // Sales over many orders of magnitude (not integers, whose sums are exact).
    const links = 4 * n;
    const supplier = Int32Array.from({ length: links }, (_, e) => e % n);
    const buyer = Int32Array.from({ length: links }, (_, e) => (e * 7919 + 1) % n);
    const value = Float64Array.from({ length: links }, () => 10 ** (9 * r()));
    const industry = new Int32Array(n);
    const net = buildNetwork({
      n,
      supplier,
      buyer,
      value,
      industry,
      production: 'linear',
      market,
      selfLoops: 'ignore',
    });
    const cap = new Float64Array(net.nMarkets);
    sumAvailability(
      cap,
      net.market,
      net.sOut,
      new Float64Array(n).fill(1),
      availabilityScratch(net.nMarkets),
    );
    expect(Array.from(net.marketCapacity)).toEqual(Array.from(cap));
    const plain = new Float64Array(net.nMarkets);
    for (let l = 0; l < n; l++) plain[net.market[l]!]! += net.sOut[l]!;
    expect(Array.from(net.marketCapacity)).not.toEqual(Array.from(plain));
  });
});
