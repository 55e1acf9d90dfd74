import { listCountries } from '@chainbrain/domain';
import { countryCode, IndicatorError, listHsCode } from '@chainbrain/engine';
import { AppError } from '../errors.js';

/** Longest source and note a list entry takes (a citation and a remark, not a document). */
export const RESTRICTED_SOURCE_MAX = 200;
export const RESTRICTED_NOTE_MAX = 500;

/** A list entry as stored: its country code and HS digits as the engine compares them ('' = all). */
export type CheckedEntry = { country: string; hs: string; source: string; note: string | null };

/**
 * The engine's IndicatorError as an AppError: its message is "English / 中文", and the English part ends
 * with the bad value as JSON, so the split is taken right after that value (which may hold " / " itself).
 */
function asInvalidInput(error: unknown, raw: unknown): never {
  if (!(error instanceof IndicatorError)) throw error;
  const value = `${JSON.stringify(raw)} / `;
  const at = error.message.indexOf(value);
  const split = at >= 0 ? at + value.length - 3 : error.message.indexOf(' / ');
  throw new AppError('invalid_input', error.message.slice(split + 3), error.message.slice(0, split));
}

/**
 * Checks an entry with the engine's own code checks (so that the list never holds what the engine would
 * refuse at scan time), then the country against the ISO 3166 table, which the engine does not read: a
 * well-formed code of no country ("XX") would match nothing and look like a working entry.
 */
export function checkedEntry(input: {
  country: unknown;
  hs?: unknown;
  source: unknown;
  note?: unknown;
}): CheckedEntry {
  let country: string;
  let hs: string;
  try {
    country = countryCode('country', input.country);
  } catch (error) {
    asInvalidInput(error, input.country);
  }
  try {
    hs = listHsCode(`entry ${country}`, input.hs);
  } catch (error) {
    asInvalidInput(error, input.hs);
  }
  if (!listCountries().some((c) => c.alpha2 === country))
    throw new AppError(
      'invalid_input',
      `国家代码 ${country} 不在 ISO 3166 国家表中`,
      `country code ${country} is not an ISO 3166 country`,
    );
  const source = typeof input.source === 'string' ? input.source.trim() : '';
  if (source === '' || source.length > RESTRICTED_SOURCE_MAX)
    throw new AppError(
      'invalid_input',
      `来源必填，最多 ${RESTRICTED_SOURCE_MAX} 个字（如“EU 2021/821 Annex I”）`,
      `a source is required, at most ${RESTRICTED_SOURCE_MAX} characters (e.g. "EU 2021/821 Annex I")`,
    );
  const note = typeof input.note === 'string' && input.note.trim() !== '' ? input.note.trim() : null;
  if (note !== null && note.length > RESTRICTED_NOTE_MAX)
    throw new AppError(
      'invalid_input',
      `备注最多 ${RESTRICTED_NOTE_MAX} 个字`,
      `a note of at most ${RESTRICTED_NOTE_MAX} characters`,
    );
  return { country, hs, source, note };
}
