import { describe, expect, it } from 'vitest';
import { buildUscc, isValidUscc, orgCodeCheckChar, usccCheckChar } from './uscc.js';

describe('USCC (GB 32100-2015)', () => {
  it('accepts a published valid code and rejects a changed check character', () => {
    // A widely published example code of the standard's format.
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
    expect(isValidUscc('91350100M000100Y43')).toBe(true);
    expect(isValidUscc('91350100M000100Y44')).toBe(false);
  });
  it('computes GB 11714 organisation check characters', () => {
    expect(orgCodeCheckChar('M000100Y')).toBe('4');
  });
  it('builds codes that validate, for any county and body', () => {
    for (const body of ['12345678', 'A1B2C3D4', '00000000', 'YYYYYYYY']) {
      const code = buildUscc('330106', body);
      expect(code).toHaveLength(18);
      expect(isValidUscc(code)).toBe(true);
    }
  });
  it('rejects the letters the standard leaves out', () => {
    expect(isValidUscc('91330106I2345678XX')).toBe(false);
  });
});
