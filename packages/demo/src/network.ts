import {
  type CustomsRecord,
  foreignSourceId,
  outOfProvinceSourceId,
  type SupplyLinkRecord,
} from '@chainbrain/domain';
import {
  EXPORT_MARKETS,
  EXPORTERS,
  IMPORT_PROFILE,
  INPUT_COST_SHARE,
  ORIGINS,
  OUT_OF_PROVINCE_SHARE,
} from './calibration.js';
import { type DemoFirm, lowerBound } from './firms.js';
import type { GenContext, GenNode } from './model.js';
import type { FirmOutput } from './output.js';
import type { Random } from './random.js';

/** One distinct supply link (supplier → buyer) with its life in years and its value in the latest full year. */
export type DemoLink = {
  /** Firm index of the supplier, or -1 for a source node. */
  supplier: number;
  /** Source id when the supplier is not a firm. */
  source: string | null;
  buyer: number;
  /** The input edge's supplying node. */
  nodeIndex: number;
  essentiality: 0 | 1 | 2;
  firstYear: number;
  lastYear: number;
  /** Value in the reference year, yuan (the scale of the rows of other years). */
  baseValue: number;
  /** Origin country of a foreign link. */
  country: string | null;
};

export type Network = {
  links: DemoLink[];
  rows: SupplyLinkRecord[];
  /** Row values per link and year index (for customs consistency): rowValues[link][y], 0 when inactive. */
  yearValues: Float64Array;
  customs: CustomsRecord[];
};

/** How many origins one importer uses: the chance of origin o is ORIGIN_SPREAD × its weight (the first always). */
const ORIGIN_SPREAD = { gap: 2.5, key: 2, ordinary: 5 };

/** A node's foreign origins and their weights, from its chain's lists and its import profile. */
function nodeOrigins(
  ctx: GenContext,
  node: GenNode,
  random: Random,
): { countries: string[]; weights: number[] } {
  const chainId = ctx.pack.chains[node.chainIndex]?.id ?? '';
  const lists = ORIGINS[chainId] ?? {
    key: ['JP', 'US', 'DE', 'KR'],
    ordinary: ['JP', 'US', 'DE', 'KR', 'TW'],
  };
  const profile = IMPORT_PROFILE[node.profile];
  const pool = node.profile === 'ordinary' ? [...lists.ordinary] : [...lists.key];
  // The node's own order: the first entries of the list lead, shuffled per node.
  for (let i = Math.min(pool.length, 4) - 1; i > 0; i--) {
    const j = random.int(0, i);
    [pool[i], pool[j]] = [pool[j] as string, pool[i] as string];
  }
  const n = Math.min(pool.length, profile.originWeights.length);
  return { countries: pool.slice(0, n), weights: profile.originWeights.slice(0, n) };
}

type Slot = {
  buyer: number;
  input: GenNode['inputs'][number];
  spend: number;
  local: number;
  outOfProvince: number;
  foreign: number;
  demand: number;
};

/**
 * Supply links along the chain maps' input edges. For every firm and input edge the firm's input spend
 * is split between Zhejiang suppliers of the input node, other provinces (one source node per input node)
 * and foreign origins (one source node per country × input node), by the node's import profile. Zhejiang
 * suppliers are drawn in proportion to size (preferential attachment: heavy-tailed out-degrees); the number
 * per buyer grows with the buyer's size (heavy-tailed in-degrees). Values scale with the buyer's output.
 */
export function generateNetwork(
  ctx: GenContext,
  firms: DemoFirm[],
  output: FirmOutput,
  targetLinks: number,
  random: Random,
): Network {
  const Y = ctx.years.length;
  const ref = Y - 1;
  const refValue = (f: number) => (Y > 0 ? (output.annual[f * Y + ref] as number) : 0);
  const origins = ctx.nodes.map((node) => nodeOrigins(ctx, node, random));
  // Supplier sampling per node: cumulative size^0.8.
  const cumulative = ctx.nodes.map((node) => {
    const c = new Float64Array(node.firms.length);
    let acc = 0;
    node.firms.forEach((f, i) => {
      acc += (firms[f] as DemoFirm).weight ** 0.8;
      c[i] = acc;
    });
    return c;
  });
  const medianWeight = [...firms.map((f) => f.weight)].sort((a, b) => a - b)[firms.length >> 1] ?? 1;

  // Pass 1: channels and local demand per (buyer, input edge).
  const slots: Slot[] = [];
  const sourceLinks: DemoLink[] = [];
  for (const firm of firms) {
    const node = ctx.nodes[firm.nodeIndex] as GenNode;
    if (node.inputs.length === 0) continue;
    const essWeights = node.inputs.map((e) => (e.essentiality === 2 ? 2 : e.essentiality === 1 ? 1 : 0.3));
    const essSum = essWeights.reduce((s, w) => s + w, 0);
    const totalSpend = refValue(firm.index) * INPUT_COST_SHARE;
    node.inputs.forEach((input, k) => {
      const from = ctx.nodes[input.fromIndex] as GenNode;
      const profile = IMPORT_PROFILE[from.profile];
      const localFirms = from.firms.length - (from.index === node.index ? 1 : 0);
      const directBase = from.profile === 'gap' ? 0.6 : from.profile === 'key' ? 0.3 : 0.06;
      const imports = random.chance(Math.min(1, directBase * (0.5 + firm.rankPct)));
      const oop = random.chance(localFirms > 0 ? 0.4 : 0.9) || (localFirms === 0 && !imports);
      const local = localFirms > 0 && (random.chance(0.9) || (!imports && !oop));
      const importShare = Math.min(0.95, profile.importShare * random.lognormal(0.3));
      const parts = {
        foreign: imports ? importShare : 0,
        outOfProvince: oop ? OUT_OF_PROVINCE_SHARE * random.lognormal(0.3) : 0,
        local: local ? Math.max(0.1, 1 - importShare - OUT_OF_PROVINCE_SHARE) * random.lognormal(0.3) : 0,
      };
      const partSum = parts.foreign + parts.outOfProvince + parts.local || 1;
      const spend = (totalSpend * (essWeights[k] as number)) / essSum;
      slots.push({
        buyer: firm.index,
        input,
        spend,
        local: parts.local / partSum,
        outOfProvince: parts.outOfProvince / partSum,
        foreign: parts.foreign / partSum,
        demand: local ? Math.sqrt(firm.weight / medianWeight) * random.pareto(2.2) : 0,
      });
    });
  }

  const yearsOf = (buyer: DemoFirm, supplier: DemoFirm | undefined) => {
    const born = Math.max(
      yearOfMonth(ctx, buyer.birthMonth),
      supplier ? yearOfMonth(ctx, supplier.birthMonth) : 0,
    );
    const first0 = ctx.years[0] ?? 0;
    const last = ctx.years[ref] ?? 0;
    let first = random.chance(0.62) ? first0 : random.int(first0, last);
    first = Math.max(first, born);
    const lastYear = random.chance(0.88) || first >= last ? last : random.int(first, last - 1);
    return { first, last: lastYear };
  };

  // Source links (other provinces; foreign origins): one per buyer × input node × origin.
  for (const slot of slots) {
    const buyer = firms[slot.buyer] as DemoFirm;
    const from = ctx.nodes[slot.input.fromIndex] as GenNode;
    const born = yearOfMonth(ctx, buyer.birthMonth);
    const last = ctx.years[ref] ?? 0;
    const first = Math.max(ctx.years[0] ?? 0, born);
    if (slot.outOfProvince > 0)
      sourceLinks.push({
        supplier: -1,
        source: outOfProvinceSourceId(from.id),
        buyer: slot.buyer,
        nodeIndex: from.index,
        essentiality: slot.input.essentiality,
        firstYear: first,
        lastYear: last,
        baseValue: slot.spend * slot.outOfProvince,
        country: null,
      });
    if (slot.foreign > 0) {
      const { countries, weights } = origins[from.index] as { countries: string[]; weights: number[] };
      const used = countries
        .map((country, i) => ({ country, w: weights[i] as number }))
        .filter((o, i) => i === 0 || random.chance(Math.min(1, ORIGIN_SPREAD[from.profile] * o.w)));
      const shares = used.map((o) => o.w * random.lognormal(0.4));
      const shareSum = shares.reduce((s, x) => s + x, 0);
      used.forEach((o, i) => {
        sourceLinks.push({
          supplier: -1,
          source: foreignSourceId(o.country, from.id),
          buyer: slot.buyer,
          nodeIndex: from.index,
          essentiality: slot.input.essentiality,
          firstYear: first,
          lastYear: last,
          baseValue: (slot.spend * slot.foreign * (shares[i] as number)) / shareSum,
          country: o.country,
        });
      });
    }
  }

  // Calibrate the local suppliers per slot so that all links together reach the target.
  const localTarget = Math.max(0, targetLinks - sourceLinks.length);
  const capOf = (slot: Slot) => {
    const from = ctx.nodes[slot.input.fromIndex] as GenNode;
    return Math.min(
      150,
      from.firms.length - (from.index === (firms[slot.buyer] as DemoFirm).nodeIndex ? 1 : 0),
    );
  };
  const countFor = (lambda: number) => {
    let total = 0;
    for (const slot of slots)
      if (slot.demand > 0) total += Math.min(capOf(slot), Math.max(1, Math.round(lambda * slot.demand)));
    return total;
  };
  let lo = 0;
  let hi = 1;
  while (countFor(hi) < localTarget && hi < 1e6) hi *= 2;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (countFor(mid) < localTarget) lo = mid;
    else hi = mid;
  }
  const lambda = hi;

  const links: DemoLink[] = [];
  const chosen = new Set<number>();
  for (const slot of slots) {
    if (slot.demand <= 0) continue;
    const buyer = firms[slot.buyer] as DemoFirm;
    const from = ctx.nodes[slot.input.fromIndex] as GenNode;
    const want = Math.min(capOf(slot), Math.max(1, Math.round(lambda * slot.demand)));
    const c = cumulative[from.index] as Float64Array;
    const total = c[c.length - 1] as number;
    chosen.clear();
    for (let attempt = 0; chosen.size < want && attempt < want * 4; attempt++) {
      const f = from.firms[lowerBound(c, random.next() * total)] as number;
      if (f !== buyer.index) chosen.add(f);
    }
    if (chosen.size < want)
      for (const f of from.firms) {
        if (chosen.size >= want) break;
        if (f !== buyer.index) chosen.add(f);
      }
    const picked = [...chosen];
    const shares = picked.map((f) => (firms[f] as DemoFirm).weight ** 0.5 * random.lognormal(0.6));
    const shareSum = shares.reduce((s, x) => s + x, 0);
    picked.forEach((f, i) => {
      const supplier = firms[f] as DemoFirm;
      const life = yearsOf(buyer, supplier);
      links.push({
        supplier: f,
        source: null,
        buyer: slot.buyer,
        nodeIndex: from.index,
        essentiality: slot.input.essentiality,
        firstYear: life.first,
        lastYear: life.last,
        baseValue: (slot.spend * slot.local * (shares[i] as number)) / shareSum,
        country: null,
      });
    });
  }
  for (const link of sourceLinks) links.push(link);
  // Duplicate pairs arise when one supplier node feeds a buyer node through two edges: merge them.
  const merged = mergeDuplicates(links);

  const rows: SupplyLinkRecord[] = [];
  const yearValues = new Float64Array(merged.length * Math.max(1, Y));
  const periods = ctx.years.map(String);
  merged.forEach((link, l) => {
    const buyerRef = refValue(link.buyer);
    for (let y = 0; y < Y; y++) {
      const year = ctx.years[y] as number;
      if (year < link.firstYear || year > link.lastYear) continue;
      const ratio = buyerRef > 0 ? (output.annual[link.buyer * Y + y] as number) / buyerRef : 0;
      const value = Math.max(1, Math.round(link.baseValue * ratio * (1 + 0.05 * random.bell())));
      yearValues[l * Y + y] = value;
      rows.push({
        supplierFirmId: link.supplier >= 0 ? (firms[link.supplier] as DemoFirm).id : null,
        supplierSource: link.source,
        buyerFirmId: (firms[link.buyer] as DemoFirm).id,
        period: periods[y] as string,
        valueYuan: value,
        source: 'demo',
      });
    }
  });
  const customs = [
    ...importCustoms(ctx, firms, output, merged, yearValues, random),
    ...exportCustoms(ctx, firms, output, random),
  ];
  return { links: merged, rows, yearValues, customs };
}

function yearOfMonth(ctx: GenContext, monthIndex: number): number {
  return Number(ctx.months[monthIndex]?.slice(0, 4) ?? 0);
}

function mergeDuplicates(links: DemoLink[]): DemoLink[] {
  const byKey = new Map<string, DemoLink>();
  const out: DemoLink[] = [];
  for (const link of links) {
    const key = `${link.supplier >= 0 ? link.supplier : link.source}>${link.buyer}`;
    const existing = byKey.get(key);
    if (existing) {
      existing.baseValue += link.baseValue;
      existing.essentiality = Math.max(existing.essentiality, link.essentiality) as 0 | 1 | 2;
      existing.firstYear = Math.min(existing.firstYear, link.firstYear);
      existing.lastYear = Math.max(existing.lastYear, link.lastYear);
    } else {
      byKey.set(key, link);
      out.push(link);
    }
  }
  return out;
}

/** Splits an integer total over `parts` random shares exactly. */
function splitExact(total: number, parts: number, random: Random): number[] {
  const weights = Array.from({ length: parts }, () => 0.3 + random.next());
  const sum = weights.reduce((s, w) => s + w, 0);
  const values = weights.map((w) => Math.floor((total * w) / sum));
  values[0] = (values[0] as number) + total - values.reduce((s, v) => s + v, 0);
  return values;
}

/** Distinct month offsets 0..11 (or 0..n-1), `count` of them, ascending. */
function pickMonths(available: number, count: number, random: Random): number[] {
  const all = Array.from({ length: available }, (_, i) => i);
  for (let i = 0; i < Math.min(count, available); i++) {
    const j = random.int(i, available - 1);
    [all[i], all[j]] = [all[j] as number, all[i] as number];
  }
  return all.slice(0, Math.min(count, available)).sort((a, b) => a - b);
}

/** Shipments a year: a few for small flows, monthly for large ones. */
function shipmentsPerYear(value: number): number {
  return Math.max(1, Math.min(12, Math.round(1 + (11 * value) / (value + 2e8))));
}

/**
 * Customs imports per firm × HS6 × origin × month, consistent with the foreign supply links: for every
 * full year the shipments of a foreign link add up exactly to the link's value; months after the last
 * full year continue at the buyer's pace. Nodes without an HS code (software, services) have none.
 */
function importCustoms(
  ctx: GenContext,
  firms: DemoFirm[],
  output: FirmOutput,
  links: DemoLink[],
  yearValues: Float64Array,
  random: Random,
): CustomsRecord[] {
  const Y = ctx.years.length;
  const rows: CustomsRecord[] = [];
  const monthIndex = new Map(ctx.months.map((m, i) => [m, i]));
  const lastFull = ctx.refYear;
  const trailing = lastFull === undefined ? [] : ctx.months.filter((m) => Number(m.slice(0, 4)) > lastFull);
  links.forEach((link, l) => {
    if (!link.country) return;
    const node = ctx.nodes[link.nodeIndex] as GenNode;
    if (node.hsCodes.length === 0) return;
    const hsCode = random.pick(node.hsCodes);
    const buyer = firms[link.buyer] as DemoFirm;
    const push = (period: string, valueYuan: number) => {
      if (valueYuan > 0)
        rows.push({
          firmId: buyer.id,
          hsCode,
          country: link.country as string,
          direction: 'import',
          period,
          valueYuan,
        });
    };
    for (let y = 0; y < Y; y++) {
      const value = yearValues[l * Y + y] as number;
      if (value <= 0) continue;
      const shipments = shipmentsPerYear(value);
      const months = pickMonths(12, shipments, random);
      const parts = splitExact(value, months.length, random);
      months.forEach((m, i) => {
        push(`${ctx.years[y]}-${String(m + 1).padStart(2, '0')}`, parts[i] as number);
      });
    }
    // The partial year after the last full one: the latest full year's value at the buyer's pace.
    const refValue = Y > 0 ? (yearValues[l * Y + Y - 1] as number) : 0;
    const buyerRef = Y > 0 ? (output.annual[buyer.index * Y + Y - 1] as number) : 0;
    if (trailing.length > 0 && refValue > 0 && buyerRef > 0) {
      const value = Math.round((refValue * (output.partial[buyer.index] as number)) / buyerRef);
      const shipments = Math.max(1, Math.round((shipmentsPerYear(refValue) * trailing.length) / 12));
      const months = pickMonths(trailing.length, shipments, random);
      const parts = splitExact(value, months.length, random);
      months.forEach((m, i) => {
        const period = trailing[m] as string;
        if (monthIndex.has(period)) push(period, parts[i] as number);
      });
    }
  });
  return rows;
}

/**
 * Customs exports per firm × HS6 × destination × month: a minority of firms (more often the larger ones)
 * export part of their output in the months they ship.
 */
function exportCustoms(
  ctx: GenContext,
  firms: DemoFirm[],
  output: FirmOutput,
  random: Random,
): CustomsRecord[] {
  const rows: CustomsRecord[] = [];
  const M = ctx.months.length;
  for (const firm of firms) {
    const node = ctx.nodes[firm.nodeIndex] as GenNode;
    if (node.hsCodes.length === 0 || node.isSource) continue;
    if (!random.chance(Math.min(1, EXPORTERS.share * 2 * (0.3 + firm.rankPct) ** 2))) continue;
    const count = random.chance(0.6) ? 1 : random.int(2, 3);
    const dests: string[] = [];
    while (dests.length < count) {
      const d = EXPORT_MARKETS[
        Math.min(EXPORT_MARKETS.length - 1, Math.floor(random.pareto(0.9) - 1))
      ] as string;
      if (!dests.includes(d)) dests.push(d);
    }
    const shares = dests.map(() => random.lognormal(0.5));
    const shareSum = shares.reduce((s, x) => s + x, 0);
    const hsCode = random.pick(node.hsCodes);
    const ratio = EXPORTERS.minRatio + (EXPORTERS.maxRatio - EXPORTERS.minRatio) * random.next();
    // Larger exporters ship every month, smaller ones in some months (same expected value).
    const q = 0.12 + 0.6 * firm.rankPct ** 2;
    for (let m = firm.birthMonth; m < M; m++) {
      const out = output.monthly[firm.index * M + m] as number;
      if (out <= 0) continue;
      dests.forEach((country, i) => {
        if (!random.chance(q)) return;
        const value = Math.round(
          ((out * ratio * (shares[i] as number)) / shareSum / q) * random.lognormal(0.2),
        );
        if (value > 0)
          rows.push({
            firmId: firm.id,
            hsCode,
            country,
            direction: 'export',
            period: ctx.months[m] as string,
            valueYuan: value,
          });
      });
    }
  }
  return rows;
}
