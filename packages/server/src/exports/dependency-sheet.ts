import type { NodeDependency } from '@chainbrain/app';
import type { ExportLabels } from './labels.js';
import type { CellValue, SheetSpec } from './workbook.js';

/** What the sheet needs to name a node, its home chain and an origin country in the reader's language. */
export type DependencyNames = {
  node: (nodeId: string) => string;
  homeChain: (nodeId: string) => string;
  country: (code: string) => string;
};

/** Two decimals as the drawer prints HHI; shares as per cent with one decimal, for the notes' thresholds. */
const fixed2 = (v: number) => v.toFixed(2);
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

/**
 * A chain map's import-dependency screens as one sheet: a row per node and year of the window (a year
 * before the data says so), with the year's figures and whether it fired, and the node's verdict on each of its rows (so that a filter on the
 * verdict keeps the years behind it). Withheld figures stay empty for the workbook's withheld text.
 */
export function dependencySheet(
  screens: readonly NodeDependency[],
  labels: ExportLabels,
  names: DependencyNames,
): SheetSpec {
  const rows: Array<Record<string, CellValue>> = [];
  const withheld: boolean[] = [];
  const yesNo = (v: boolean | null) => (v === null ? null : v ? labels.yes : labels.no);
  for (const s of screens) {
    const verdict =
      s.undecided === 'no_hs_codes'
        ? labels.undecidedNoHs
        : s.undecided === 'no_full_year'
          ? labels.undecidedNoYear
          : s.undecided === 'withheld'
            ? labels.undecidedWithheld
            : s.flagged
              ? labels.verdictFlagged
              : labels.verdictClear;
    const node = {
      node: names.node(s.nodeId),
      chain: names.homeChain(s.nodeId),
      verdict,
      heldIn: s.heldIn.length ? s.heldIn.join(', ') : null,
      shared: s.sharedHsCodes.length
        ? s.sharedHsCodes.map((c) => `${c.code} (${c.nodeIds.map(names.node).join(', ')})`).join('; ')
        : labels.dash,
    };
    if (s.years.length === 0) {
      rows.push({ ...node, year: null });
      withheld.push(false);
      continue;
    }
    for (const year of s.window) {
      const y = s.years.find((d) => d.year === year);
      if (!y) {
        // A year of the window before the data: it counts as not fired, as on the drawer (a row of its own
        // there too), so that "2 of 3" can be read off the rows.
        rows.push({
          ...node,
          year,
          fired: labels.yearNoData,
          // No figure of the year to withhold, but the node's years fired are withheld as on its other rows.
          heldIn: s.undecided === 'withheld' ? labels.withheld : node.heldIn,
        });
        withheld.push(false);
        continue;
      }
      rows.push({
        ...node,
        year: y.year,
        imports: y.imports,
        exports: y.exports,
        local: y.localProduction,
        hhi: y.hhi,
        // No imports in the year: no origin, which is nothing withheld (an empty cell of a withheld row
        // would read "withheld"), so a plain dash, as for the shared codes above.
        origin: y.topOrigin ? names.country(y.topOrigin) : labels.dash,
        share: y.topOrigin ? y.topShare : labels.dash,
        dependence: y.importDependence,
        ratio: y.importExportRatio,
        fired: yesNo(y.flagged),
      });
      // The year's hidden figures (not the verdict, which customs alone may decide) read "withheld".
      withheld.push(y.localProduction === null);
    }
  }
  const t = screens[0]?.thresholds;
  const p = screens[0]?.persistence;
  return {
    name: labels.dependencySheet,
    columns: [
      { header: labels.nodeName, key: 'node', format: 'text', width: 30 },
      { header: labels.homeChain, key: 'chain', format: 'text', width: 16 },
      { header: labels.year, key: 'year', format: 'text', width: 8 },
      { header: labels.importsYi, key: 'imports', format: 'yi' },
      { header: labels.exportsYi, key: 'exports', format: 'yi' },
      { header: labels.localProductionYi, key: 'local', format: 'yi' },
      { header: labels.hhi, key: 'hhi', format: 'decimal' },
      { header: labels.topOrigin, key: 'origin', format: 'text', width: 14 },
      { header: labels.topShare, key: 'share', format: 'percent' },
      { header: labels.importDependence, key: 'dependence', format: 'percent' },
      { header: labels.importExportRatio, key: 'ratio', format: 'decimal' },
      { header: labels.yearFired, key: 'fired', format: 'text', width: 10 },
      { header: labels.verdict, key: 'verdict', format: 'text', width: 30 },
      { header: labels.heldIn, key: 'heldIn', format: 'text', width: 18 },
      { header: labels.sharedHsCodes, key: 'shared', format: 'text', width: 40 },
    ],
    rows,
    withheld,
    notes: [
      ...(t && p
        ? [
            labels.dependencyRuleNote
              .replace('{hhi}', fixed2(t.hhi))
              .replace('{dependence}', pct(t.dependence))
              .replace('{ratio}', String(t.importExport))
              .replace('{n}', String(p.n))
              .replace('{k}', String(p.k)),
          ]
        : []),
      labels.dependencySourceNote,
      ...(screens.some((x) => x.sharedHsCodes.length) ? [labels.sharedHsNote] : []),
      labels.ratioNote,
      labels.withheldNote,
    ],
  };
}
