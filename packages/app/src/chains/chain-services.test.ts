import { type Grant, listZhejiangRegions } from '@chainbrain/domain';
import { type Database, replaceDataset, savePlanPack, upsertRegions } from '@chainbrain/store';
import { testBackends, tinyDataset, tinyNodes, tinyPlan, tinyServices } from '@chainbrain/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Actor, buildActor } from '../access/actor.js';
import { AppError } from '../errors.js';
import { getChainGaps } from './get-chain-gaps.js';
import { getChainProject } from './get-chain-project.js';
import { getChainServicesSummary } from './get-chain-services-summary.js';
import { listChainProjects } from './list-chain-projects.js';
import { listCommunities } from './list-communities.js';
import { listFirstOfKind } from './list-first-of-kind.js';

const actor = (grant: Partial<Grant> & Pick<Grant, 'role'>): Actor =>
  buildActor(
    { id: 1, username: grant.role, displayName: grant.role },
    [{ regionCode: null, chainId: null, firmId: null, ...grant }],
    'session',
  );

const ADMIN = actor({ role: 'province_admin' });
const ANALYST = actor({ role: 'province_analyst' });
const CHAIN_BETA = actor({ role: 'chain_leader', chainId: 'beta' });
const CITY_HZ = actor({ role: 'city', regionCode: '330100' });
const COUNTY_BEILUN = actor({ role: 'county', regionCode: '330206' });
const FIRM_2 = actor({ role: 'firm', firmId: 2 });
const VIEWER = actor({ role: 'viewer' });

const withServices = { ...tinyDataset, ...tinyServices };
const ids = (rows: Array<{ id: number }>) => rows.map((r) => r.id).sort();

for (const backend of testBackends()) {
  describe(`chain services on ${backend.name}`, () => {
    let database: Database;
    beforeAll(async () => {
      database = await backend.open();
      await upsertRegions(database.query, listZhejiangRegions());
      await savePlanPack(database.query, tinyPlan, tinyNodes, []);
      await database.transaction(({ query }) => replaceDataset(query, withServices));
    });
    afterAll(async () => {
      await database?.close();
    });

    it('lists the projects each scope reads: its firms, and firmless projects in its counties or chains', async () => {
      // tiny-dataset.ts (tinyServices): projects 1 (firm 1, 西湖区), 2 (no firm, 鄞州区), 3 (firm 2, 北仑区) on alpha;
      // 4 (firm 3, 北仑区), 5 (no firm, 西湖区) on beta.
      const seen = async (a: Actor, chain: string) =>
        ids(await listChainProjects(database, a, 'tiny', chain));
      expect(await seen(ADMIN, 'alpha')).toEqual([1, 2, 3]);
      expect(await seen(ADMIN, 'beta')).toEqual([4, 5]);
      // Beta's leader reads firms 2 and 3 (firm 2 is listed under beta.b1) and beta's firmless project.
      expect(await seen(CHAIN_BETA, 'alpha')).toEqual([3]);
      expect(await seen(CHAIN_BETA, 'beta')).toEqual([4, 5]);
      // Hangzhou: firm 1's project, and the firmless one in 西湖区 (a county of the city).
      expect(await seen(CITY_HZ, 'alpha')).toEqual([1]);
      expect(await seen(CITY_HZ, 'beta')).toEqual([5]);
      // 北仑区: project 3 lies in the county but is firm 2's, which the county does not read.
      expect(await seen(COUNTY_BEILUN, 'alpha')).toEqual([]);
      expect(await seen(COUNTY_BEILUN, 'beta')).toEqual([4]);
      // A firm reads its own projects only, never a firmless one.
      expect(await seen(FIRM_2, 'alpha')).toEqual([3]);
      expect(await seen(FIRM_2, 'beta')).toEqual([]);
    });

    it('gives a project whole, with its firm, and filters by node and stage', async () => {
      const [p] = await listChainProjects(database, ADMIN, 'tiny', 'alpha', { nodeId: 'alpha.a2' });
      expect(p).toMatchObject({
        id: 3,
        name: '北仑甲二扩能项目',
        nodeId: 'alpha.a2',
        nodeNameZh: '甲二',
        countyCode: '330206',
        countyNameZh: '北仑区',
        cityCode: '330200',
        investmentYi: 2,
        stage: 'signed',
        startYear: 2024,
        firm: { id: 2, name: '甲二公司' },
      });
      expect(ids(await listChainProjects(database, ADMIN, 'tiny', 'alpha', { stage: 'planned' }))).toEqual([
        2,
      ]);
      expect((await getChainProject(database, ADMIN, 'tiny', 'alpha', 2)).firm).toBeNull();
    });

    it('answers 404 for a project out of scope, of another chain, or of an unknown chain', async () => {
      const status = (p: Promise<unknown>) =>
        p.then(
          () => 200,
          (e: unknown) => (e instanceof AppError ? e.status : 500),
        );
      expect(await status(getChainProject(database, CITY_HZ, 'tiny', 'alpha', 1))).toBe(200);
      expect(await status(getChainProject(database, CITY_HZ, 'tiny', 'alpha', 2))).toBe(404);
      expect(await status(getChainProject(database, CITY_HZ, 'tiny', 'alpha', 3))).toBe(404);
      expect(await status(getChainProject(database, ADMIN, 'tiny', 'alpha', 4))).toBe(404);
      expect(await status(listChainProjects(database, ADMIN, 'tiny', 'gamma'))).toBe(404);
      expect(await status(listChainProjects(database, VIEWER, 'tiny', 'alpha'))).toBe(403);
      expect(await status(getChainServicesSummary(database, FIRM_2, 'tiny', 'alpha'))).toBe(403);
    });

    it('lists first-of-a-kind products of firms in scope only', async () => {
      const seen = async (a: Actor, chain: string) => ids(await listFirstOfKind(database, a, 'tiny', chain));
      expect(await seen(ADMIN, 'alpha')).toEqual([1, 2]);
      expect(await seen(CHAIN_BETA, 'alpha')).toEqual([2]);
      expect(await seen(CITY_HZ, 'alpha')).toEqual([1]);
      expect(await seen(COUNTY_BEILUN, 'alpha')).toEqual([]);
      expect(await seen(COUNTY_BEILUN, 'beta')).toEqual([3]);
      const [p] = await listFirstOfKind(database, ADMIN, 'tiny', 'beta');
      expect(p).toMatchObject({
        product: '乙一新材料',
        firmName: '乙一公司',
        kind: 'material',
        level: 'international',
      });
      expect(ids(await listFirstOfKind(database, ADMIN, 'tiny', 'alpha', { kind: 'software' }))).toEqual([2]);
    });

    it('lists communities whose leader is in scope, counting every member but naming only readable ones', async () => {
      expect(await listCommunities(database, CHAIN_BETA, 'tiny', 'alpha')).toEqual([]);
      const [alpha] = await listCommunities(database, CITY_HZ, 'tiny', 'alpha');
      expect(alpha).toMatchObject({
        id: 1,
        leader: { id: 1, name: '甲一公司' },
        foundedYear: 2022,
        members: 3,
        byRole: { leader: 1, supplier: 1, customer: 0, partner: 1 },
      });
      expect(alpha!.byCity.map((c) => [c.cityCode, c.nameZh, c.members])).toEqual([
        ['330200', '宁波市', 2],
        ['330100', '杭州市', 1],
      ]);
      expect(alpha!.byNode.map((n) => [n.nodeId, n.members])).toEqual([
        ['alpha.a1', 1],
        ['alpha.a2', 1],
        ['beta.b1', 1],
      ]);
      // Hangzhou reads firm 1 only: firms 2 and 3 (Ningbo) are counted, not named.
      expect(alpha!.listed.map((m) => [m.firmId, m.name, m.role])).toEqual([[1, '甲一公司', 'leader']]);
      const [beta] = await listCommunities(database, CHAIN_BETA, 'tiny', 'beta');
      expect(beta!.listed.map((m) => [m.firmId, m.role])).toEqual([
        [3, 'leader'],
        [2, 'customer'],
      ]);
      // Firm 2 is a member of community 2 but does not read its leader (firm 3).
      expect(await listCommunities(database, FIRM_2, 'tiny', 'beta')).toEqual([]);
    });

    it('counts projects per node and stage for viewers, withholds sums on one firm, names no firm', async () => {
      const summary = await getChainServicesSummary(database, VIEWER, 'tiny', 'alpha');
      // Every sum rests on one firm or firmless project: withheld from a viewer, the counts stay.
      expect(summary.projects).toEqual([
        { nodeId: 'alpha.a1', stage: 'planned', projects: 1, investmentYi: null, suppressed: true },
        {
          nodeId: 'alpha.a1',
          stage: 'under_construction',
          projects: 1,
          investmentYi: null,
          suppressed: true,
        },
        { nodeId: 'alpha.a2', stage: 'signed', projects: 1, investmentYi: null, suppressed: true },
      ]);
      // A province-wide official reads every firm: nothing withheld.
      const analyst = await getChainServicesSummary(database, ANALYST, 'tiny', 'alpha');
      expect(analyst.projects).toEqual([
        { nodeId: 'alpha.a1', stage: 'planned', projects: 1, investmentYi: 1.25, suppressed: false },
        {
          nodeId: 'alpha.a1',
          stage: 'under_construction',
          projects: 1,
          investmentYi: 3.5,
          suppressed: false,
        },
        { nodeId: 'alpha.a2', stage: 'signed', projects: 1, investmentYi: 2, suppressed: false },
      ]);
      // Hangzhou reads firm 1 (its only contributor at alpha.a1 under construction), not the firmless
      // project in 鄞州区 nor firm 2.
      const city = await getChainServicesSummary(database, CITY_HZ, 'tiny', 'alpha');
      expect(city.projects.map((p) => [p.nodeId, p.stage, p.investmentYi])).toEqual([
        ['alpha.a1', 'planned', null],
        ['alpha.a1', 'under_construction', 3.5],
        ['alpha.a2', 'signed', null],
      ]);
      expect(summary.firstOfKind).toEqual([
        { nodeId: 'alpha.a1', kind: 'equipment', products: 1 },
        { nodeId: 'alpha.a2', kind: 'software', products: 1 },
      ]);
      expect(summary.communities).toEqual({ communities: 1, members: 3 });
      expect(JSON.stringify(summary)).not.toMatch(/公司|firm/i);
    });

    it('shows which gaps have projects: totals for every reader, the projects for those who read them', async () => {
      // alpha.a1 is the map's gap (flags: ['gap']); alpha.a2 is neither a gap nor import-dependent.
      const viewer = await getChainGaps(database, VIEWER, 'tiny', 'alpha', '2025-03');
      expect(viewer.nodes.map((n) => n.nodeId)).toEqual(['alpha.a1']);
      // The node's investment rests on firm 1 and one firmless project: withheld from a viewer.
      expect(viewer.nodes[0]).toMatchObject({
        gap: true,
        projects: 2,
        investmentYi: null,
        suppressed: true,
        listed: null,
      });
      expect(viewer.nodes[0]!.byStage).toEqual([
        { stage: 'planned', projects: 1, investmentYi: null, suppressed: true },
        { stage: 'signed', projects: 0, investmentYi: 0, suppressed: false },
        { stage: 'under_construction', projects: 1, investmentYi: null, suppressed: true },
        { stage: 'in_operation', projects: 0, investmentYi: 0, suppressed: false },
      ]);
      expect(viewer).toMatchObject({ withProjects: 1, withoutProjects: 0 });
      // The province-wide analyst reads firm 1 and the firmless project: shown.
      const analyst = await getChainGaps(database, ANALYST, 'tiny', 'alpha', '2025-03');
      expect(analyst.nodes[0]).toMatchObject({ investmentYi: 4.75, suppressed: false });
      expect(analyst.nodes[0]!.byStage.map((c) => c.investmentYi)).toEqual([1.25, 0, 3.5, 0]);
      // Hangzhou gets the same totals and the one project of the two it reads.
      const city = await getChainGaps(database, CITY_HZ, 'tiny', 'alpha', '2025-03');
      expect(city.nodes[0]!.projects).toBe(2);
      expect(city.nodes[0]!.listed!.map((p) => p.id)).toEqual([1]);
      const beta = await getChainGaps(database, CHAIN_BETA, 'tiny', 'alpha', '2025-03');
      expect(beta.nodes[0]!.listed).toEqual([]);
    });

    it('withholds a stage cell a shown node total and a withheld cell would give back (secondary)', async () => {
      // alpha.a1 (the gap) with eight contributors: under construction firm 1 (西湖区) and five firmless
      // projects, three in Hangzhou and three in Ningbo counting firm 1; planned only project 2 (鄞州区,
      // Ningbo); signed only project 11 (拱墅区, Hangzhou). Planned and signed rest on one each; the node's
      // total (eight, none dominant; four unread by either city) is shown, so the viewer would get their
      // sum (2.05) back from it and the under-construction cell: that cell is withheld too.
      const firmless = (
        id: number,
        countyCode: string,
        investmentYi: number,
        stage = 'under_construction',
      ) => ({
        ...tinyServices.projects[1]!,
        id,
        name: `项目${id}`,
        countyCode,
        investmentYi,
        stage: stage as 'under_construction',
        startYear: 2024,
      });
      const secondary = {
        ...withServices,
        projects: [
          ...tinyServices.projects,
          firmless(6, '330102', 2),
          firmless(7, '330108', 1.5),
          firmless(8, '330203', 1.75),
          firmless(9, '330205', 1.25),
          firmless(10, '330206', 1),
          firmless(11, '330105', 0.8, 'signed'),
        ],
      };
      await database.transaction(({ query }) => replaceDataset(query, secondary));
      try {
        const cells = async (a: Actor) => {
          const [node] = (await getChainGaps(database, a, 'tiny', 'alpha', '2025-03')).nodes;
          return [node!.investmentYi, ...node!.byStage.map((c) => c.investmentYi)];
        };
        // Total; planned, signed, under construction, in operation.
        expect(await cells(VIEWER)).toEqual([13.05, null, null, null, 0]);
        expect(await cells(ANALYST)).toEqual([13.05, 1.25, 0.8, 11, 0]);
        // Hangzhou reads project 11 whole (signed); the other two stay withheld.
        expect(await cells(CITY_HZ)).toEqual([13.05, null, 0.8, null, 0]);
        // The summary agrees with the gap view.
        const summary = await getChainServicesSummary(database, VIEWER, 'tiny', 'alpha');
        expect(summary.projects.filter((p) => p.nodeId === 'alpha.a1').map((p) => p.suppressed)).toEqual([
          true,
          true,
          true,
        ]);
      } finally {
        await database.transaction(({ query }) => replaceDataset(query, withServices));
      }
    });

    it('counts a gap without projects as one that has none', async () => {
      const moved = {
        ...withServices,
        projects: tinyServices.projects.map((p) =>
          p.nodeId === 'alpha.a1' ? { ...p, nodeId: 'alpha.a2' } : p,
        ),
      };
      await database.transaction(({ query }) => replaceDataset(query, moved));
      try {
        const gaps = await getChainGaps(database, ADMIN, 'tiny', 'alpha', '2025-03');
        expect(gaps.nodes[0]).toMatchObject({ nodeId: 'alpha.a1', projects: 0, investmentYi: 0, listed: [] });
        expect(gaps).toMatchObject({ withProjects: 0, withoutProjects: 1 });
      } finally {
        await database.transaction(({ query }) => replaceDataset(query, withServices));
      }
    });
  });
}
