import { getChainMap, getChainStats, getNodeStats } from '@chainbrain/app';
import { monthSchema } from '@chainbrain/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { needs, SIGNED_IN } from '../auth/access-rule.js';
import type { ServerContext } from '../context.js';
import { countryNames } from './country-names.js';
import { idParam } from './params.js';
import { findPlanNode } from './plan-node.js';

const mapNodeSchema = z.object({
  id: z.string(),
  name_zh: z.string(),
  name_en: z.string(),
  segment: z.enum(['upstream', 'midstream', 'downstream']),
  chain: z.string(),
  external: z.boolean(),
  hs_codes: z.array(z.string()),
  hs_mappings: z.array(z.object({ code: z.string(), rationale: z.string(), rationale_zh: z.string() })),
  flags: z.array(z.string()),
  description_zh: z.string().nullable(),
  description_en: z.string().nullable(),
  plan_items_zh: z.array(z.string()),
  source: z.boolean(),
});

const mapEdgeSchema = z.object({
  from: z.string(),
  to: z.string(),
  essentiality: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  rationale: z.string().nullable(),
  feedback: z.boolean(),
});

export function chainsRoutes({ database }: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/plans/:planId/chains/:chainId/map',
      {
        config: { access: SIGNED_IN },
        schema: {
          tags: ['chains'],
          summary: 'Chain map: nodes (with external feeders) and rated input edges / 产业链图谱',
          params: z.object({ planId: idParam, chainId: idParam }),
          response: {
            200: z.object({
              chain: z.string(),
              nodes: z.array(mapNodeSchema),
              edges: z.array(mapEdgeSchema),
            }),
          },
        },
      },
      async (request) => {
        const view = await getChainMap(database, request.params.planId, request.params.chainId);
        return {
          chain: view.chain,
          nodes: view.nodes.map((n) => ({
            id: n.id,
            name_zh: n.name_zh,
            name_en: n.name_en,
            segment: n.segment,
            chain: n.chain,
            external: n.external,
            hs_codes: n.hs_codes.map((h) => h.code),
            hs_mappings: n.hs_codes.map((h) => ({
              code: h.code,
              rationale: h.rationale,
              rationale_zh: h.rationale_zh,
            })),
            flags: n.flags,
            description_zh: n.description_zh ?? null,
            description_en: n.description_en ?? null,
            plan_items_zh: n.plan_items_zh ?? [],
            source: n.source === true,
          })),
          edges: view.edges.map((e) => ({
            from: e.from,
            to: e.to,
            essentiality: e.essentiality,
            rationale: e.rationale ?? null,
            feedback: e.feedback === true,
          })),
        };
      },
    );

    app.get(
      '/api/v1/plans/:planId/chains/:chainId/stats',
      {
        config: { access: needs('aggregates:read') },
        schema: {
          tags: ['chains'],
          summary: 'Chain output against target and per-node coverage / 产业链产值与节点覆盖',
          params: z.object({ planId: idParam, chainId: idParam }),
          querystring: z.object({ month: monthSchema }),
          response: {
            200: z.object({
              chain_id: z.string(),
              month: z.string(),
              target_2025: z.number(),
              /** Empty when `suppressed`: the chain rests on one or two firms outside the caller's scope. */
              trailing_12m: z.array(z.object({ period: z.string(), value: z.number() })),
              suppressed: z.boolean(),
              nodes: z.array(
                z.object({
                  node_id: z.string(),
                  firm_count: z.number(),
                  /** Null when `suppressed` (统计保密: one or two firms outside the caller's scope). */
                  output_12m: z.number().nullable(),
                  suppressed: z.boolean(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const s = await getChainStats(
          database,
          request.params.planId,
          request.params.chainId,
          request.query.month,
          request.actor.scope,
        );
        return {
          chain_id: s.chainId,
          month: s.month,
          target_2025: s.target2025,
          trailing_12m: s.trailing12,
          suppressed: s.suppressed,
          nodes: s.nodes.map((n) => ({
            node_id: n.nodeId,
            firm_count: n.firmCount,
            output_12m: n.output12m,
            suppressed: n.suppressed,
          })),
        };
      },
    );

    app.get(
      '/api/v1/plans/:planId/nodes/:nodeId/stats',
      {
        config: { access: needs('aggregates:read') },
        schema: {
          tags: ['chains'],
          summary: 'Node output (24 months) and imports by origin (12 months) / 节点产值与进口来源',
          params: z.object({ planId: idParam, nodeId: idParam }),
          querystring: z.object({ month: monthSchema }),
          response: {
            200: z.object({
              node_id: z.string(),
              month: z.string(),
              /** Empty when `output_suppressed`. */
              output: z.array(z.object({ period: z.string(), value: z.number() })),
              output_suppressed: z.boolean(),
              imports_12m: z.array(
                z.object({
                  country: z.string(),
                  /** The origin's name (ISO 3166-1), or its code when unknown. */
                  country_name_zh: z.string(),
                  country_name_en: z.string(),
                  value: z.number(),
                  share: z.number(),
                }),
              ),
              import_dependence: z.number().nullable(),
            }),
          },
        },
      },
      async (request) => {
        const node = await findPlanNode(database, request.params.planId, request.params.nodeId);
        const s = await getNodeStats(
          database,
          request.params.planId,
          node,
          request.query.month,
          request.actor.scope,
        );
        return {
          node_id: s.nodeId,
          month: s.month,
          output: s.output,
          output_suppressed: s.outputSuppressed,
          imports_12m: s.imports12m.map((r) => {
            const country = countryNames().get(r.country);
            return {
              ...r,
              country_name_zh: country?.name_zh ?? r.country,
              country_name_en: country?.name_en ?? r.country,
            };
          }),
          import_dependence: s.importDependence,
        };
      },
    );
  };
}
