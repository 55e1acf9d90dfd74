/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters from a 31-character set;
 * positions 9–17 are the organisation code of GB 11714 with its own check character; position 18 checks all.
 */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** Check character of the first 17 characters. */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_CHARSET.indexOf(first17[i] ?? '');
    if (value < 0) throw new Error(`invalid USCC character ${first17[i]} at position ${i + 1}`);
    sum += value * (USCC_WEIGHTS[i] as number);
  }
  return USCC_CHARSET[(31 - (sum % 31)) % 31] as string;
}

/** GB 11714 check character of an 8-character organisation code body. */
export function orgCodeCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body8[i] ?? '';
    const value = /\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55;
    sum += value * (ORG_WEIGHTS[i] as number);
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

export function isValidUscc(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return false;
  if (orgCodeCheckChar(code.slice(8, 16)) !== code[16]) return false;
  return usccCheckChar(code.slice(0, 17)) === code[17];
}

/**
 * Builds a valid USCC for a registered enterprise (9 = industry and commerce, 1 = enterprise) in a county,
 * from an 8-character organisation body (digits and USCC letters).
 */
export function buildUscc(countyCode: string, orgBody8: string): string {
  const orgCode = orgBody8 + orgCodeCheckChar(orgBody8);
  const first17 = `91${countyCode}${orgCode}`;
  return first17 + usccCheckChar(first17);
}
