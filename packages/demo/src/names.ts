import type { Random } from './random.js';

// Syllables for brand-like words; every demo name ends with （演示） so it cannot pass for a real firm.
const BRAND_CHARS = '辰拓澜蔚锐衡曜睿瀚嘉晟芯宸翊骏铭泓烁昱璟朗霁琨钧湛岚昊珩翎淳';
const FORMS = ['科技有限公司', '股份有限公司', '实业有限公司', '制造有限公司', '集团有限公司'];

/** A synthetic firm name: county short name + invented brand + industry word + company form + （演示）. */
export function syntheticFirmName(random: Random, countyZh: string, industryWord: string): string {
  const place = countyZh.replace(/(自治县|区|县|市)$/, '');
  const brand =
    BRAND_CHARS[random.int(0, BRAND_CHARS.length - 1)]! + BRAND_CHARS[random.int(0, BRAND_CHARS.length - 1)]!;
  return `${place}${brand}${industryWord}${random.pick(FORMS)}（演示）`;
}
