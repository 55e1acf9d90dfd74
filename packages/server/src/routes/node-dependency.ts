import {
  type DependencyRule,
  getChainDependency,
  getNodeDependency,
  getPlanDependency,
  type NodeDependency,
} from '@chainbrain/app';
import { monthSchema } from '@chainbrain/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { needs } from '../auth/access-rule.js';
import type { ServerContext } from '../context.js';
import { countryNames } from './country-names.js';
import { idParam } from './params.js';
import { findPlanNode } from './plan-node.js';
import { ruleSchema } from './rule-schema.js';

const yearSchema = z.object({
  year: z.string(),
  /** 亿元 */
  imports: z.number(),
  exports: z.number(),
  /** Null when the node's output is hidden from the caller. */
  local_production: z.number().nullable(),
  hhi: z.number(),
  top_origin: z.string().nullable(),
  top_origin_name_zh: z.string().nullable(),
  top_origin_name_en: z.string().nullable(),
  top_share: z.number(),
  import_dependence: z.number().nullable(),
  import_export_ratio: z.number(),
  import_export_capped: z.boolean(),
  flagged: z.boolean().nullable(),
  rules: z.array(ruleSchema),
});

const screenSchema = z.object({
  node_id: z.string(),
  month: z.string(),
  window: z.array(z.string()),
  years: z.array(yearSchema),
  held_in: z.array(z.string()),
  /** Null when undecided (`undecided` says why). */
  flagged: z.boolean().nullable(),
  undecided: z.enum(['no_hs_codes', 'no_full_year', 'withheld']).nullable(),
  fired: z.array(ruleSchema),
  criteria: z.array(z.string()),
  persistence: z.object({ k: z.number(), n: z.number() }),
  thresholds: z.object({
    hhi: z.number(),
    top_share: z.number(),
    dependence: z.number(),
    import_export: z.number(),
  }),
  /** HS codes of the node that other nodes list too: their imports count whole for each node. */
  shared_hs_codes: z.array(z.object({ code: z.string(), node_ids: z.array(z.string()) })),
});

const rule = (r: DependencyRule) => ({ ...r });

/** A screen as the API gives it (snake case, origin names in both languages). */
function screenView(s: NodeDependency): z.infer<typeof screenSchema> {
  return {
    node_id: s.nodeId,
    month: s.month,
    window: s.window,
    years: s.years.map((y) => {
      const origin = y.topOrigin ? countryNames().get(y.topOrigin) : undefined;
      return {
        year: y.year,
        imports: y.imports,
        exports: y.exports,
        local_production: y.localProduction,
        hhi: y.hhi,
        top_origin: y.topOrigin,
        top_origin_name_zh: y.topOrigin ? (origin?.name_zh ?? y.topOrigin) : null,
        top_origin_name_en: y.topOrigin ? (origin?.name_en ?? y.topOrigin) : null,
        top_share: y.topShare,
        import_dependence: y.importDependence,
        import_export_ratio: y.importExportRatio,
        import_export_capped: y.importExportCapped,
        flagged: y.flagged,
        rules: y.rules.map(rule),
      };
    }),
    held_in: s.heldIn,
    flagged: s.flagged,
    undecided: s.undecided,
    fired: s.fired.map(rule),
    criteria: s.criteria,
    persistence: s.persistence,
    thresholds: {
      hhi: s.thresholds.hhi,
      top_share: s.thresholds.topShare,
      dependence: s.thresholds.dependence,
      import_export: s.thresholds.importExport,
    },
    shared_hs_codes: s.sharedHsCodes.map((c) => ({ code: c.code, node_ids: c.nodeIds })),
  };
}

/** Import-dependency screens (ADR 0019) of one node, and of every node on a chain's map at once. */
export function nodeDependencyRoutes({ database }: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/plans/:planId/nodes/:nodeId/dependency',
      {
        config: { access: needs('aggregates:read') },
        schema: {
          tags: ['chains'],
          summary:
            'Import-dependency screen of a node (3 complete years) / 节点进口依赖筛查（近 3 个完整年度）',
          params: z.object({ planId: idParam, nodeId: idParam }),
          querystring: z.object({ month: monthSchema }),
          response: {
            200: screenSchema,
          },
        },
      },
      async (request) => {
        const node = await findPlanNode(database, request.params.planId, request.params.nodeId);
        const s = await getNodeDependency(
          database,
          request.params.planId,
          node,
          request.query.month,
          request.actor.scope,
        );
        return screenView(s);
      },
    );

    app.get(
      '/api/v1/plans/:planId/chains/:chainId/dependency',
      {
        config: { access: needs('aggregates:read') },
        schema: {
          tags: ['chains'],
          summary: 'Import-dependency screens of every node on a chain map / 产业链图谱各节点的进口依赖筛查',
          params: z.object({ planId: idParam, chainId: idParam }),
          querystring: z.object({ month: monthSchema }),
          response: {
            200: z.object({ chain_id: z.string(), month: z.string(), nodes: z.array(screenSchema) }),
          },
        },
      },
      async (request) => {
        const screens = await getChainDependency(
          database,
          request.params.planId,
          request.params.chainId,
          request.query.month,
          request.actor.scope,
        );
        return {
          chain_id: request.params.chainId,
          month: request.query.month,
          nodes: screens.map(screenView),
        };
      },
    );

    app.get(
      '/api/v1/plans/:planId/dependency',
      {
        config: { access: needs('aggregates:read') },
        schema: {
          tags: ['chains'],
          summary: 'Nodes of all chains that fired the import-dependency screen / 十大产业链进口依赖环节清单',
          params: z.object({ planId: idParam }),
          querystring: z.object({ month: monthSchema }),
          response: {
            200: z.object({
              month: z.string(),
              window: z.array(z.string()),
              /** Every node of the plan once: persistently dependent, fired in some years, not, undecided. */
              counts: z.object({
                dependent: z.number(),
                some_years: z.number(),
                clear: z.number(),
                undecided: z.number(),
              }),
              /** The nodes that fired in at least one year (dependent or not), in the plan's order. */
              nodes: z.array(
                screenSchema.extend({ chain_id: z.string(), name_zh: z.string(), name_en: z.string() }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const screens = await getPlanDependency(
          database,
          request.params.planId,
          request.query.month,
          request.actor.scope,
        );
        const fired = screens.filter((s) => s.heldIn.length > 0);
        return {
          month: request.query.month,
          window: screens[0]?.window ?? [],
          counts: {
            dependent: screens.filter((s) => s.flagged === true).length,
            some_years: screens.filter((s) => s.flagged === false && s.heldIn.length > 0).length,
            clear: screens.filter((s) => s.flagged === false && s.heldIn.length === 0).length,
            undecided: screens.filter((s) => s.flagged === null).length,
          },
          nodes: fired.map((s) => ({
            ...screenView(s),
            chain_id: s.chainId,
            name_zh: s.nameZh,
            name_en: s.nameEn,
          })),
        };
      },
    );
  };
}
