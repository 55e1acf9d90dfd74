import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { type PlanPack, planPackSchema } from './plan-pack.schema.js';

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
    super(`plan pack ${file}: field ${field || '(root)'}: ${detail} / 方案包字段 ${field || '(根)'} 无效：${detail}`);
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

/** Validates parsed JSON as a plan pack; throws PlanPackError naming the first bad field. */
export function parsePlanPack(json: unknown, file = '<inline>'): PlanPack {
  const parsed = planPackSchema.safeParse(json);
  if (!parsed.success) {
    const { field, detail } = firstIssue(parsed.error);
    throw new PlanPackError(file, field, detail);
  }
  const pack = parsed.data;
  const cityCodes = new Set(pack.cities.map((c) => c.code));
  const seen = new Set<string>();
  pack.chains.forEach((chain, i) => {
    if (seen.has(chain.id)) throw new PlanPackError(file, `chains[${i}].id`, `duplicate chain id ${chain.id}`);
    seen.add(chain.id);
    for (const key of ['core', 'collaborating'] as const) {
      chain[key].forEach((code, j) => {
        if (!cityCodes.has(code)) {
          throw new PlanPackError(file, `chains[${i}].${key}[${j}]`, `city ${code} is not in cities`);
        }
      });
    }
  });
  return pack;
}

/** Reads and validates a plan pack file. */
export function loadPlanPack(file: string = BUNDLED_PLAN_PATH): PlanPack {
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
