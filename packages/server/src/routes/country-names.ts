import { listCountries } from '@chainbrain/domain';

let countriesByCode: Map<string, { name_zh: string; name_en: string }> | undefined;

/** Countries by ISO alpha-2 code, as customs records name origins. */
export function countryNames() {
  countriesByCode ??= new Map(listCountries().map((c) => [c.alpha2, c]));
  return countriesByCode;
}
