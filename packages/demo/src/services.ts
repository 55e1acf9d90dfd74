import type {
  BackupSupplierRecord,
  CommunityMemberRecord,
  CommunityRecord,
  FirstOfKindKind,
  FirstOfKindLevel,
  FirstOfKindRecord,
  ProjectRecord,
  ProjectStage,
} from '@chainbrain/domain';
import { foreignSourceId, outOfProvinceSourceId } from '@chainbrain/domain';
import { BACKUP_COVERAGE } from './calibration.js';
import type { DemoFirm } from './firms.js';
import { type GenContext, type GenNode, industryWord, shortPlaceName } from './model.js';
import type { DemoLink } from './network.js';
import type { Random } from './random.js';

const KEY_FIELD_FLAGS = ['core_component', 'electronic_component', 'basic_software', 'key_material'];

/**
 * Registered backups (同准/降准) for part of the single-sourced essential inputs: a buyer whose
 * essential input node has exactly one supplier (a firm or a source) in the latest full year.
 */
export function generateBackups(
  ctx: GenContext,
  firms: DemoFirm[],
  links: DemoLink[],
  random: Random,
): BackupSupplierRecord[] {
  const refYear = ctx.refYear;
  if (refYear === undefined) return [];
  const bySlot = new Map<string, DemoLink[]>();
  for (const link of links) {
    if (link.lastYear < refYear || link.firstYear > refYear) continue;
    const key = `${link.buyer}|${link.nodeIndex}`;
    const list = bySlot.get(key);
    if (list) list.push(link);
    else bySlot.set(key, [link]);
  }
  const out: BackupSupplierRecord[] = [];
  for (const list of bySlot.values()) {
    const current = list[0] as DemoLink;
    if (list.length !== 1 || current.essentiality !== 2) continue;
    const node = ctx.nodes[current.nodeIndex] as GenNode;
    const keyField = node.flags.some((f) => KEY_FIELD_FLAGS.includes(f));
    if (!random.chance(keyField ? BACKUP_COVERAGE.keyField : BACKUP_COVERAGE.other)) continue;
    const buyer = firms[current.buyer] as DemoFirm;
    const localCandidates = node.firms.filter((f) => f !== current.supplier && f !== current.buyer);
    let backupFirmId: number | null = null;
    let backupSource: string | null = null;
    if (localCandidates.length > 0 && (current.supplier >= 0 || random.chance(0.7))) {
      backupFirmId = (firms[random.pick(localCandidates)] as DemoFirm).id;
    } else if (current.source?.startsWith('ext:') || current.supplier >= 0) {
      backupSource = outOfProvinceSourceId(node.id);
    } else {
      backupSource = foreignSourceId(random.pick(['JP', 'DE', 'KR', 'US']), node.id);
    }
    // A domestic backup for an import gap is more often of a lower standard.
    const sameProb = backupSource?.startsWith('ext:') ? 0.8 : node.profile === 'gap' ? 0.3 : 0.55;
    const standard = random.chance(sameProb) ? 'same' : 'lower';
    const r = random.next();
    const state = r < 0.4 ? 'qualified' : r < 0.75 ? 'qualifying' : 'registered';
    const leadTimeWeeks =
      state === 'qualified'
        ? standard === 'same'
          ? random.int(2, 6)
          : random.int(4, 10)
        : state === 'qualifying'
          ? random.int(8, 26)
          : random.int(16, 52);
    const year = random.int(Math.min(2021, refYear), refYear);
    out.push({
      buyerFirmId: buyer.id,
      inputNodeId: node.id,
      currentSupplierFirmId: current.supplier >= 0 ? (firms[current.supplier] as DemoFirm).id : null,
      currentSupplierSource: current.supplier >= 0 ? null : current.source,
      backupFirmId,
      backupSource,
      standard,
      state,
      leadTimeWeeks,
      registeredPeriod: `${year}-${String(random.int(1, 12)).padStart(2, '0')}`,
    });
  }
  return out;
}

function append<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Enterprise communities: each chain leader (链主) with its main Zhejiang suppliers and customers. */
export function generateCommunities(
  ctx: GenContext,
  firms: DemoFirm[],
  links: DemoLink[],
  random: Random,
): { communities: CommunityRecord[]; members: CommunityMemberRecord[] } {
  const communities: CommunityRecord[] = [];
  const members: CommunityMemberRecord[] = [];
  const refYear = ctx.refYear;
  const leaders = firms.filter((f) => f.tags.includes('链主'));
  const leaderIndex = new Set(leaders.map((f) => f.index));
  const suppliersOf = new Map<number, DemoLink[]>();
  const customersOf = new Map<number, DemoLink[]>();
  for (const link of links) {
    if (link.supplier < 0 || (refYear !== undefined && link.lastYear < refYear)) continue;
    if (leaderIndex.has(link.buyer)) append(suppliersOf, link.buyer, link);
    if (leaderIndex.has(link.supplier)) append(customersOf, link.supplier, link);
  }
  const specialised = firms.filter((f) => f.tags.includes('专精特新'));
  for (const leader of leaders) {
    const id = communities.length + 1;
    const stem = leader.name.replace(/（演示）$/, '').replace(/(科技|股份|实业|制造|集团)有限公司$/, '');
    communities.push({
      id,
      chainId: leader.primaryChainId,
      name: `${stem}牵头${ctx.pack.chains[leader.chainIndex]?.zh ?? ''}产业链上下游企业共同体（演示）`,
      leaderFirmId: leader.id,
      foundedYear: random.int(2021, Math.max(2021, Math.min(2023, refYear ?? 2023))),
    });
    const seen = new Set<number>([leader.id]);
    members.push({ communityId: id, firmId: leader.id, role: 'leader' });
    const add = (firm: DemoFirm, role: CommunityMemberRecord['role']) => {
      if (seen.has(firm.id)) return;
      seen.add(firm.id);
      members.push({ communityId: id, firmId: firm.id, role });
    };
    const top = (list: DemoLink[] | undefined, n: number) =>
      [...(list ?? [])].sort((a, b) => b.baseValue - a.baseValue).slice(0, n);
    for (const link of top(suppliersOf.get(leader.index), 25))
      add(firms[link.supplier] as DemoFirm, 'supplier');
    for (const link of top(customersOf.get(leader.index), 15)) add(firms[link.buyer] as DemoFirm, 'customer');
    const partners = specialised.filter((f) => f.chainIndex === leader.chainIndex);
    for (let i = 0; i < Math.min(5, partners.length); i++) add(random.pick(partners), 'partner');
  }
  return { communities, members };
}

/** The 补链 project library: projects at gaps and thinly covered nodes, in the chain's layout cities. */
export function generateProjects(ctx: GenContext, firms: DemoFirm[], random: Random): ProjectRecord[] {
  const projects: ProjectRecord[] = [];
  const names = new Set<string>();
  const lastYear = ctx.refYear ?? 2025;
  ctx.pack.chains.forEach((chain, c) => {
    const chainNodes = ctx.nodes.filter((n) => n.chainIndex === c);
    if (chainNodes.length === 0) return;
    const chainFirms = firms.filter((f) => f.chainIndex === c).length;
    const expected = chainFirms / chainNodes.length || 1;
    const weights = chainNodes.map(
      (n) =>
        (n.profile === 'gap' ? 4 : n.profile === 'key' ? 2 : 1) /
        (1 + n.firms.length / expected) /
        (n.isSource ? 3 : 1),
    );
    const cities = [...chain.core, ...chain.core, ...chain.collaborating];
    const count = Math.round(6 + 0.3 * chainNodes.length);
    for (let k = 0; k < count; k++) {
      const node = random.pickWeighted(chainNodes, weights);
      const city = cities.length > 0 ? random.pick(cities) : random.pick([...ctx.countiesByCity.keys()]);
      const countyCode = random.pick(ctx.countiesByCity.get(city) ?? ['330106']);
      const startYear = random.int(2020, Math.max(2020, lastYear));
      const r = random.next();
      const stage: ProjectStage =
        startYear <= 2021
          ? r < 0.6
            ? 'in_operation'
            : 'under_construction'
          : startYear <= 2023
            ? r < 0.2
              ? 'in_operation'
              : r < 0.8
                ? 'under_construction'
                : 'signed'
            : r < 0.4
              ? 'planned'
              : r < 0.8
                ? 'signed'
                : 'under_construction';
      const investor = node.firms.length > 0 && random.chance(0.55) ? random.pick(node.firms) : undefined;
      let name = `${shortPlaceName(ctx.countyName.get(countyCode) ?? '')}${industryWord(node.nameZh, 8)}补链项目（演示）`;
      for (let phase = 2; names.has(name); phase++)
        name = name.replace(/(（[一二三四五六七八九\d]+期）)?（演示）$/, `（${phase}期）（演示）`);
      names.add(name);
      projects.push({
        id: projects.length + 1,
        name,
        chainId: chain.id,
        nodeId: node.id,
        countyCode,
        investmentYi: Math.round(Math.min(300, Math.max(0.5, 12 * random.lognormal(0.9))) * 10) / 10,
        stage,
        startYear,
        firmId: investor === undefined ? null : (firms[investor] as DemoFirm).id,
      });
    }
  });
  return projects;
}

function firstOfKindKind(node: GenNode): FirstOfKindKind | undefined {
  if (node.flags.includes('basic_software')) return 'software';
  const chapter = node.hsCodes[0]?.slice(0, 2);
  if (!chapter) return undefined;
  const ch = Number(chapter);
  if (ch === 84 || ch === 85 || ch === 86 || ch === 87 || ch === 88 || ch === 89 || ch === 90)
    return 'equipment';
  if ((ch >= 25 && ch <= 40) || (ch >= 54 && ch <= 56) || (ch >= 68 && ch <= 81)) return 'material';
  return undefined;
}

const KIND_SUFFIX: Record<FirstOfKindKind, string> = {
  equipment: '首台（套）',
  material: '首批次',
  software: '首版次',
};

/** First-of-a-kind products (首台套/首批次/首版次) of upper-ranked and specialised firms. */
export function generateFirstOfKind(ctx: GenContext, firms: DemoFirm[], random: Random): FirstOfKindRecord[] {
  const out: FirstOfKindRecord[] = [];
  const lastYear = ctx.refYear ?? 2025;
  const candidates = firms.filter((f) => firstOfKindKind(ctx.nodes[f.nodeIndex] as GenNode) !== undefined);
  const target = Math.max(Math.min(10, candidates.length), Math.round(firms.length * 0.008));
  const weights = candidates.map((f) => (0.2 + f.rankPct) ** 2 * (f.tags.includes('专精特新') ? 3 : 1));
  const used = new Set<number>();
  for (let attempt = 0; out.length < target && attempt < target * 10; attempt++) {
    const firm = random.pickWeighted(candidates, weights);
    if (used.has(firm.id) && random.chance(0.8)) continue;
    used.add(firm.id);
    const node = ctx.nodes[firm.nodeIndex] as GenNode;
    const kind = firstOfKindKind(node) as FirstOfKindKind;
    const r = random.next();
    const level: FirstOfKindLevel = r < 0.1 ? 'international' : r < 0.5 ? 'national' : 'provincial';
    const model = `CB-${random.int(1, 99)}${'ABCDEFGH'[random.int(0, 7)]}`;
    out.push({
      id: out.length + 1,
      product: `${industryWord(node.nameZh, 10)} ${model}型 ${KIND_SUFFIX[kind]}（演示）`,
      firmId: firm.id,
      nodeId: node.id,
      chainId: firm.primaryChainId,
      year: random.int(2020, Math.max(2020, lastYear)),
      kind,
      level,
    });
  }
  return out;
}
