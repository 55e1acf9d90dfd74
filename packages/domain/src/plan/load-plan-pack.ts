import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { type ChainMap, type ChainMaps, chainMapSchema } from './chain-map.schema.js';
import { type PlanChain, type PlanPack, planPackSchema } from './plan-pack.schema.js';
import { type ChainMapEntry, findChainMapIssues } from './validate-chain-maps.js';

/** The plan that ships with ChainBrain: Zhejiang 2020–2025. */
export const BUNDLED_PLAN_ID = 'zj-chain-2020-2025';
export const BUNDLED_PLAN_PATH = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../plans/zj-chain-2020-2025/plan.json',
);

export class PlanPackError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    readonly detail: string,
  ) {
    super(
      `plan pack ${file}: field ${field || '(root)'}: ${detail} / 方案包字段 ${field || '(根)'} 无效：${detail}`,
    );
    this.name = 'PlanPackError';
  }
}

/** Formats a zod path as chains[3].target_2025. */
export function formatIssuePath(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`))
    .join('');
}

function firstIssue(error: z.ZodError): { field: string; detail: string } {
  const issue = error.issues[0];
  if (!issue) return { field: '', detail: 'invalid' };
  return { field: formatIssuePath(issue.path), detail: issue.message };
}

/** A validated plan pack with its chain maps resolved and validated. */
export type LoadedPlanPack = PlanPack & {
  /** The chain maps keyed by chain id; chains without a `map` have no entry. */
  chainMaps: ChainMaps;
};

/** The list fields of a chain that name plan items; each item must be covered by a map node. */
export const PLAN_ITEM_FIELDS = [
  'breakthroughs_zh',
  'gaps_zh',
  'forward_zh',
  'strengthen_zh',
  'focus_zh',
  'fusion_zh',
  'platform_zh',
] as const;

/** The items the plan names for a chain (breakthroughs, gaps, forward-looking fields, …), in order. */
export function chainPlanItems(chain: PlanChain): Array<{ field: string; item: string }> {
  return PLAN_ITEM_FIELDS.flatMap((key) =>
    (chain[key] ?? []).map((item, j) => ({ field: `${key}[${j}]`, item })),
  );
}

function readJson(file: string, missing: () => PlanPackError): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw missing();
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PlanPackError(file, '', `not valid JSON: ${(error as Error).message}`);
  }
}

/** Validates one chain map against the schema only; throws PlanPackError naming the first bad field. */
export function parseChainMap(json: unknown, file = '<inline>', fieldPrefix = ''): ChainMap {
  const parsed = chainMapSchema.safeParse(json);
  if (!parsed.success) {
    const { field, detail } = firstIssue(parsed.error);
    throw new PlanPackError(file, `${fieldPrefix}${field}`, detail);
  }
  return parsed.data;
}

function resolveChainMaps(pack: PlanPack, file: string): ChainMaps {
  const baseDir = file === '<inline>' ? process.cwd() : dirname(resolve(file));
  const entries: ChainMapEntry[] = [];
  pack.chains.forEach((chain, i) => {
    if (chain.map === undefined) return;
    let entry: Omit<ChainMapEntry, 'map'>;
    let json: unknown;
    if (typeof chain.map === 'string') {
      const mapFile = join(baseDir, chain.map);
      const mapPath = chain.map;
      json = readJson(
        mapFile,
        () =>
          new PlanPackError(
            file,
            `chains[${i}].map`,
            `cannot read map file ${mapPath} (resolved to ${mapFile})`,
          ),
      );
      entry = { chainId: chain.id, file: mapFile, fieldPrefix: '' };
    } else {
      json = chain.map;
      entry = { chainId: chain.id, file, fieldPrefix: `chains[${i}].map.` };
    }
    const map = parseChainMap(json, entry.file, entry.fieldPrefix);
    const planItems = chainPlanItems(chain).map(({ field, item }) => ({
      file,
      field: `chains[${i}].${field}`,
      item,
    }));
    entries.push({ ...entry, map, planItems });
  });
  const [issue] = findChainMapIssues(entries);
  if (issue) throw new PlanPackError(issue.file, issue.field, issue.detail);
  return Object.fromEntries(entries.map((e) => [e.chainId, e.map]));
}

/**
 * Validates parsed JSON as a plan pack and resolves its chain maps (a `map` path is relative to `file`;
 * for '<inline>' to the working directory); throws PlanPackError naming the first bad file and field.
 */
export function parsePlanPack(json: unknown, file = '<inline>'): LoadedPlanPack {
  const parsed = planPackSchema.safeParse(json);
  if (!parsed.success) {
    const { field, detail } = firstIssue(parsed.error);
    throw new PlanPackError(file, field, detail);
  }
  const pack = parsed.data;
  const cityCodes = new Set(pack.cities.map((c) => c.code));
  const seen = new Set<string>();
  pack.chains.forEach((chain, i) => {
    if (seen.has(chain.id))
      throw new PlanPackError(file, `chains[${i}].id`, `duplicate chain id ${chain.id}`);
    seen.add(chain.id);
    for (const key of ['core', 'collaborating'] as const) {
      chain[key].forEach((code, j) => {
        if (!cityCodes.has(code)) {
          throw new PlanPackError(file, `chains[${i}].${key}[${j}]`, `city ${code} is not in cities`);
        }
      });
    }
  });
  return { ...pack, chainMaps: resolveChainMaps(pack, file) };
}

/** Reads and validates a plan pack file and the chain maps it refers to. */
export function loadPlanPack(file: string = BUNDLED_PLAN_PATH): LoadedPlanPack {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new PlanPackError(file, '', `cannot read file: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PlanPackError(file, '', `not valid JSON: ${(error as Error).message}`);
  }
  return parsePlanPack(json, file);
}
