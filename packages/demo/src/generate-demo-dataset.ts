import { type Dataset, monthRange, type PlanPack } from '@chainbrain/domain';
import { FULL_DEMO_FIRMS, LINKS_PER_FIRM } from './calibration.js';
import { type DemoFirm, generateFirms } from './firms.js';
import { buildContext, type GenContext } from './model.js';
import { type DemoLink, generateNetwork } from './network.js';
import { assignSizesAndTags, generateOutput, provinceOutput } from './output.js';
import { createRandom } from './random.js';
import { generateBackups, generateCommunities, generateFirstOfKind, generateProjects } from './services.js';

export type DemoOptions = {
  pack: PlanPack;
  seed?: number;
  /** Number of firms (default about 30,000: the full demo; a few hundred make a quick small one). */
  firms?: number;
  /** Distinct supply links (firm and source suppliers); default 10 per firm. */
  links?: number;
  /** First and last month of output (default 2019-01 to 2026-10, fixed so output never depends on today). */
  from?: string;
  until?: string;
};

export const DEMO_DEFAULTS = { seed: 1, firms: FULL_DEMO_FIRMS, from: '2019-01', until: '2026-10' };

/** The dataset plus what exports need beyond the rows (distinct links, the generation context). */
export type DemoDataset = Dataset & {
  /** Distinct links with their node and life (one link has one supply-link row per active year). */
  demoLinks: DemoLink[];
  demoFirms: DemoFirm[];
  context: GenContext;
};

/**
 * The demo dataset, entirely synthetic: firms placed by the plan's regional layout with valid USCCs and
 * names marked （演示）, monthly output whose chain totals follow the calibration, supply links along the
 * chain maps' input edges (with out-of-province and foreign source nodes), customs consistent with the
 * foreign links, backups, communities, projects and first-of-a-kind products.
 * Deterministic: the same options give the same rows, byte for byte once written.
 */
export function generateDemoDataset(options: DemoOptions): DemoDataset {
  const seed = options.seed ?? DEMO_DEFAULTS.seed;
  const firmCount = options.firms ?? DEMO_DEFAULTS.firms;
  const months = monthRange(options.from ?? DEMO_DEFAULTS.from, options.until ?? DEMO_DEFAULTS.until);
  const random = createRandom(seed);
  const ctx = buildContext(options.pack, months);
  const firms = generateFirms(ctx, firmCount, random);
  const output = generateOutput(ctx, firms, random);
  assignSizesAndTags(ctx, firms, output, random);
  const network = generateNetwork(ctx, firms, output, options.links ?? firmCount * LINKS_PER_FIRM, random);
  const backups = generateBackups(ctx, firms, network.links, random);
  const { communities, members } = generateCommunities(ctx, firms, network.links, random);
  const projects = generateProjects(ctx, firms, random);
  const firstOfKind = generateFirstOfKind(ctx, firms, random);
  return {
    label: `ChainBrain demo dataset, seed ${seed}, ${firms.length} firms (synthetic / 合成数据)`,
    planId: options.pack.plan.id,
    firms: firms.map((f) => ({
      id: f.id,
      uscc: f.uscc,
      name: f.name,
      countyCode: f.countyCode,
      primaryNodeId: f.primaryNodeId,
      primaryChainId: f.primaryChainId,
      sizeClass: f.sizeClass,
      tags: f.tags,
      secondaryNodeIds: f.secondaryNodeIds,
    })),
    output: output.rows,
    supplyLinks: network.rows,
    customs: network.customs,
    regionOutput: provinceOutput(ctx, output),
    backups,
    communities,
    communityMembers: members,
    projects,
    firstOfKind,
    demoLinks: network.links,
    demoFirms: firms,
    context: ctx,
  };
}
