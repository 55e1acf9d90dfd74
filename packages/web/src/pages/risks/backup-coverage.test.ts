import { describe, expect, it } from 'vitest';
import { readyShare } from './backup-coverage.js';

const coverage = (inputs: number, same: number, lower: number) => ({
  inputs,
  same_standard_ready: same,
  lower_standard_ready: lower,
  in_qualification: 0,
  none: inputs - same - lower,
  at_risk: 0,
});

describe('backup coverage', () => {
  it('counts same- and lower-standard backups as ready, and has no share without inputs', () => {
    expect(readyShare(coverage(7434, 127, 92))).toBeCloseTo(219 / 7434, 12);
    expect(readyShare(coverage(4, 4, 0))).toBe(1);
    expect(readyShare(coverage(0, 0, 0))).toBeNull();
  });
});
