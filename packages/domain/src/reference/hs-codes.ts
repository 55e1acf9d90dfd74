import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One line of the HS nomenclature (HS 2017, public domain; see reference/hs-codes.csv). */
export type HsCode = { section: string; code: string; description: string; parent: string; level: 2 | 4 | 6 };

const file = join(dirname(fileURLToPath(import.meta.url)), '../../reference/hs-codes.csv');
let cached: Map<string, HsCode> | undefined;

/** Splits one CSV line with RFC 4180 quoting. */
export function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields;
}

/** All HS codes keyed by code (2, 4 or 6 digits). */
export function hsCodes(): Map<string, HsCode> {
  if (cached) return cached;
  const map = new Map<string, HsCode>();
  const lines = readFileSync(file, 'utf8').split(/\r?\n/).slice(1);
  for (const line of lines) {
    if (!line) continue;
    const [section = '', code = '', description = '', parent = '', level = ''] = splitCsvLine(line);
    map.set(code, { section, code, description, parent, level: Number(level) as 2 | 4 | 6 });
  }
  cached = map;
  return map;
}

export function isKnownHs6(code: string): boolean {
  return code.length === 6 && hsCodes().get(code)?.level === 6;
}
