/**
 * Country and HS codes as the indicators compare them
 * ===================================================
 *
 * Origins come from customs records, purchase records and a restriction list that users type in, so the
 * same country arrives as "KR", "kr " or " Kr". Every comparison goes through countryCode, so that one
 * country is one origin in HHI and one key against the list. Only the shape is checked (two letters):
 * the engine reads no reference files; the ISO 3166 table is in @chainbrain/domain.
 *
 * An HS code on the restriction list decides what the entry covers by prefix, so a code that is not a
 * code must not be read as one: "ECCN 3A001" kept its digits and became 3001 (pharmaceuticals), and "*"
 * kept none and became a ban on everything the country sells. Customs codes have 2, 4, 6, 8 or 10 digits
 * (chapter, heading, HS6 subheading, Chinese tariff line, and with the supervision digits).
 */

import { IndicatorError } from './rules.js';

/** A country code trimmed and in upper case ("kr " is "KR"), not checked. */
export const normalizeCountry = (country: string): string => country.trim().toUpperCase();

/** An HS code as compared: its digits only ("8542.31" is "854231"). */
export const normalizeHs = (hs: string): string => hs.replace(/\D/g, '');

/** The ISO 3166 alpha-2 code, trimmed and in upper case, or an IndicatorError naming `what`. */
export function countryCode(what: string, raw: unknown): string {
  const code = typeof raw === 'string' ? normalizeCountry(raw) : '';
  if (/^[A-Z]{2}$/.test(code)) return code;
  throw new IndicatorError(
    `${what} must be an ISO 3166 alpha-2 code (two letters, e.g. KR), got ${JSON.stringify(raw)}`,
    `${what} 应为 ISO 3166 两位字母国家代码（如 KR），实为 ${JSON.stringify(raw)}`,
  );
}

/** Digit groups separated by single dots or spaces: "8542", "8542.31", "3818 00 00 00". */
const HS_SHAPE = /^\d+(?:[. ]\d+)*$/;
const HS_LENGTHS = new Set([2, 4, 6, 8, 10]);

/**
 * The digits of a restriction list entry's HS code, or '' for an entry that covers its whole country
 * (hs absent or blank). Anything else is an IndicatorError naming the entry (`what`).
 */
export function listHsCode(what: string, raw: unknown): string {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return '';
  const text = typeof raw === 'string' ? raw.trim() : '';
  const digits = normalizeHs(text);
  if (HS_SHAPE.test(text) && HS_LENGTHS.has(digits.length)) return digits;
  throw new IndicatorError(
    `${what}: HS code must be 2, 4, 6, 8 or 10 digits (dots or spaces may separate them), or empty for the whole country, got ${JSON.stringify(raw)}`,
    `${what}：HS 编码应为 2、4、6、8 或 10 位数字（可用点或空格分隔），整国限制则留空，实为 ${JSON.stringify(raw)}`,
  );
}
