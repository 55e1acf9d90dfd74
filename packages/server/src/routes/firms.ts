import { getFirmInScope, listFirmsInScope } from '@chainbrain/app';
import { BUNDLED_PLAN_ID, regionCodeSchema } from '@chainbrain/domain';
import type { FirmListRow } from '@chainbrain/store';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { needs } from '../auth/access-rule.js';
import type { ServerContext } from '../context.js';
import { planQuery, rowId, wholeNumberQuery } from './params.js';

const firmSchema = z.object({
  id: z.number(),
  uscc: z.string(),
  name: z.string(),
  county_code: z.string(),
  county_name_zh: z.string(),
  county_name_en: z.string(),
  city_code: z.string(),
  primary_node_id: z.string(),
  primary_node_name_zh: z.string().nullable(),
  primary_node_name_en: z.string().nullable(),
  chain_id: z.string(),
  size_class: z.string(),
  tags: z.array(z.string()),
});

/** The filters of a firm list, shared by the paged list and its spreadsheet export. */
export const firmFiltersQuery = z.object({
  plan: planQuery.default(BUNDLED_PLAN_ID),
  county: regionCodeSchema.optional(),
  city: regionCodeSchema.optional(),
  chain: z.string().max(100).optional(),
  node: z.string().max(100).optional(),
  q: z.string().max(100).optional(),
  // One tag, or several separated by commas for firms carrying any of them ("链主,龙头").
  tag: z
    .string()
    .max(100)
    .transform((v) =>
      v
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().max(20, 'a tag of at most 20 characters / 标签不超过 20 个字符')).max(5))
    .optional(),
});

/** The store's filters from the query string's. */
export function firmFiltersOf(q: z.infer<typeof firmFiltersQuery>) {
  return {
    planId: q.plan,
    countyCode: q.county,
    cityCode: q.city,
    chainId: q.chain,
    nodeId: q.node,
    search: q.q,
    tags: q.tag,
  };
}

const firmView = (f: FirmListRow) => ({
  id: f.id,
  uscc: f.uscc,
  name: f.name,
  county_code: f.countyCode,
  county_name_zh: f.countyNameZh,
  county_name_en: f.countyNameEn,
  city_code: f.cityCode,
  primary_node_id: f.primaryNodeId,
  primary_node_name_zh: f.primaryNodeNameZh,
  primary_node_name_en: f.primaryNodeNameEn,
  chain_id: f.primaryChainId,
  size_class: f.sizeClass,
  tags: f.tags,
});

export function firmsRoutes({ database }: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const access = needs('firms:read');
    app.get(
      '/api/v1/firms',
      {
        config: { access },
        schema: {
          tags: ['firms'],
          summary: 'Firms in my scope, paged / 企业列表（按权限范围）',
          querystring: firmFiltersQuery.extend({
            page: wholeNumberQuery(1, 1_000_000, 1),
            page_size: wholeNumberQuery(1, 200, 50),
          }),
          response: {
            200: z.object({
              total: z.number(),
              page: z.number(),
              page_size: z.number(),
              items: z.array(firmSchema),
            }),
          },
        },
      },
      async (request) => {
        const q = request.query;
        const result = await listFirmsInScope(database, request.actor, {
          ...firmFiltersOf(q),
          page: q.page,
          pageSize: q.page_size,
        });
        return {
          total: result.total,
          page: q.page,
          page_size: q.page_size,
          items: result.rows.map(firmView),
        };
      },
    );

    app.get(
      '/api/v1/firms/:firmId',
      {
        config: { access },
        schema: {
          tags: ['firms'],
          summary: 'One firm in my scope (404 otherwise) / 企业详情',
          params: z.object({ firmId: rowId }),
          querystring: z.object({ plan: planQuery.default(BUNDLED_PLAN_ID) }),
          response: {
            200: firmSchema.extend({
              memberships: z.array(
                z.object({
                  node_id: z.string(),
                  name_zh: z.string(),
                  name_en: z.string(),
                  chain_id: z.string(),
                  is_primary: z.boolean(),
                }),
              ),
              output: z.array(z.object({ period: z.string(), value_yi: z.number() })),
            }),
          },
        },
      },
      async (request) => {
        const firm = await getFirmInScope(database, request.actor, request.query.plan, request.params.firmId);
        return {
          ...firmView(firm),
          memberships: firm.memberships.map((m) => ({
            node_id: m.nodeId,
            name_zh: m.nameZh,
            name_en: m.nameEn,
            chain_id: m.chainId,
            is_primary: m.isPrimary,
          })),
          output: firm.output.map((o) => ({ period: o.period, value_yi: o.valueYuan / 1e8 })),
        };
      },
    );
  };
}
