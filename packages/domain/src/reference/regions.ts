import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type RegionLevel = 'province' | 'city' | 'county';
export type Region = {
  /** 6-digit GB/T 2260 code. */
  code: string;
  level: RegionLevel;
  parent: string | null;
  name_zh: string;
  name_en: string;
  kind: 'province' | 'city' | 'district' | 'county' | 'county_city';
};

const referenceDir = join(dirname(fileURLToPath(import.meta.url)), '../../reference');
let cached: Region[] | undefined;

/** Zhejiang province, its 11 cities and 90 county-level divisions (GB/T 2260, current codes). */
export function listZhejiangRegions(): Region[] {
  cached ??= (
    JSON.parse(readFileSync(join(referenceDir, 'zhejiang-regions.json'), 'utf8')) as { regions: Region[] }
  ).regions;
  return cached;
}

/** The city code (xxxx00) a county belongs to; a city or province code maps to itself. */
export function cityCodeOf(regionCode: string): string {
  return regionCode.endsWith('0000') ? regionCode : `${regionCode.slice(0, 4)}00`;
}
