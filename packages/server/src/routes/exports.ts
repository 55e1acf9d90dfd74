import {
  type Actor,
  AppError,
  exportFirmsInScope,
  exportRiskCases,
  getChainDependency,
  getPlanOverview,
  getRegionSummary,
  notFound,
} from '@chainbrain/app';
import {
  type ChainMaps,
  indexChainNodes,
  monthSchema,
  ROLE_NAMES,
  regionCodeSchema,
} from '@chainbrain/domain';
import {
  findChainNode,
  findPlan,
  findPlanPackJson,
  getMeta,
  listChains,
  listRegions,
} from '@chainbrain/store';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { needs } from '../auth/access-rule.js';
import type { ServerContext } from '../context.js';
import { dependencySheet } from '../exports/dependency-sheet.js';
import { riskSheet, riskSheetTitle } from '../exports/risk-sheet.js';
import { createExportGate } from '../exports/export-gate.js';
import {
  beijingTime,
  type ExportLabels,
  type ExportLang,
  exportLabels,
  sizeLabel,
  tagLabels,
} from '../exports/labels.js';
import { buildWorkbook, type CellValue, type SheetSpec } from '../exports/workbook.js';
import { countryNames } from './country-names.js';
import { firmFiltersOf, firmFiltersQuery } from './firms.js';
import { riskFilterOf, riskFiltersQuery } from './risks.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const langQuery = z.enum(['zh', 'en']).default('zh');
const planParams = z.object({ planId: z.string().min(1).max(100) });

/** Percent figures of the API (12.3) as Excel shares (0.123), so that the cell's format shows 12.3%. */
const share = (pct: number | null) => (pct === null ? null : pct / 100);

function sendWorkbook(reply: FastifyReply, body: Buffer, asciiName: string, localName: string) {
  // The plain name is for clients that ignore filename*: ASCII without quotes or separators.
  const plain = asciiName.replace(/[^\w.-]/g, '-');
  return reply
    .type(XLSX)
    .header('content-disposition', `attachment; filename="${plain}"; filename*=UTF-8''${rfc5987(localName)}`)
    .header('cache-control', 'no-store')
    .send(body);
}

/** RFC 5987 leaves ' ( ) * out of a filename*, which encodeURIComponent passes through. */
const rfc5987 = (text: string) =>
  encodeURIComponent(text).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * An export asked for from another site (a link that starts a download in a signed-in browser) is
 * refused: the audit log would record a firm list the user never asked for. Browsers say where a request
 * came from in Sec-Fetch-Site; clients that do not send it (scripts with a token) are not affected.
 */
function refuseCrossSite(request: FastifyRequest) {
  if (request.headers['sec-fetch-site'] === 'cross-site')
    throw new AppError('forbidden', '不接受来自其他网站的导出请求', 'Exports are not taken from other sites');
}

/** Who asked, when and with which scope: a printed sheet must say what it can be trusted for. */
function aboutCaller(
  actor: Actor,
  labels: ExportLabels,
  lang: ExportLang,
  names: { region: (code: string) => string; chain: (id: string) => string },
) {
  const grants = actor.grants.map((g) =>
    [
      ROLE_NAMES[g.role][lang],
      g.regionCode && names.region(g.regionCode),
      g.chainId && names.chain(g.chainId),
      g.firmId && `#${g.firmId}`,
    ]
      .filter(Boolean)
      .join(' '),
  );
  return [
    [labels.exportedBy, `${actor.displayName} (${actor.username})`],
    [labels.scope, grants.join('; ') || labels.none],
    [labels.exportedAt, beijingTime(labels, new Date().toISOString())],
  ] as Array<[string, string]>;
}

export function exportsRoutes({ database }: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    // Hooks of this plugin hold for its routes only. After authentication and validation: refuse an
    // export started from another site, then take a slot, given back once the answer has gone.
    const gate = createExportGate();
    const holding = new WeakSet<FastifyRequest>();
    app.addHook('preHandler', async (request) => {
      refuseCrossSite(request);
      gate.enter(request.actor.userId);
      holding.add(request);
    });
    app.addHook('onResponse', async (request) => {
      if (holding.delete(request)) gate.leave(request.actor.userId);
    });
    const chainNamer = async (planId: string, lang: ExportLang) => {
      const chains = new Map((await listChains(database.query, planId)).map((c) => [c.id, c]));
      return (id: string) => {
        const c = chains.get(id);
        return c ? (lang === 'zh' ? c.nameZh : c.nameEn) : id;
      };
    };
    const regionNamer = async (lang: ExportLang) => {
      const regions = new Map((await listRegions(database.query)).map((r) => [r.code, r]));
      return (code: string) => {
        const r = regions.get(code);
        return r ? (lang === 'zh' ? r.name_zh : r.name_en) : code;
      };
    };
    /** The plan's title, and which dataset the figures come from (the demo says it is synthetic). */
    const planTitle = async (planId: string, lang: ExportLang) => {
      const plan = await findPlan(database.query, planId);
      if (!plan) throw notFound(`方案 ${planId}`, `plan ${planId}`);
      return lang === 'zh' ? plan.titleZh : plan.titleEn;
    };
    /** A workbook whose 说明 sheet starts with the plan and the dataset and ends with the caller. */
    const workbook = async (
      request: { actor: Actor },
      labels: ExportLabels,
      lang: ExportLang,
      planId: string,
      spec: {
        title: string;
        plan: string;
        about: Array<[string, string]>;
        sheets: SheetSpec[];
        regionName: (code: string) => string;
      },
    ) => {
      const dataset = await getMeta<{ label: string; loadedAt: string }>(database.query, 'dataset');
      const loaded = dataset
        ? `${dataset.label} (${labels.loadedAt} ${beijingTime(labels, dataset.loadedAt)})`
        : labels.none;
      const chain = await chainNamer(planId, lang);
      return buildWorkbook({
        title: spec.title,
        aboutSheetName: labels.about,
        dash: labels.dash,
        withheld: labels.withheld,
        about: [
          [labels.plan, spec.plan],
          [labels.dataset, loaded],
          ...spec.about,
          ...aboutCaller(request.actor, labels, lang, { region: spec.regionName, chain }),
        ],
        sheets: spec.sheets,
      });
    };

    app.get(
      '/api/v1/plans/:planId/overview.xlsx',
      {
        exposeHeadRoute: false,
        config: { access: needs('aggregates:read') },
        schema: {
          tags: ['exports'],
          summary: 'Ten-chain monitoring as an Excel file / 十大产业链月度监测（Excel）',
          params: planParams,
          querystring: z.object({ month: monthSchema, region: regionCodeSchema.optional(), lang: langQuery }),
        },
      },
      async (request, reply) => {
        const { planId } = request.params;
        const { month, region, lang } = request.query;
        const labels = exportLabels(lang);
        const title = await planTitle(planId, lang);
        const overview = await getPlanOverview({
          database,
          planId,
          month,
          scope: request.actor.scope,
          ...(region ? { regionCode: region } : {}),
        });
        const regionName = await regionNamer(lang);
        const row = (name: string, c: (typeof overview.chains)[number] | typeof overview.totals) => ({
          name,
          month: c.month_output,
          ytd: c.ytd_output,
          prev: c.ytd_output_prev,
          yoy: share(c.ytd_yoy_pct),
          trailing: c.trailing_12m_output,
          // The plan's targets are the province's: beside a region's output they would mislead.
          target: region ? null : c.target_2025,
          completion: share(c.completion_pct),
        });
        const sheet: SheetSpec = {
          name: labels.overviewTitle,
          columns: [
            { header: labels.chain, key: 'name', format: 'text', width: 26 },
            { header: labels.monthOutput, key: 'month', format: 'yi' },
            { header: labels.ytdOutput, key: 'ytd', format: 'yi' },
            { header: labels.ytdPrev, key: 'prev', format: 'yi' },
            { header: labels.ytdYoy, key: 'yoy', format: 'percent' },
            { header: labels.trailing12, key: 'trailing', format: 'yi' },
            { header: labels.target, key: 'target', format: 'yi' },
            { header: labels.completion, key: 'completion', format: 'percent' },
          ],
          rows: [
            ...overview.chains.map((c) => row(lang === 'zh' ? c.name_zh : c.name_en, c)),
            row(labels.allChains, overview.totals),
          ],
          notes: [
            labels.withheldNote,
            labels.yoyNote,
            labels.completionNote,
            region ? labels.regionTargetNote : labels.targetNote,
          ],
          withheld: [...overview.chains.map((c) => c.suppressed), overview.totals.suppressed],
        };
        const body = await workbook(request, labels, lang, planId, {
          title: labels.overviewTitle,
          plan: title,
          regionName,
          about: [
            [labels.month, month],
            [labels.region, region ? regionName(region) : labels.province],
            [labels.unit, labels.unitValue],
          ],
          sheets: [sheet],
        });
        const where = region ?? '330000';
        return sendWorkbook(
          reply,
          body,
          `ten-chains_${where}_${month}.xlsx`,
          `${labels.overviewTitle}_${region ? regionName(region) : labels.province}_${month}.xlsx`,
        );
      },
    );

    app.get(
      '/api/v1/plans/:planId/regions/summary.xlsx',
      {
        exposeHeadRoute: false,
        config: { access: needs('aggregates:read') },
        schema: {
          tags: ['exports'],
          summary: 'Output by city and county as an Excel file / 分地区产值（Excel）',
          params: planParams,
          querystring: z.object({
            month: monthSchema,
            chain: z.string().min(1).max(100).optional(),
            lang: langQuery,
          }),
        },
      },
      async (request, reply) => {
        const { planId } = request.params;
        const { month, chain, lang } = request.query;
        const labels = exportLabels(lang);
        const title = await planTitle(planId, lang);
        const summary = await getRegionSummary(database, planId, month, chain, request.actor.scope);
        const regionName = await regionNamer(lang);
        const chains = await listChains(database.query, planId);
        const found = chains.find((c) => c.id === chain);
        const chainName = found ? (lang === 'zh' ? found.nameZh : found.nameEn) : labels.allChains;
        const columns: SheetSpec['columns'] = [
          { header: labels.code, key: 'code', format: 'text', width: 10 },
          { header: labels.name, key: 'name', format: 'text' },
          { header: labels.monthOutput, key: 'month', format: 'yi' },
          { header: labels.ytdOutput, key: 'ytd', format: 'yi' },
          { header: labels.ytdYoy, key: 'yoy', format: 'percent' },
        ];
        const row = (r: (typeof summary.cities)[number]): Record<string, CellValue> => ({
          code: r.code,
          name: lang === 'zh' ? r.nameZh : r.nameEn,
          city: r.parent ? regionName(r.parent) : null,
          month: r.monthOutput,
          ytd: r.ytdOutput,
          yoy: share(r.ytdYoyPct),
        });
        const body = await workbook(request, labels, lang, planId, {
          title: `${labels.regionsTitle} · ${chainName}`,
          plan: title,
          regionName,
          about: [
            [labels.month, month],
            [labels.chain, chainName],
            [labels.unit, labels.unitValue],
          ],
          sheets: [
            {
              name: labels.cities,
              columns,
              rows: summary.cities.map(row),
              withheld: summary.cities.map((r) => r.suppressed),
              notes: [labels.withheldNote, labels.yoyNote],
            },
            {
              name: labels.counties,
              columns: [
                ...columns.slice(0, 2),
                { header: labels.city, key: 'city', format: 'text', width: 10 },
                ...columns.slice(2),
              ],
              rows: summary.counties.map(row),
              withheld: summary.counties.map((r) => r.suppressed),
              notes: [labels.withheldNote, labels.yoyNote],
            },
          ],
        });
        return sendWorkbook(
          reply,
          body,
          `regions_${chain ?? 'all'}_${month}.xlsx`,
          `${labels.regionsTitle}_${chainName}_${month}.xlsx`,
        );
      },
    );

    app.get(
      '/api/v1/plans/:planId/chains/:chainId/dependency.xlsx',
      {
        exposeHeadRoute: false,
        config: { access: needs('aggregates:read') },
        schema: {
          tags: ['exports'],
          summary: 'Import-dependency screens of a chain map as an Excel file / 产业链进口依赖筛查（Excel）',
          params: planParams.extend({ chainId: z.string().min(1).max(100) }),
          querystring: z.object({ month: monthSchema, lang: langQuery }),
        },
      },
      async (request, reply) => {
        const { planId, chainId } = request.params;
        const { month, lang } = request.query;
        const labels = exportLabels(lang);
        const title = await planTitle(planId, lang);
        const screens = await getChainDependency(database, planId, chainId, month, request.actor.scope);
        const chainName = await chainNamer(planId, lang);
        // Every node of the plan, not only the map's: a shared HS code can name a node of another chain.
        const pack = await findPlanPackJson(database.query, planId);
        const nodes = indexChainNodes((pack?.chainMaps ?? {}) as ChainMaps);
        const sheet = dependencySheet(screens, labels, {
          node: (id) => {
            const n = nodes.get(id)?.node;
            return n ? (lang === 'zh' ? n.name_zh : n.name_en) : id;
          },
          homeChain: (id) => chainName(nodes.get(id)?.chain ?? chainId),
          country: (code) => {
            const c = countryNames().get(code);
            return c ? (lang === 'zh' ? c.name_zh : c.name_en) : code;
          },
        });
        const name = chainName(chainId);
        const body = await workbook(request, labels, lang, planId, {
          title: `${labels.dependencyTitle} · ${name}`,
          plan: title,
          regionName: await regionNamer(lang),
          about: [
            [labels.month, month],
            [labels.chain, name],
            [labels.window, screens[0]?.window.join(', ') ?? labels.none],
            [labels.region, labels.province],
            [labels.unit, labels.unitValue],
          ],
          sheets: [sheet],
        });
        return sendWorkbook(
          reply,
          body,
          `import-dependency_${chainId}_${month}.xlsx`,
          `${labels.dependencyTitle}_${name}_${month}.xlsx`,
        );
      },
    );

    app.get(
      '/api/v1/risks.xlsx',
      {
        exposeHeadRoute: false,
        config: { access: needs('firms:read') },
        schema: {
          tags: ['exports'],
          summary: 'The risk list in my scope as an Excel file (audited) / 断供风险清单导出（记入审计日志）',
          querystring: riskFiltersQuery.extend({ lang: langQuery }),
        },
      },
      async (request, reply) => {
        const { lang, ...q } = request.query;
        const labels = exportLabels(lang);
        const title = await planTitle(q.plan, lang);
        const { total, cases } = await exportRiskCases(database, request.actor, q.plan, riskFilterOf(q));
        const regionName = await regionNamer(lang);
        const chainName = await chainNamer(q.plan, lang);
        // The filters as given in the query string, so that the file says which part of the list it is.
        const applied = Object.entries(q)
          .filter(([key, value]) => key !== 'plan' && value !== undefined)
          .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join(',') : String(value)}`);
        const body = await workbook(request, labels, lang, q.plan, {
          title: riskSheetTitle(lang),
          plan: title,
          regionName,
          about: [[labels.filters, applied.join('; ') || labels.none]],
          sheets: [riskSheet(cases, total, lang, { region: regionName, chain: chainName })],
        });
        return sendWorkbook(reply, body, 'risk-list.xlsx', `${riskSheetTitle(lang)}.xlsx`);
      },
    );

    app.get(
      '/api/v1/firms.xlsx',
      {
        exposeHeadRoute: false,
        config: { access: needs('firms:read') },
        schema: {
          tags: ['exports'],
          summary: 'Firms in my scope as an Excel file (audited) / 企业名单导出（记入审计日志）',
          querystring: firmFiltersQuery.extend({ lang: langQuery }),
        },
      },
      async (request, reply) => {
        const { lang, ...q } = request.query;
        const labels = exportLabels(lang);
        const filters = firmFiltersOf(q);
        const title = await planTitle(q.plan, lang);
        // A node is named in the file, so an unknown one is a 404 (the paged list answers it with no rows).
        const node = q.node ? await findChainNode(database.query, q.plan, q.node) : undefined;
        if (q.node && !node) throw notFound(`环节 ${q.node}`, `node ${q.node}`);
        const nodeName = node && (lang === 'zh' ? node.nameZh : node.nameEn);
        const rows = await exportFirmsInScope(database, request.actor, filters);
        const regionName = await regionNamer(lang);
        const chainName = await chainNamer(q.plan, lang);
        const keyFirms = q.tag?.length === 2 && q.tag.includes('链主') && q.tag.includes('龙头');
        const applied = [
          q.city && `${labels.region}: ${regionName(q.city)}`,
          q.county && `${labels.county}: ${regionName(q.county)}`,
          q.chain && `${labels.chain}: ${chainName(q.chain)}`,
          nodeName && `${labels.nodeFilter}: ${nodeName}`,
          q.q && `${labels.search} “${q.q}”`,
          q.tag?.length && `${labels.tags}: ${tagLabels(lang, q.tag)}`,
        ].filter(Boolean);
        const body = await workbook(request, labels, lang, q.plan, {
          title: labels.firmsTitle,
          plan: title,
          regionName,
          about: [[labels.filters, applied.join('; ') || labels.none]],
          sheets: [
            {
              name: labels.firms,
              columns: [
                { header: labels.uscc, key: 'uscc', format: 'text', width: 22 },
                { header: labels.firmName, key: 'name', format: 'text', width: 30 },
                { header: labels.city, key: 'city', format: 'text', width: 10 },
                { header: labels.county, key: 'county', format: 'text', width: 12 },
                { header: labels.chain, key: 'chain', format: 'text', width: 20 },
                { header: labels.node, key: 'node', format: 'text', width: 22 },
                { header: labels.size, key: 'size', format: 'text', width: 8 },
                { header: labels.tags, key: 'tags', format: 'text', width: 20 },
              ],
              rows: rows.map((f) => ({
                uscc: f.uscc,
                name: f.name,
                city: regionName(f.cityCode),
                county: lang === 'zh' ? f.countyNameZh : f.countyNameEn,
                chain: chainName(f.primaryChainId),
                node: (lang === 'zh' ? f.primaryNodeNameZh : f.primaryNodeNameEn) ?? f.primaryNodeId,
                size: sizeLabel(labels, f.sizeClass),
                tags: tagLabels(lang, f.tags),
              })),
              notes: [labels.firmNote],
            },
          ],
        });
        const named = [
          q.chain && chainName(q.chain),
          q.city && regionName(q.city),
          q.county && regionName(q.county),
          nodeName,
          keyFirms ? labels.keyFirms : q.tag?.length && tagLabels(lang, q.tag),
          q.q,
        ];
        const local = [labels.firmsTitle, ...named.filter(Boolean)].join('_');
        const ascii = ['firms', q.chain, q.city, q.county, q.node].filter(Boolean).join('_');
        return sendWorkbook(reply, body, `${ascii}.xlsx`, `${local}.xlsx`);
      },
    );
  };
}
