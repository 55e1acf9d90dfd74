import { getFirmSupply, type SupplierRef, type SupplyRestrictedMatch } from '@chainbrain/app';
import { BUNDLED_PLAN_ID } from '@chainbrain/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { needs } from '../auth/access-rule.js';
import type { ServerContext } from '../context.js';
import { countryNames } from './country-names.js';
import { planQuery, rowId } from './params.js';
import { ruleSchema, ruleValue } from './rule-schema.js';

const supplierSchema = z.object({
  kind: z.enum(['firm', 'foreign', 'out_of_province']),
  /** A firm's id and name, the name only when the caller reads that firm. */
  firm_id: z.number().nullable(),
  name: z.string().nullable(),
  /** A foreign origin's ISO code and names. */
  country: z.string().nullable(),
  country_name_zh: z.string().nullable(),
  country_name_en: z.string().nullable(),
});

const supplierView = (s: SupplierRef): z.infer<typeof supplierSchema> => {
  const country = s.kind === 'foreign' ? countryNames().get(s.country) : undefined;
  return {
    kind: s.kind,
    firm_id: s.kind === 'firm' ? s.id : null,
    name: s.kind === 'firm' ? s.name : null,
    country: s.kind === 'foreign' ? s.country : null,
    country_name_zh: s.kind === 'foreign' ? (country?.name_zh ?? s.country) : null,
    country_name_en: s.kind === 'foreign' ? (country?.name_en ?? s.country) : null,
  };
};

/** Purchases from one origin that restricted-origin list entries cover (or may), with the entries. */
const restrictedMatchSchema = z.object({
  /** ISO code; null for a foreign origin nobody recorded. */
  country: z.string().nullable(),
  country_name_zh: z.string().nullable(),
  country_name_en: z.string().nullable(),
  /** The HS code the purchases were compared under (the node's code, or what its codes share). */
  hs: z.string(),
  /** 亿元 */
  amount: z.number(),
  entries: z.array(z.object({ country: z.string(), hs: z.string(), source: z.string().nullable() })),
});

const restrictedMatchView = (m: SupplyRestrictedMatch): z.infer<typeof restrictedMatchSchema> => {
  const country = m.country ? countryNames().get(m.country) : undefined;
  return {
    country: m.country,
    country_name_zh: m.country ? (country?.name_zh ?? m.country) : null,
    country_name_en: m.country ? (country?.name_en ?? m.country) : null,
    hs: m.hs,
    amount: m.amount,
    entries: m.entries.map((e) => ({ country: e.country, hs: e.hs ?? '', source: e.source ?? null })),
  };
};

/** A firm's supply risk by input: concentration, foreign share and backups (the engine's firm indicators). */
export function firmSupplyRoutes({ database }: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/firms/:firmId/supply',
      {
        config: { access: needs('firms:read') },
        schema: {
          tags: ['firms'],
          summary: 'Supply risk of a firm in my scope, by input / 企业供应风险（按投入环节）',
          params: z.object({ firmId: rowId }),
          querystring: z.object({ plan: planQuery.default(BUNDLED_PLAN_ID) }),
          response: {
            200: z.object({
              firm_id: z.number(),
              /** The calendar year of the purchases; null when the firm has none on record. */
              year: z.string().nullable(),
              inputs: z.array(
                z.object({
                  node_id: z.string(),
                  name_zh: z.string(),
                  name_en: z.string(),
                  essentiality: z.number().nullable(),
                  /** 亿元 */
                  total: z.number(),
                  suppliers: z.number(),
                  largest_share: z.number(),
                  largest: supplierSchema.nullable(),
                  foreign_share: z.number(),
                  backup: z.object({
                    status: z.enum([
                      'same_standard_ready',
                      'lower_standard_ready',
                      'in_qualification',
                      'none',
                    ]),
                    best: z
                      .object({
                        supplier: supplierSchema,
                        standard: z.enum(['same', 'lower']),
                        state: z.enum(['registered', 'qualifying', 'qualified']),
                        lead_time_weeks: z.number(),
                      })
                      .nullable(),
                    registered: z.number(),
                  }),
                  /** Restricted-origin exposure against the stored list (ADR 0024). */
                  restricted: z.object({
                    share: z.number(),
                    /** 亿元 */
                    amount: z.number(),
                    matches: z.array(restrictedMatchSchema),
                    unclear_share: z.number(),
                    /** 亿元 */
                    unclear_amount: z.number(),
                    unclear_matches: z.array(restrictedMatchSchema),
                  }),
                  rules: z.array(ruleSchema),
                  at_risk: z.boolean(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const s = await getFirmSupply(database, request.actor, request.query.plan, request.params.firmId);
        return {
          firm_id: s.firmId,
          year: s.year,
          inputs: s.inputs.map((i) => ({
            node_id: i.nodeId,
            name_zh: i.nameZh,
            name_en: i.nameEn,
            essentiality: i.essentiality,
            total: i.total,
            suppliers: i.suppliers,
            largest_share: i.largestShare,
            largest: i.largest ? supplierView(i.largest) : null,
            foreign_share: i.foreignShare,
            backup: {
              status: i.backup.status,
              best: i.backup.best
                ? {
                    supplier: supplierView(i.backup.best.supplier),
                    standard: i.backup.best.standard,
                    state: i.backup.best.state,
                    lead_time_weeks: i.backup.best.leadTimeWeeks,
                  }
                : null,
              registered: i.backup.registered,
            },
            restricted: {
              share: i.restricted.share,
              amount: i.restricted.amount,
              matches: i.restricted.matches.map(restrictedMatchView),
              unclear_share: i.restricted.unclearShare,
              unclear_amount: i.restricted.unclearAmount,
              unclear_matches: i.restricted.unclearMatches.map(restrictedMatchView),
            },
            rules: i.rules.map((r) => ({ ...r, value: ruleValue(r.value) })),
            at_risk: i.atRisk,
          })),
        };
      },
    );
  };
}
