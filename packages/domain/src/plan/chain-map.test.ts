import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { CHAIN_SEGMENTS, type ChainMap } from './chain-map.schema.js';
import { chainMapView } from './chain-map-view.js';
import { chainPlanItems, loadPlanPack, PlanPackError, parsePlanPack } from './load-plan-pack.js';
import { findChainMapIssues } from './validate-chain-maps.js';

const pack = loadPlanPack();

describe('bundled chain maps', () => {
  it('has a map for each of the ten chains', () => {
    expect(Object.keys(pack.chainMaps).sort()).toEqual(pack.chains.map((c) => c.id).sort());
    expect(pack.chains).toHaveLength(10);
  });

  it.each(pack.chains.map((c) => [c.id]))('%s has 20–60 nodes over all three segments', (id) => {
    const map = pack.chainMaps[id]!;
    expect(map.chain).toBe(id);
    expect(map.nodes.length).toBeGreaterThanOrEqual(20);
    expect(map.nodes.length).toBeLessThanOrEqual(60);
    for (const segment of CHAIN_SEGMENTS) expect(map.nodes.some((n) => n.segment === segment)).toBe(true);
  });

  it.each(pack.chains.map((c) => [c.id, c] as const))('%s covers every item the plan names', (id, chain) => {
    const covered = new Set(pack.chainMaps[id]!.nodes.flatMap((n) => n.plan_items_zh));
    const missing = chainPlanItems(chain)
      .map(({ item }) => item)
      .filter((item) => !covered.has(item));
    expect(missing).toEqual([]);
    expect(chainPlanItems(chain).length).toBeGreaterThan(0);
  });

  it('gives every HS mapping and every rating of 2 a rationale', () => {
    for (const map of Object.values(pack.chainMaps)) {
      for (const node of map.nodes) for (const hs of node.hs_codes) expect(hs.rationale.trim()).not.toBe('');
      for (const edge of map.edges) if (edge.essentiality === 2) expect(edge.rationale?.trim()).toBeTruthy();
    }
  });

  it('is bilingual: every node has an English description and every HS mapping a Chinese rationale', () => {
    for (const map of Object.values(pack.chainMaps)) {
      for (const node of map.nodes) {
        expect(node.description_en.trim(), node.id).not.toBe('');
        for (const hs of node.hs_codes) expect(hs.rationale_zh.trim(), `${node.id} ${hs.code}`).not.toBe('');
      }
      for (const segment of map.segments ?? [])
        if (segment.description_zh) expect(segment.description_en?.trim(), segment.id).toBeTruthy();
    }
  });

  it('keeps each node in exactly one chain and feeds shared components across chains', () => {
    const owner = new Map<string, string>();
    for (const [chain, map] of Object.entries(pack.chainMaps)) {
      for (const node of map.nodes) {
        expect(owner.has(node.id)).toBe(false);
        owner.set(node.id, chain);
      }
    }
    const fedBy = (prefix: string) =>
      new Set(
        Object.entries(pack.chainMaps)
          .filter(([, map]) => map.edges.some((e) => e.from.startsWith(prefix)))
          .map(([chain]) => chain),
      );
    // Chips (home: integrated circuits) feed security, computing, NEV, smart home and communication.
    expect([...fedBy('ic.')]).toEqual(
      expect.arrayContaining([
        'digital-security',
        'intelligent-computing',
        'new-energy-vehicles',
        'smart-home',
        'network-communication',
      ]),
    );
    // Materials (home: petrochemicals) feed textile, NEV and smart home.
    expect([...fedBy('pcm.')]).toEqual(
      expect.arrayContaining(['modern-textile', 'new-energy-vehicles', 'smart-home']),
    );
  });

  it('marks the plan’s named gaps', () => {
    const gaps = Object.values(pack.chainMaps).flatMap((m) => m.nodes.filter((n) => n.flags.includes('gap')));
    expect(gaps.map((n) => n.id)).toEqual(
      expect.arrayContaining(['ic.eda', 'comp.os', 'net.comm-chip', 'ds.smart-algorithm']),
    );
  });

  it('shows feeding nodes of other chains as external in the map view', () => {
    const view = chainMapView(pack.chainMaps, 'digital-security')!;
    const foundry = view.nodes.find((n) => n.id === 'ic.foundry');
    expect(foundry).toMatchObject({ external: true, chain: 'integrated-circuits' });
    expect(view.nodes.find((n) => n.id === 'ds.ipc')).toMatchObject({
      external: false,
      chain: 'digital-security',
    });
    for (const edge of view.edges) {
      expect(view.nodes.some((n) => n.id === edge.from)).toBe(true);
      expect(view.nodes.some((n) => n.id === edge.to && !n.external)).toBe(true);
    }
    expect(chainMapView(pack.chainMaps, 'no-such-chain')).toBeUndefined();
  });
});

/** A small valid pack with two inline maps; tests break one thing at a time. */
function fixture() {
  const alpha: ChainMap = {
    chain: 'alpha',
    id_prefix: 'a',
    nodes: [
      node('a.raw', { source: true }),
      node('a.part', {
        hs_codes: [{ code: '854231', rationale: 'processors, 8542.31', rationale_zh: '处理器，子目8542.31' }],
      }),
      node('a.product', { plan_items_zh: ['芯片'] }),
      node('a.service', {}),
    ],
    edges: [
      { from: 'a.raw', to: 'a.part', essentiality: 2, rationale: 'the part is made of the raw material' },
      { from: 'a.part', to: 'a.product', essentiality: 1 },
      { from: 'a.product', to: 'a.service', essentiality: 0 },
    ],
  };
  const beta: ChainMap = {
    chain: 'beta',
    nodes: [node('b.raw', { source: true }), node('b.product', {})],
    edges: [
      { from: 'b.raw', to: 'b.product', essentiality: 1 },
      { from: 'a.part', to: 'b.product', essentiality: 2, rationale: 'cross-chain essential part' },
    ],
  };
  return {
    plan: { id: 'test-plan', title_zh: '测试', title_en: 'Test', start: '2020-01', end: '2025-12' },
    cities: [{ code: '330100', zh: '杭州市', en: 'Hangzhou' }],
    chains: [
      { ...chainBase('alpha'), gaps_zh: ['芯片'], map: alpha },
      { ...chainBase('beta'), map: beta },
    ],
  };
}

function chainBase(id: string) {
  return { id, zh: id, en: id, target_2025: 100, target_kind: 'reach', core: ['330100'], collaborating: [] };
}

function node(id: string, extra: Partial<ChainMap['nodes'][number]>): ChainMap['nodes'][number] {
  return {
    id,
    name_zh: id,
    name_en: id,
    segment: 'midstream',
    description_zh: id,
    description_en: id,
    hs_codes: [],
    flags: [],
    plan_items_zh: [],
    ...extra,
  };
}

type Fixture = ReturnType<typeof fixture>;

function failure(mutate: (f: Fixture, alpha: ChainMap, beta: ChainMap) => void): PlanPackError {
  const f = fixture();
  mutate(f, f.chains[0]!.map, f.chains[1]!.map);
  try {
    parsePlanPack(f, 'test-pack.json');
  } catch (error) {
    expect(error).toBeInstanceOf(PlanPackError);
    return error as PlanPackError;
  }
  throw new Error('expected the pack to fail validation');
}

describe('chain map validation', () => {
  it('accepts the valid fixture and returns its maps', () => {
    const loaded = parsePlanPack(fixture(), 'test-pack.json');
    expect(Object.keys(loaded.chainMaps)).toEqual(['alpha', 'beta']);
    expect(loaded.chainMaps.alpha!.nodes).toHaveLength(4);
  });

  it('rejects a duplicate node id', () => {
    const error = failure((_, alpha) => {
      alpha.nodes[3]!.id = 'a.part';
    });
    expect(error.field).toBe('chains[0].map.nodes[3].id');
    expect(error.message).toMatch(/duplicate node id a\.part/);
  });

  it('rejects a node id used in two chains', () => {
    const error = failure((_, _alpha, beta) => {
      beta.nodes.push(node('a.raw', { source: true }));
    });
    expect(error.field).toBe('chains[1].map.nodes[2].id');
  });

  it('rejects an unknown edge endpoint', () => {
    const error = failure((_, alpha) => {
      alpha.edges[1]!.from = 'a.nowhere';
    });
    expect(error.field).toBe('chains[0].map.edges[1].from');
    expect(error.message).toMatch(/unknown node a\.nowhere/);
  });

  it('rejects an edge whose target is in another chain', () => {
    const error = failure((_, alpha) => {
      alpha.edges.push({ from: 'a.part', to: 'b.product', essentiality: 1 });
    });
    expect(error.field).toBe('chains[0].map.edges[3].to');
  });

  it('rejects an HS code that is not a level-6 subheading', () => {
    const error = failure((_, alpha) => {
      alpha.nodes[1]!.hs_codes[0]!.code = '854200';
    });
    expect(error.field).toBe('chains[0].map.nodes[1].hs_codes[0].code');
  });

  it('rejects an HS mapping without a rationale', () => {
    const error = failure((_, alpha) => {
      alpha.nodes[1]!.hs_codes[0]!.rationale = '';
    });
    expect(error.field).toBe('chains[0].map.nodes[1].hs_codes[0].rationale');
  });

  it('rejects an HS mapping without a Chinese rationale and a node without an English description', () => {
    const noZh = failure((_, alpha) => {
      alpha.nodes[1]!.hs_codes[0]!.rationale_zh = ' ';
    });
    expect(noZh.field).toBe('chains[0].map.nodes[1].hs_codes[0].rationale_zh');
    const noEn = failure((_, alpha) => {
      delete (alpha.nodes[0] as Partial<ChainMap['nodes'][number]>).description_en;
    });
    expect(noEn.field).toBe('chains[0].map.nodes[0].description_en');
  });

  it('rejects a rating of 2 without a rationale', () => {
    const error = failure((_, alpha) => {
      delete alpha.edges[0]!.rationale;
    });
    expect(error.field).toBe('chains[0].map.edges[0].rationale');
  });

  it('rejects a cycle and accepts it once an edge is marked as feedback', () => {
    const error = failure((_, alpha) => {
      alpha.edges.push({ from: 'a.service', to: 'a.part', essentiality: 1 });
    });
    expect(error.field).toBe('chains[0].map.edges[3]');
    expect(error.message).toMatch(/cycle a\.part → a\.product → a\.service → a\.part/);

    const unexplained = failure((_, alpha) => {
      alpha.edges.push({ from: 'a.service', to: 'a.part', essentiality: 1, feedback: true });
    });
    expect(unexplained.field).toBe('chains[0].map.edges[3].rationale');

    const f = fixture();
    f.chains[0]!.map.edges.push({
      from: 'a.service',
      to: 'a.part',
      essentiality: 1,
      feedback: true,
      rationale: 'recycled parts return to production',
    });
    expect(() => parsePlanPack(f, 'test-pack.json')).not.toThrow();
  });

  it('rejects a non-source node without inputs', () => {
    const error = failure((_, alpha) => {
      alpha.edges.splice(2, 1);
    });
    expect(error.field).toBe('chains[0].map.nodes[3]');
    expect(error.message).toMatch(/a\.service has no input edge/);
  });

  it('rejects input edges into a source node', () => {
    const error = failure((_, alpha) => {
      alpha.edges.push({ from: 'a.part', to: 'a.raw', essentiality: 0 });
    });
    expect(error.field).toBe('chains[0].map.edges[3].to');
  });

  it('rejects a map attached to the wrong chain', () => {
    const error = failure((_, _alpha, beta) => {
      beta.chain = 'gamma';
    });
    expect(error.field).toBe('chains[1].map.chain');
  });

  it('rejects a node whose id does not carry the map prefix', () => {
    const error = failure((_, alpha) => {
      alpha.nodes.push(node('x.stray', { source: true }));
    });
    expect(error.field).toBe('chains[0].map.nodes[4].id');
  });

  it('rejects a plan item no node covers', () => {
    const error = failure((_, alpha) => {
      alpha.nodes[2]!.plan_items_zh = [];
    });
    expect(error.field).toBe('chains[0].gaps_zh[0]');
    expect(error.message).toMatch(/芯片/);
  });

  it('rejects a schema violation with the field path', () => {
    const error = failure((_, alpha) => {
      (alpha.edges[1] as { essentiality: number }).essentiality = 3;
    });
    expect(error.field).toBe('chains[0].map.edges[1].essentiality');
  });

  it('names the map file and field when the map is a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chain-map-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(join(dir, 'maps'));
    const f = fixture();
    const alpha = f.chains[0]!.map;
    alpha.nodes[1]!.hs_codes[0]!.code = '854299';
    writeFileSync(join(dir, 'maps', 'alpha.json'), JSON.stringify(alpha));
    writeFileSync(
      join(dir, 'plan.json'),
      JSON.stringify({ ...f, chains: [{ ...f.chains[0], map: 'maps/alpha.json' }, f.chains[1]] }),
    );
    expect(() => loadPlanPack(join(dir, 'plan.json'))).toThrow(
      /maps\/alpha\.json: field nodes\[1\]\.hs_codes\[0\]\.code/,
    );
  });

  it('reports every issue, not only the first', () => {
    const f = fixture();
    const alpha = f.chains[0]!.map;
    alpha.nodes[1]!.hs_codes[0]!.code = '000000';
    delete alpha.edges[0]!.rationale;
    const issues = findChainMapIssues([
      { chainId: 'alpha', file: 'alpha.json', fieldPrefix: '', map: alpha },
    ]);
    expect(issues.map((i) => i.field)).toEqual(['nodes[1].hs_codes[0].code', 'edges[0].rationale']);
  });
});
