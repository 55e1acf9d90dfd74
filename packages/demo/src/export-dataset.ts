import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type PlanPack, planNodesAndEdges } from '@chainbrain/domain';
import { CsvWriter } from './csv-writer.js';
import type { DemoDataset } from './generate-demo-dataset.js';

/** Ids in the CSV files: firms by their integer id, source nodes by their source id. */
function supplierId(link: { supplierFirmId: number | null; supplierSource: string | null }): string {
  return link.supplierFirmId !== null ? String(link.supplierFirmId) : (link.supplierSource as string);
}

/** The ESRI essentiality table from the chain maps' input edges (the highest rating if a pair repeats). */
export function essentialityRows(pack: PlanPack): Array<[string, string, number]> {
  const ratings = new Map<string, number>();
  for (const edge of planNodesAndEdges(pack).edges) {
    const key = `${edge.from},${edge.to}`;
    ratings.set(key, Math.max(ratings.get(key) ?? 0, edge.essentiality));
  }
  return [...ratings].map(([key, rating]) => {
    const [from, to] = key.split(',') as [string, string];
    return [from, to, rating];
  });
}

export function writeEssentiality(path: string, pack: PlanPack): number {
  const out = new CsvWriter(path, ['supplier_industry', 'buyer_industry', 'rating']);
  for (const [from, to, rating] of essentialityRows(pack)) out.raw(`${from},${to},${rating}`);
  return out.close();
}

export type ExportCounts = Record<string, number>;

/**
 * Writes the dataset as UTF-8 CSV files with headers (the `chainbrain demo --export` contract) plus esri/,
 * the latest full year's network in the input format of `chainbrain esri`. Rows come in the generator's
 * order, so the same seed gives byte-identical files.
 */
export function exportDemoDataset(dataset: DemoDataset, dir: string): ExportCounts {
  mkdirSync(join(dir, 'esri'), { recursive: true });
  const counts: ExportCounts = {};
  const pack = dataset.context.pack;

  const firms = new CsvWriter(join(dir, 'firms.csv'), [
    'id',
    'uscc',
    'name',
    'county_code',
    'node_id',
    'size',
    'tags',
  ]);
  for (const f of dataset.firms)
    firms.row([f.id, f.uscc, f.name, f.countyCode, f.primaryNodeId, f.sizeClass, f.tags.join('|')]);
  counts.firms = firms.close();

  const memberships = new CsvWriter(join(dir, 'firm_nodes.csv'), ['firm', 'node_id', 'primary']);
  for (const f of dataset.firms) {
    memberships.raw(`${f.id},${f.primaryNodeId},true`);
    for (const nodeId of f.secondaryNodeIds) memberships.raw(`${f.id},${nodeId},false`);
  }
  counts.firmNodes = memberships.close();

  const links = new CsvWriter(join(dir, 'links.csv'), ['supplier', 'buyer', 'period', 'value']);
  for (const l of dataset.supplyLinks)
    links.raw(`${supplierId(l)},${l.buyerFirmId},${l.period},${l.valueYuan}`);
  counts.links = links.close();

  const customs = new CsvWriter(join(dir, 'customs.csv'), [
    'firm',
    'hs_code',
    'country',
    'direction',
    'period',
    'value',
  ]);
  for (const c of dataset.customs)
    customs.raw(`${c.firmId},${c.hsCode},${c.country},${c.direction},${c.period},${c.valueYuan}`);
  counts.customs = customs.close();

  const output = new CsvWriter(join(dir, 'output.csv'), ['firm', 'period', 'value']);
  for (const o of dataset.output) output.raw(`${o.firmId},${o.period},${o.valueYuan}`);
  counts.output = output.close();

  const region = new CsvWriter(join(dir, 'region_output.csv'), ['region_code', 'period', 'value']);
  for (const r of dataset.regionOutput) region.raw(`${r.regionCode},${r.period},${r.valueYuan}`);
  counts.regionOutput = region.close();

  const backups = new CsvWriter(join(dir, 'backups.csv'), [
    'buyer',
    'input_node',
    'current_supplier',
    'backup_supplier',
    'standard',
    'state',
    'lead_time_weeks',
    'registered',
  ]);
  for (const b of dataset.backups ?? [])
    backups.row([
      b.buyerFirmId,
      b.inputNodeId,
      b.currentSupplierFirmId ?? b.currentSupplierSource,
      b.backupFirmId ?? b.backupSource,
      b.standard,
      b.state,
      b.leadTimeWeeks,
      b.registeredPeriod,
    ]);
  counts.backups = backups.close();

  const communities = new CsvWriter(join(dir, 'communities.csv'), [
    'id',
    'name',
    'chain_id',
    'leader',
    'founded_year',
  ]);
  for (const c of dataset.communities ?? [])
    communities.row([c.id, c.name, c.chainId, c.leaderFirmId, c.foundedYear]);
  counts.communities = communities.close();

  const members = new CsvWriter(join(dir, 'community_members.csv'), ['community_id', 'firm', 'role']);
  for (const m of dataset.communityMembers ?? []) members.raw(`${m.communityId},${m.firmId},${m.role}`);
  counts.communityMembers = members.close();

  const projects = new CsvWriter(join(dir, 'projects.csv'), [
    'id',
    'name',
    'chain_id',
    'node_id',
    'county_code',
    'investment_yi',
    'stage',
    'start_year',
    'firm',
  ]);
  for (const p of dataset.projects ?? [])
    projects.row([
      p.id,
      p.name,
      p.chainId,
      p.nodeId,
      p.countyCode,
      p.investmentYi,
      p.stage,
      p.startYear,
      p.firmId,
    ]);
  counts.projects = projects.close();

  const products = new CsvWriter(join(dir, 'products.csv'), [
    'id',
    'product',
    'firm',
    'node_id',
    'chain_id',
    'year',
    'kind',
    'level',
  ]);
  for (const p of dataset.firstOfKind ?? [])
    products.row([p.id, p.product, p.firmId, p.nodeId, p.chainId, p.year, p.kind, p.level]);
  counts.products = products.close();

  // esri/: the network of the latest full year; source nodes are firms whose industry is their node.
  const refYear = dataset.context.refYear;
  const period = refYear === undefined ? '' : String(refYear);
  const edges = new CsvWriter(join(dir, 'esri', 'edges.csv'), ['supplier', 'buyer', 'value']);
  const sources = new Set<string>();
  for (const l of dataset.supplyLinks) {
    if (l.period !== period) continue;
    if (l.supplierSource !== null) sources.add(l.supplierSource);
    edges.raw(`${supplierId(l)},${l.buyerFirmId},${l.valueYuan}`);
  }
  counts.esriEdges = edges.close();
  const esriFirms = new CsvWriter(join(dir, 'esri', 'firms.csv'), ['id', 'industry']);
  for (const f of dataset.firms) esriFirms.raw(`${f.id},${f.primaryNodeId}`);
  for (const source of [...sources].sort())
    esriFirms.raw(`${source},${source.slice(source.lastIndexOf(':') + 1)}`);
  counts.esriFirms = esriFirms.close();
  counts.esriEssentiality = writeEssentiality(join(dir, 'esri', 'essentiality.csv'), pack);

  writeFileSync(
    join(dir, 'README.txt'),
    [
      'ChainBrain demo dataset — SYNTHETIC. 演示数据，全部为合成数据。',
      'Every firm, name, code, link, customs record, backup, community, project and product in these files',
      'is generated; none describes a real firm. Calibration sources: docs/data/demo-dataset.md.',
      `Label: ${dataset.label}`,
      `Plan: ${dataset.planId}; ESRI network of ${period || '(no full year)'} in esri/.`,
      'Money in yuan (investment_yi in 亿元). Supplier ids: a firm id, ext:<ISO country>:<node> (foreign origin)',
      'or dom:out-of-province:<node> (other provinces of China). Tags are separated by |.',
      '',
    ].join('\n'),
  );
  return counts;
}
