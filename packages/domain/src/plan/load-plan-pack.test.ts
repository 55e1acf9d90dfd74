import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { BUNDLED_PLAN_PATH, loadPlanPack, PlanPackError, parsePlanPack } from './load-plan-pack.js';

const bundledJson = () =>
  JSON.parse(readFileSync(BUNDLED_PLAN_PATH, 'utf8')) as { chains: Record<string, unknown>[] };

function errorOf(run: () => unknown): PlanPackError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(PlanPackError);
    return error as PlanPackError;
  }
  throw new Error('expected a PlanPackError');
}

describe('loadPlanPack', () => {
  it('loads the bundled pack with its ten chain maps', () => {
    const pack = loadPlanPack();
    expect(pack.plan.id).toBe('zj-chain-2020-2025');
    expect(pack.chains).toHaveLength(10);
    expect(Object.keys(pack.chainMaps)).toHaveLength(10);
    expect(pack.chainMaps['integrated-circuits']?.nodes.some((n) => n.id === 'ic.eda')).toBe(true);
  });

  it('names the field of an invalid pack: chains[0].target_2025 as a string', () => {
    const json = bundledJson();
    json.chains[0]!.target_2025 = '4000';
    const error = errorOf(() => parsePlanPack(json, 'bad-plan.json'));
    expect(error.file).toBe('bad-plan.json');
    expect(error.field).toBe('chains[0].target_2025');
    expect(error.message).toMatch(/bad-plan\.json: field chains\[0\]\.target_2025/);
  });

  it('resolves map paths relative to the pack file and names a missing map', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plan-pack-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const json = bundledJson();
    const file = join(dir, 'plan.json');
    writeFileSync(file, JSON.stringify(json));
    const error = errorOf(() => loadPlanPack(file));
    expect(error.file).toBe(file);
    expect(error.field).toBe('chains[0].map');
    expect(error.message).toMatch(/cannot read map file maps\/digital-security\.json/);
  });

  it('accepts a pack without maps and returns no chain maps', () => {
    const json = bundledJson();
    for (const chain of json.chains) delete chain.map;
    const pack = parsePlanPack(json, 'no-maps.json');
    expect(pack.chainMaps).toEqual({});
  });

  it('rejects a core city that is not in cities', () => {
    const json = bundledJson();
    json.chains[1]!.core = ['339999'];
    expect(errorOf(() => parsePlanPack(json, 'x.json')).field).toBe('chains[1].core[0]');
  });

  it('rejects a duplicate chain id', () => {
    const json = bundledJson();
    json.chains[1]!.id = json.chains[0]!.id;
    expect(errorOf(() => parsePlanPack(json, 'x.json')).field).toBe('chains[1].id');
  });

  it('reports unreadable and malformed files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plan-pack-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const bad = join(dir, 'broken.json');
    writeFileSync(bad, '{ not json');
    expect(errorOf(() => loadPlanPack(bad)).message).toMatch(/not valid JSON/);
    expect(errorOf(() => loadPlanPack(join(dir, 'missing.json'))).message).toMatch(/cannot read file/);
  });
});
