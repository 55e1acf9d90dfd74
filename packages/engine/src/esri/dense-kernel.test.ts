import { describe, expect, it } from 'vitest';
import { randomNetwork } from '../testing/random.js';
import { plainDownstreamStep } from '../testing/row-values.js';
import { allocDenseKernels, denseKernelArrays, denseKernelRows } from './dense-kernel.js';
import { upstreamValue } from './dense-rows.js';

// The bits of the kernel's rows against the JavaScript rows are checked in dense-rows.test.ts (every
// job, both ways) and pool.test.ts (pools with and without the kernel); these tests check the memory's
// regions and the fallback.
describe('dense kernel memory', () => {
  const net = randomNetwork({ n: 500, links: 4000, industries: 8, hubs: 4, production: 'table', seed: 3 });
  const { n } = net;

  it('gives each region arrays of its own in one memory, and rows that read only their region', () => {
    const kernels = allocDenseKernels(net, 3);
    expect(kernels).toHaveLength(3);
    const [a, b, c] = kernels!.map((k) => denseKernelArrays(k, net));
    expect(kernels![1]!.memory).toBe(kernels![0]!.memory);
    // No two arrays of any regions overlap.
    const spans = [a!, b!, c!]
      .flatMap((r) => Object.values(r))
      .map((x) => [x.byteOffset, x.byteOffset + x.byteLength] as const)
      .sort((x, y) => x[0] - y[0]);
    for (let t = 1; t < spans.length; t++) expect(spans[t]![0]).toBeGreaterThanOrEqual(spans[t - 1]![1]);
    // Different states in regions 0 and 1; each region's rows are the JavaScript rows of its state.
    for (const [r, s] of [a!, b!].entries()) {
      for (let i = 0; i < n; i++) {
        s.dmgSeen[i] = i % (r + 3) === 0 ? ((i % 5) + 1 + r) / 8 : 0;
        s.hu[i] = (i * (r + 2)) % 5 === 0 ? ((i % 3) + 1) / 4 : 1;
      }
      s.capD.fill(1);
      s.capU.fill(1);
    }
    for (const r of [0, 1]) {
      const rows = denseKernelRows(kernels![r]!)!;
      rows.down(0, n);
      rows.up(0, n);
    }
    for (const [r, s] of [a!, b!].entries()) {
      const plain = plainDownstreamStep(net, s);
      const { uOutPtr, uOutDst, uOutCoef } = net;
      for (let i = 0; i < n; i++) {
        expect(s.newD[i], `region ${r}, firm ${i}`).toBe(plain.values[i]);
        expect(s.newU[i], `region ${r}, firm ${i}`).toBe(
          upstreamValue(i, s.hu, s.capU, uOutPtr, uOutDst, uOutCoef),
        );
      }
      expect(Array.from(s.sumD)).toEqual(Array.from(plain.sums));
      expect(s.newD.some((v) => v < 1)).toBe(true);
      expect(s.newU.some((v) => v < 1)).toBe(true);
    }
    expect(Array.from(a!.newD)).not.toEqual(Array.from(b!.newD));
    // Region 2 was never written.
    expect(c!.newD.every((v) => v === 0)).toBe(true);
  });

  it('leaves the rows to JavaScript where the kernel cannot be instantiated', () => {
    const kernel = allocDenseKernels(net, 1)![0]!;
    expect(denseKernelRows(kernel)).toBeDefined();
    expect(denseKernelRows({ ...kernel, memory: { buffer: new ArrayBuffer(8) } })).toBeUndefined();
  });
});
