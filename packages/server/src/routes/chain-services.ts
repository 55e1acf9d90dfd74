import {
  type ChainProjectView,
  getChainGaps,
  getChainProject,
  getChainServicesSummary,
  listChainProjects,
  listCommunities,
  listFirstOfKind,
} from '@chainbrain/app';
import { monthSchema } from '@chainbrain/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { needs } from '../auth/access-rule.js';
import type { ServerContext } from '../context.js';
import { idParam, rowId } from './params.js';

const STAGES = ['planned', 'signed', 'under_construction', 'in_operation'] as const;
const KINDS = ['equipment', 'material', 'software'] as const;
const LEVELS = ['international', 'national', 'provincial'] as const;
const ROLES = ['leader', 'supplier', 'customer', 'partner'] as const;

const chainParams = z.object({ planId: idParam, chainId: idParam });

const projectSchema = z.object({
  id: z.number(),
  name: z.string(),
  node_id: z.string(),
  node_name_zh: z.string().nullable(),
  node_name_en: z.string().nullable(),
  county_code: z.string(),
  county_name_zh: z.string(),
  county_name_en: z.string(),
  city_code: z.string().nullable(),
  /** 亿元 */
  investment: z.number(),
  stage: z.enum(STAGES),
  start_year: z.number(),
  /** The investing firm, always one the caller reads; null when the project has none. */
  firm: z.object({ id: z.number(), name: z.string() }).nullable(),
});

const projectView = (p: ChainProjectView): z.infer<typeof projectSchema> => ({
  id: p.id,
  name: p.name,
  node_id: p.nodeId,
  node_name_zh: p.nodeNameZh,
  node_name_en: p.nodeNameEn,
  county_code: p.countyCode,
  county_name_zh: p.countyNameZh,
  county_name_en: p.countyNameEn,
  city_code: p.cityCode,
  investment: p.investmentYi,
  stage: p.stage,
  start_year: p.startYear,
  firm: p.firm,
});

const countSchema = z.object({
  id: z.string(),
  name_zh: z.string().nullable(),
  name_en: z.string().nullable(),
  members: z.number(),
});

/**
 * Chain services (ADR 0022): the 补链 project library, first-of-a-kind products and enterprise communities
 * of a chain. Rows naming a firm need firms:read and come from the caller's scope; the summary and the
 * gap view's figures need aggregates:read and name no firm, and an investment sum that would give a firm's
 * away to the caller is withheld (null, `suppressed`), as the dashboards' cells are (ADR 0015).
 */
export function chainServicesRoutes({ database }: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/plans/:planId/chains/:chainId/projects',
      {
        config: { access: needs('firms:read') },
        schema: {
          tags: ['chains'],
          summary: "A chain's 补链 projects in my scope / 产业链补链项目（权限范围内）",
          params: chainParams,
          querystring: z.object({ node: idParam.optional(), stage: z.enum(STAGES).optional() }),
          response: { 200: z.object({ items: z.array(projectSchema) }) },
        },
      },
      async (request) => {
        const items = await listChainProjects(
          database,
          request.actor,
          request.params.planId,
          request.params.chainId,
          { nodeId: request.query.node, stage: request.query.stage },
        );
        return { items: items.map(projectView) };
      },
    );

    app.get(
      '/api/v1/plans/:planId/chains/:chainId/projects/:projectId',
      {
        config: { access: needs('firms:read') },
        schema: {
          tags: ['chains'],
          summary: 'One 补链 project in my scope / 单个补链项目',
          params: chainParams.extend({ projectId: rowId }),
          response: { 200: projectSchema },
        },
      },
      async (request) =>
        projectView(
          await getChainProject(
            database,
            request.actor,
            request.params.planId,
            request.params.chainId,
            request.params.projectId,
          ),
        ),
    );

    app.get(
      '/api/v1/plans/:planId/chains/:chainId/first-of-kind',
      {
        config: { access: needs('firms:read') },
        schema: {
          tags: ['chains'],
          summary: "A chain's first-of-a-kind products in my scope / 首台套·首批次·首版次产品（权限范围内）",
          params: chainParams,
          querystring: z.object({ node: idParam.optional(), kind: z.enum(KINDS).optional() }),
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.number(),
                  product: z.string(),
                  firm: z.object({ id: z.number(), name: z.string() }),
                  node_id: z.string(),
                  node_name_zh: z.string().nullable(),
                  node_name_en: z.string().nullable(),
                  year: z.number(),
                  kind: z.enum(KINDS),
                  level: z.enum(LEVELS),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const items = await listFirstOfKind(
          database,
          request.actor,
          request.params.planId,
          request.params.chainId,
          {
            nodeId: request.query.node,
            kind: request.query.kind,
          },
        );
        return {
          items: items.map((p) => ({
            id: p.id,
            product: p.product,
            firm: { id: p.firmId, name: p.firmName },
            node_id: p.nodeId,
            node_name_zh: p.nodeNameZh,
            node_name_en: p.nodeNameEn,
            year: p.year,
            kind: p.kind,
            level: p.level,
          })),
        };
      },
    );

    app.get(
      '/api/v1/plans/:planId/chains/:chainId/communities',
      {
        config: { access: needs('firms:read') },
        schema: {
          tags: ['chains'],
          summary:
            "A chain's enterprise communities led by a firm in my scope / 链主企业牵头的上下游企业共同体（权限范围内）",
          params: chainParams,
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.number(),
                  name: z.string(),
                  leader: z.object({ id: z.number(), name: z.string() }),
                  founded_year: z.number(),
                  /** Every member counted, by role, primary node and city; no firm named. */
                  members: z.number(),
                  by_role: z.object({
                    leader: z.number(),
                    supplier: z.number(),
                    customer: z.number(),
                    partner: z.number(),
                  }),
                  by_node: z.array(countSchema),
                  by_city: z.array(countSchema),
                  /** The members the caller reads, named. */
                  listed: z.array(
                    z.object({
                      firm_id: z.number(),
                      name: z.string(),
                      role: z.enum(ROLES),
                      node_id: z.string(),
                      county_code: z.string(),
                      city_code: z.string(),
                    }),
                  ),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const items = await listCommunities(
          database,
          request.actor,
          request.params.planId,
          request.params.chainId,
        );
        return {
          items: items.map((c) => ({
            id: c.id,
            name: c.name,
            leader: c.leader,
            founded_year: c.foundedYear,
            members: c.members,
            by_role: c.byRole,
            by_node: c.byNode.map((n) => ({
              id: n.nodeId,
              name_zh: n.nameZh,
              name_en: n.nameEn,
              members: n.members,
            })),
            by_city: c.byCity.map((n) => ({
              id: n.cityCode,
              name_zh: n.nameZh,
              name_en: n.nameEn,
              members: n.members,
            })),
            listed: c.listed.map((m) => ({
              firm_id: m.firmId,
              name: m.name,
              role: m.role,
              node_id: m.nodeId,
              county_code: m.countyCode,
              city_code: m.cityCode,
            })),
          })),
        };
      },
    );

    app.get(
      '/api/v1/plans/:planId/chains/:chainId/services/summary',
      {
        config: { access: needs('aggregates:read') },
        schema: {
          tags: ['chains'],
          summary:
            "A chain's projects, first-of-a-kind products and communities in figures / 补链项目·首台套·共同体汇总",
          params: chainParams,
          response: {
            200: z.object({
              projects: z.array(
                z.object({
                  node_id: z.string(),
                  stage: z.enum(STAGES),
                  projects: z.number(),
                  /** 亿元; null when `suppressed`. */
                  investment: z.number().nullable(),
                  /** Withheld by the small-cell rule: the sum rests on 1–2 firms the caller cannot read, or is dominated. */
                  suppressed: z.boolean(),
                }),
              ),
              first_of_kind: z.array(
                z.object({ node_id: z.string(), kind: z.enum(KINDS), products: z.number() }),
              ),
              communities: z.object({ communities: z.number(), members: z.number() }),
            }),
          },
        },
      },
      async (request) => {
        const s = await getChainServicesSummary(
          database,
          request.actor,
          request.params.planId,
          request.params.chainId,
        );
        return {
          projects: s.projects.map((p) => ({
            node_id: p.nodeId,
            stage: p.stage,
            projects: p.projects,
            investment: p.investmentYi,
            suppressed: p.suppressed,
          })),
          first_of_kind: s.firstOfKind.map((p) => ({
            node_id: p.nodeId,
            kind: p.kind,
            products: p.products,
          })),
          communities: s.communities,
        };
      },
    );

    app.get(
      '/api/v1/plans/:planId/chains/:chainId/gaps',
      {
        config: { access: needs('aggregates:read') },
        schema: {
          tags: ['chains'],
          summary:
            "A chain's gap and import-dependent nodes with the projects that add capacity there / 短板与进口依赖环节的补链项目",
          params: chainParams,
          querystring: z.object({ month: monthSchema }),
          response: {
            200: z.object({
              chain_id: z.string(),
              month: z.string(),
              with_projects: z.number(),
              without_projects: z.number(),
              nodes: z.array(
                z.object({
                  node_id: z.string(),
                  name_zh: z.string(),
                  name_en: z.string(),
                  segment: z.string(),
                  gap: z.boolean(),
                  /** Null when the screen is undecided or withheld from the caller. */
                  import_dependent: z.boolean().nullable(),
                  projects: z.number(),
                  /** 亿元; null when `suppressed` (counts are never withheld). */
                  investment: z.number().nullable(),
                  suppressed: z.boolean(),
                  by_stage: z.array(
                    z.object({
                      stage: z.enum(STAGES),
                      projects: z.number(),
                      investment: z.number().nullable(),
                      suppressed: z.boolean(),
                    }),
                  ),
                  /** The node's projects the caller reads; null without firms:read. */
                  listed: z.array(projectSchema).nullable(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const g = await getChainGaps(
          database,
          request.actor,
          request.params.planId,
          request.params.chainId,
          request.query.month,
        );
        return {
          chain_id: g.chainId,
          month: g.month,
          with_projects: g.withProjects,
          without_projects: g.withoutProjects,
          nodes: g.nodes.map((n) => ({
            node_id: n.nodeId,
            name_zh: n.nameZh,
            name_en: n.nameEn,
            segment: n.segment,
            gap: n.gap,
            import_dependent: n.importDependent,
            projects: n.projects,
            investment: n.investmentYi,
            suppressed: n.suppressed,
            by_stage: n.byStage.map((s) => ({
              stage: s.stage,
              projects: s.projects,
              investment: s.investmentYi,
              suppressed: s.suppressed,
            })),
            listed: n.listed ? n.listed.map(projectView) : null,
          })),
        };
      },
    );
  };
}
