import {
  actOnRiskCase,
  type CoverageCounts,
  type FirmInputFindings,
  getRiskCase,
  getRiskSummary,
  listRiskCases,
  type NodeImportFindings,
  type RestrictedOriginMatch,
  type RiskCaseDetail,
  type RiskCaseView,
  riskListRules,
  scanRisks,
} from '@chainbrain/app';
import {
  BUNDLED_PLAN_ID,
  CASE_ACTIONS,
  CASE_LEVELS,
  CASE_STATUSES,
  NOTE_MAX,
  RESOLUTION_MEASURES,
  regionCodeSchema,
} from '@chainbrain/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { needs } from '../auth/access-rule.js';
import { DEADLINE_CHECK_MS } from '../case-deadlines.js';
import type { ServerContext } from '../context.js';
import { countryNames } from './country-names.js';
import { planQuery, rowId, wholeNumberQuery } from './params.js';
import { ruleSchema } from './rule-schema.js';

const YI = 100_000_000;

/** Purchases of the input from one origin that restricted-origin entries cover (or may), in yuan. */
const restrictedMatchSchema = z.object({
  country: z.string().nullable(),
  hs: z.string(),
  amount_yuan: z.number(),
  entries: z.array(z.object({ country: z.string(), hs: z.string(), source: z.string().nullable() })),
});

const firmInputSchema = z.object({
  kind: z.literal('firm_input'),
  /** Why the firm is watched: large, or the plan's tags (链主, 龙头, 单项冠军, 专精特新) it carries. */
  listed_as: z.object({ size_class: z.string().nullable(), tags: z.array(z.string()) }),
  /** The rules that put the input on the list (cases found before ADR 0024: the supply rule). */
  entered_by: z.array(z.enum(['supply', 'restricted_origin'])),
  /** Restricted-origin exposure at the scan; null on cases found before the list existed. */
  restricted: z
    .object({
      share: z.number(),
      /** 亿元 */
      amount: z.number(),
      unclear_share: z.number(),
      matches: z.array(restrictedMatchSchema),
      unclear_matches: z.array(restrictedMatchSchema),
    })
    .nullable(),
  year: z.string(),
  essentiality: z.number(),
  /** 亿元 */
  total: z.number(),
  suppliers: z.number(),
  largest_share: z.number(),
  largest_kind: z.enum(['firm', 'foreign', 'out_of_province']).nullable(),
  largest_country: z.string().nullable(),
  largest_country_name_zh: z.string().nullable(),
  largest_country_name_en: z.string().nullable(),
  foreign_share: z.number(),
  backup_status: z.enum(['same_standard_ready', 'lower_standard_ready', 'in_qualification', 'none']),
  registered_backups: z.number(),
  best_backup: z
    .object({
      standard: z.enum(['same', 'lower']),
      state: z.enum(['registered', 'qualifying', 'qualified']),
      lead_time_weeks: z.number(),
    })
    .nullable(),
  rules: z.array(ruleSchema),
});

const nodeImportSchema = z.object({
  kind: z.literal('node_import'),
  month: z.string(),
  window: z.array(z.string()),
  held_in: z.array(z.string()),
  persistence: z.object({ k: z.number(), n: z.number() }),
  years: z.array(
    z.object({
      year: z.string(),
      hhi: z.number(),
      top_origin: z.string().nullable(),
      top_origin_name_zh: z.string().nullable(),
      top_origin_name_en: z.string().nullable(),
      top_share: z.number(),
      import_dependence: z.number().nullable(),
      import_export_ratio: z.number(),
      flagged: z.boolean().nullable(),
    }),
  ),
  rules: z.array(ruleSchema),
  shared_hs_codes: z.array(z.object({ code: z.string(), node_ids: z.array(z.string()) })),
});

const caseSchema = z.object({
  id: z.number(),
  kind: z.enum(['firm_input', 'node_import']),
  firm_id: z.number().nullable(),
  firm_name: z.string().nullable(),
  county_code: z.string().nullable(),
  city_code: z.string().nullable(),
  chain_id: z.string(),
  node_id: z.string(),
  node_name_zh: z.string(),
  node_name_en: z.string(),
  severity: z.enum(['high', 'medium']),
  status: z.enum(CASE_STATUSES),
  level: z.enum(CASE_LEVELS),
  /** When the case entered its current step, and when that step is due (ISO 8601). */
  step_since: z.string(),
  due_at: z.string().nullable(),
  overdue: z.boolean(),
  /** Whether the latest scan still finds the risk. */
  condition_holds: z.boolean(),
  first_scan_id: z.number(),
  last_seen_scan_id: z.number(),
  detected_at: z.string(),
  closed_at: z.string().nullable(),
  /** What the caller may do now. */
  actions: z.array(z.enum(CASE_ACTIONS)),
  findings: z.discriminatedUnion('kind', [firmInputSchema, nodeImportSchema]),
});

const eventSchema = z.object({
  id: z.number(),
  at: z.string(),
  actor_name: z.string(),
  kind: z.string(),
  from_status: z.string().nullable(),
  to_status: z.string(),
  from_level: z.string().nullable(),
  to_level: z.string(),
  note: z.string().nullable(),
  /** An internal note (内部备注): only the case's offices get it; the firm's history leaves it out. */
  internal: z.boolean(),
  measure: z.string().nullable(),
  scan_id: z.number().nullable(),
});

const restrictedMatchView = (m: RestrictedOriginMatch): z.infer<typeof restrictedMatchSchema> => ({
  country: m.country,
  hs: m.hs,
  amount_yuan: m.amountYuan,
  entries: m.entries.map((e) => ({ country: e.country, hs: e.hs ?? '', source: e.source ?? null })),
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function findingsView(c: RiskCaseView): z.infer<typeof caseSchema>['findings'] {
  if (c.kind === 'firm_input') {
    const f = c.findings as FirmInputFindings;
    const country = f.largestCountry ? countryNames().get(f.largestCountry) : undefined;
    return {
      kind: 'firm_input',
      listed_as: { size_class: f.listedAs.sizeClass, tags: f.listedAs.tags },
      entered_by: f.enteredBy ?? ['supply'],
      restricted: f.restricted
        ? {
            share: f.restricted.share,
            amount: f.restricted.amountYuan / YI,
            unclear_share: f.restricted.unclearShare,
            matches: f.restricted.matches.map(restrictedMatchView),
            unclear_matches: f.restricted.unclearMatches.map(restrictedMatchView),
          }
        : null,
      year: f.year,
      essentiality: f.essentiality,
      total: f.totalYuan / YI,
      suppliers: f.suppliers,
      largest_share: f.largestShare,
      largest_kind: f.largestKind,
      largest_country: f.largestCountry,
      largest_country_name_zh: f.largestCountry ? (country?.name_zh ?? f.largestCountry) : null,
      largest_country_name_en: f.largestCountry ? (country?.name_en ?? f.largestCountry) : null,
      foreign_share: f.foreignShare,
      backup_status: f.backupStatus,
      registered_backups: f.registeredBackups,
      best_backup: f.bestBackup
        ? {
            standard: f.bestBackup.standard,
            state: f.bestBackup.state,
            lead_time_weeks: f.bestBackup.leadTimeWeeks,
          }
        : null,
      rules: f.rules,
    };
  }
  const f = c.findings as NodeImportFindings;
  return {
    kind: 'node_import',
    month: f.month,
    window: f.window,
    held_in: f.heldIn,
    persistence: f.persistence,
    years: f.years.map((y) => ({
      year: y.year,
      hhi: y.hhi,
      top_origin: y.topOrigin,
      top_origin_name_zh: y.topOrigin ? (countryNames().get(y.topOrigin)?.name_zh ?? y.topOrigin) : null,
      top_origin_name_en: y.topOrigin ? (countryNames().get(y.topOrigin)?.name_en ?? y.topOrigin) : null,
      top_share: y.topShare,
      import_dependence: y.importDependence,
      import_export_ratio: y.importExportRatio,
      flagged: y.flagged,
    })),
    rules: f.rules,
    shared_hs_codes: f.sharedHsCodes.map((s) => ({ code: s.code, node_ids: s.nodeIds })),
  };
}

export function caseView(c: RiskCaseView): z.infer<typeof caseSchema> {
  return {
    id: c.id,
    kind: c.kind,
    firm_id: c.firmId,
    firm_name: c.firmName,
    county_code: c.countyCode,
    city_code: c.cityCode,
    chain_id: c.chainId,
    node_id: c.nodeId,
    node_name_zh: c.nodeNameZh,
    node_name_en: c.nodeNameEn,
    severity: c.severity,
    status: c.status,
    level: c.level,
    step_since: c.stepSince.toISOString(),
    due_at: iso(c.dueAt),
    overdue: c.overdue,
    condition_holds: c.conditionHolds,
    first_scan_id: c.firstScanId,
    last_seen_scan_id: c.lastSeenScanId,
    detected_at: c.detectedAt.toISOString(),
    closed_at: iso(c.closedAt),
    actions: c.actions,
    findings: findingsView(c),
  };
}

const detailView = (c: RiskCaseDetail) => ({
  ...caseView(c),
  events: c.events.map((e) => ({
    id: e.id,
    at: e.at.toISOString(),
    actor_name: e.actorName,
    kind: e.kind,
    from_status: e.fromStatus,
    to_status: e.toStatus,
    from_level: e.fromLevel,
    to_level: e.toLevel,
    note: e.note,
    internal: e.internal,
    measure: e.measure,
    scan_id: e.scanId,
  })),
  internal_notes: c.internalNotes,
});

const boolQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

/** The risk list's filters (shared by the list and its spreadsheet). */
export const riskFiltersQuery = z.object({
  plan: planQuery.default(BUNDLED_PLAN_ID),
  // One status, or several separated by commas ("open,responding").
  status: z
    .string()
    .max(60)
    .transform((v) => v.split(',').filter(Boolean))
    .pipe(z.array(z.enum(CASE_STATUSES)).max(4))
    .optional(),
  level: z.enum(CASE_LEVELS).optional(),
  kind: z.enum(['firm_input', 'node_import']).optional(),
  severity: z.enum(['high', 'medium']).optional(),
  chain: z.string().max(100).optional(),
  region: regionCodeSchema.optional(),
  firm: rowId.optional(),
  overdue: boolQuery.optional(),
  cleared: boolQuery.optional(),
  /** Held above the level the case started at (moved up by an office or a deadline). */
  escalated: boolQuery.optional(),
  q: z.string().max(100).optional(),
});

export function riskFilterOf(q: z.infer<typeof riskFiltersQuery>) {
  return {
    statuses: q.status,
    level: q.level,
    kind: q.kind,
    severity: q.severity,
    chainId: q.chain,
    regionCode: q.region,
    firmId: q.firm,
    overdue: q.overdue,
    cleared: q.cleared,
    escalated: q.escalated,
    text: q.q?.trim() || undefined,
  };
}

const coverageSchema = z.object({
  /** Critical inputs (rated 2) of the firms the list watches, and how many have which backup. */
  inputs: z.number(),
  same_standard_ready: z.number(),
  lower_standard_ready: z.number(),
  in_qualification: z.number(),
  none: z.number(),
  /** Of them, on the list. */
  at_risk: z.number(),
});
const coverageView = (c: CoverageCounts) => ({
  inputs: c.inputs,
  same_standard_ready: c.sameStandardReady,
  lower_standard_ready: c.lowerStandardReady,
  in_qualification: c.inQualification,
  none: c.none,
  at_risk: c.atRisk,
});

const countsSchema = z.object({ total: z.number(), open: z.number(), overdue: z.number(), high: z.number() });

/** The supply-disruption risk list (断供风险清单) and its closed-loop handling (ADR 0021). */
export function risksRoutes({ database }: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const read = needs('firms:read');
    app.get(
      '/api/v1/risks',
      {
        config: { access: read },
        schema: {
          tags: ['risks'],
          summary: 'The risk list in my scope, paged / 断供风险清单（按权限范围）',
          querystring: riskFiltersQuery.extend({
            page: wholeNumberQuery(1, 1_000_000, 1),
            page_size: wholeNumberQuery(1, 200, 50),
          }),
          response: {
            200: z.object({
              total: z.number(),
              page: z.number(),
              page_size: z.number(),
              items: z.array(caseSchema),
            }),
          },
        },
      },
      async (request) => {
        const q = request.query;
        const { total, cases } = await listRiskCases(database, request.actor, q.plan, riskFilterOf(q), {
          offset: (q.page - 1) * q.page_size,
          limit: q.page_size,
        });
        return { total, page: q.page, page_size: q.page_size, items: cases.map(caseView) };
      },
    );

    app.get(
      '/api/v1/risks/summary',
      {
        config: { access: read },
        schema: {
          tags: ['risks'],
          summary: 'Counts of the risk list in my scope / 风险清单统计',
          querystring: z.object({ plan: planQuery.default(BUNDLED_PLAN_ID) }),
          response: {
            200: z.object({
              by_status: z.record(z.enum(CASE_STATUSES), z.number()),
              open_by_level: z.record(z.enum(CASE_LEVELS), z.number()),
              overdue: z.number(),
              escalated: z.number(),
              cleared: z.number(),
              high: z.number(),
              by_kind: z.object({ firm_input: countsSchema, node_import: countsSchema }),
              by_city: z.array(countsSchema.extend({ city_code: z.string() })),
              by_county: z.array(countsSchema.extend({ county_code: z.string() })),
              by_chain: z.array(countsSchema.extend({ chain_id: z.string() })),
              /** Backup coverage at the latest scan over my scope; null before the first scan. */
              backup_coverage: z
                .object({
                  scan_id: z.number(),
                  total: coverageSchema,
                  by_chain: z.array(coverageSchema.extend({ chain_id: z.string() })),
                })
                .nullable(),
              /** The province's counts and the actor only for province-wide callers (null for others). */
              scans: z.array(
                z.object({
                  id: z.number(),
                  ran_at: z.string(),
                  actor_name: z.string().nullable(),
                  data_month: z.string().nullable(),
                  found: z.number().nullable(),
                  added: z.number().nullable(),
                  cleared: z.number().nullable(),
                  recurred: z.number().nullable(),
                  millis: z.number().nullable(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const s = await getRiskSummary(database, request.actor, request.query.plan);
        return {
          by_status: s.byStatus,
          open_by_level: s.openByLevel,
          overdue: s.overdue,
          escalated: s.escalated,
          cleared: s.cleared,
          high: s.high,
          by_kind: s.byKind,
          by_city: s.byCity.map(({ cityCode, ...c }) => ({ city_code: cityCode, ...c })),
          by_county: s.byCounty.map(({ countyCode, ...c }) => ({ county_code: countyCode, ...c })),
          by_chain: s.byChain.map(({ chainId, ...c }) => ({ chain_id: chainId, ...c })),
          backup_coverage: s.backupCoverage
            ? {
                scan_id: s.backupCoverage.scanId,
                total: coverageView(s.backupCoverage.total),
                by_chain: s.backupCoverage.byChain.map((c) => ({ chain_id: c.chainId, ...coverageView(c) })),
              }
            : null,
          scans: s.scans.map((r) => ({
            id: r.id,
            ran_at: r.ranAt.toISOString(),
            actor_name: r.actorName,
            data_month: r.dataMonth,
            found: r.counts?.found ?? null,
            added: r.counts?.added ?? null,
            cleared: r.counts?.cleared ?? null,
            recurred: r.counts?.recurred ?? null,
            millis: r.counts?.millis ?? null,
          })),
        };
      },
    );

    app.get(
      '/api/v1/risks/rules',
      {
        config: { access: read },
        schema: {
          tags: ['risks'],
          summary: 'The rules the risk list is made and handled by / 风险清单的列入规则与处置时限',
          response: {
            200: z.object({
              firms: z.object({
                size_classes: z.array(z.string()),
                key_tags: z.array(z.string()),
                min_essentiality: z.number(),
              }),
              firm_input: z.object({
                single_source: z.number(),
                foreign_share: z.number(),
                max_switch_weeks: z.number(),
              }),
              /**
               * A critical input bought from a restricted origin (ADR 0024) enters at a share above
               * min_share; high from high_share, medium below.
               */
              restricted_origin: z.object({ min_share: z.number(), high_share: z.number() }),
              node_import: z.object({
                hhi: z.number(),
                dependence: z.number(),
                import_export: z.number(),
                k: z.number(),
                n: z.number(),
              }),
              deadlines: z.object({
                respond: z.record(z.enum(CASE_LEVELS), z.number()),
                resolve: z.number(),
                confirm: z.number(),
                /** Years whose holiday schedule the working days follow (responding, confirming). */
                schedule_years: z.array(z.number()),
                /** How often the server moves overdue cases up. */
                check_minutes: z.number(),
              }),
            }),
          },
        },
      },
      async () => {
        const r = riskListRules();
        return {
          firms: {
            size_classes: r.firms.sizeClasses,
            key_tags: r.firms.keyTags,
            min_essentiality: r.firms.minEssentiality,
          },
          firm_input: {
            single_source: r.firmInput.singleSource,
            foreign_share: r.firmInput.foreignShare,
            max_switch_weeks: r.firmInput.maxSwitchWeeks,
          },
          restricted_origin: {
            min_share: r.restrictedOrigin.minShare,
            high_share: r.restrictedOrigin.highShare,
          },
          node_import: {
            hhi: r.nodeImport.hhi,
            dependence: r.nodeImport.dependence,
            import_export: r.nodeImport.importExport,
            k: r.nodeImport.k,
            n: r.nodeImport.n,
          },
          deadlines: {
            respond: r.deadlines.respond,
            resolve: r.deadlines.resolve,
            confirm: r.deadlines.confirm,
            schedule_years: r.deadlines.scheduleYears,
            check_minutes: DEADLINE_CHECK_MS / 60_000,
          },
        };
      },
    );

    app.post(
      '/api/v1/risks/scans',
      {
        config: { access: needs('plans:manage') },
        schema: {
          tags: ['risks'],
          summary: 'Run the risk rules now and update the list / 立即扫描并更新风险清单',
          querystring: z.object({ plan: planQuery.default(BUNDLED_PLAN_ID) }),
          response: {
            200: z.object({
              scan_id: z.number(),
              data_month: z.string().nullable(),
              found: z.number(),
              added: z.number(),
              cleared: z.number(),
              recurred: z.number(),
              millis: z.number(),
            }),
          },
        },
      },
      async (request) => {
        const r = await scanRisks(database, request.actor, request.query.plan);
        return {
          scan_id: r.scanId,
          data_month: r.dataMonth,
          found: r.found,
          added: r.added,
          cleared: r.cleared,
          recurred: r.recurred,
          millis: r.millis,
        };
      },
    );

    const detailSchema = caseSchema.extend({
      events: z.array(eventSchema),
      /** Whether I read and may write internal notes (the case's offices; never the firm). */
      internal_notes: z.boolean(),
    });
    app.get(
      '/api/v1/risks/:caseId',
      {
        config: { access: read },
        schema: {
          tags: ['risks'],
          summary: 'One risk case with its history (404 outside my scope) / 风险事项及处置记录',
          params: z.object({ caseId: rowId }),
          querystring: z.object({ plan: planQuery.default(BUNDLED_PLAN_ID) }),
          response: { 200: detailSchema },
        },
      },
      async (request) =>
        detailView(await getRiskCase(database, request.actor, request.query.plan, request.params.caseId)),
    );

    app.post(
      '/api/v1/risks/:caseId/actions',
      {
        config: { access: read },
        schema: {
          tags: ['risks'],
          summary:
            'Take a step of the closed loop / 处置风险事项（响应、上报、化解、销号、驳回、重新打开、备注）',
          params: z.object({ caseId: rowId }),
          querystring: z.object({ plan: planQuery.default(BUNDLED_PLAN_ID) }),
          body: z.strictObject({
            action: z.enum(CASE_ACTIONS),
            note: z
              .string()
              .max(NOTE_MAX, `a note of at most ${NOTE_MAX} characters / 说明最多 ${NOTE_MAX} 个字`)
              .nullable()
              .optional(),
            measure: z.enum(RESOLUTION_MEASURES).nullable().optional(),
            /**
             * Internal (内部备注): only on a comment, only by the case's offices; the firm never reads it.
             * The other steps' notes explain the measures to the firm and are never internal.
             */
            internal: z
              .boolean({ error: 'internal is true or false / 内部备注须为 true 或 false' })
              .default(false),
          }),
          response: { 200: detailSchema },
        },
      },
      async (request) =>
        detailView(
          await actOnRiskCase(
            database,
            request.actor,
            request.query.plan,
            request.params.caseId,
            request.body,
          ),
        ),
    );
  };
}
