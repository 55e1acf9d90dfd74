import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Country = { alpha2: string; alpha3: string; name_en: string; name_zh: string };

const file = join(dirname(fileURLToPath(import.meta.url)), '../../reference/countries.json');
let cached: Country[] | undefined;

/** ISO 3166-1 countries with Chinese and English names. */
export function listCountries(): Country[] {
  cached ??= (JSON.parse(readFileSync(file, 'utf8')) as { countries: Country[] }).countries;
  return cached;
}
