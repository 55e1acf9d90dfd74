import { describe, expect, it } from 'vitest';
import { purchaseHsCode } from './purchase-hs-code.js';

describe('the HS code a purchase of a node is compared under', () => {
  it('is the node’s one code, or what its codes share cut to whole pairs of digits, or none', () => {
    expect(purchaseHsCode(['370790'])).toBe('370790');
    expect(purchaseHsCode(['8542.31'])).toBe('854231');
    // 854231 and 854232 share 85423, which names no code: the heading 8542.
    expect(purchaseHsCode(['854231', '854232'])).toBe('8542');
    expect(purchaseHsCode(['281111', '280700', '284700'])).toBe('28');
    expect(purchaseHsCode(['381800', '854231'])).toBe('');
    expect(purchaseHsCode([])).toBe('');
  });
});
