import { type Actor, exportFirmsInScope, getPlanOverview, getRegionSummary, notFound } from '@chainbrain/app';
import { monthSchema, regionCodeSchema } from '@chainbrain/domain';
import { findPlan, getMeta, listChains, listRegions } from '@chainbrain/store';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { needs } from '../auth/access-rule.js';
import type { ServerContext } from '../context.js';
import { type ExportLabels, type ExportLang, exportLabels } from '../exports/labels.js';
import { buildWorkbook, type CellValue, type SheetSpec } from '../exports/workbook.js';
import { firmFiltersOf, firmFiltersQuery } from './firms.js';

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
    .header(
      'content-disposition',
      `attachment; filename="${plain}"; filename*=UTF-8''${encodeURIComponent(localName)}`,
    )
    .header('cache-control', 'no-store')
    .send(body);
}

/** Who asked, when and with which scope: a printed sheet must say what it can be trusted for. */
function aboutCaller(actor: Actor, labels: ExportLabels, regionName: (code: string) => string) {
  const grants = actor.grants.map((g) =>
    [g.role, g.regionCode && regionName(g.regionCode), g.chainId, g.firmId && `#${g.firmId}`]
      .filter(Boolean)
      .join(' '),
  );
  return [
    [labels.exportedBy, `${actor.displayName} (${actor.username})`],
    [labels.scope, grants.join('; ') || labels.none],
    [labels.exportedAt, new Date().toISOString()],
  ] as Array<[string, string]>;
}

export function exportsRoutes({ database }: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
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
      actor: Actor,
      labels: ExportLabels,
      spec: {
        title: string;
        plan: string;
        about: Array<[string, string]>;
        sheets: SheetSpec[];
        regionName: (code: string) => string;
      },
    ) => {
      const dataset = await getMeta<{ label: string; loadedAt: string }>(database.query, 'dataset');
      const loaded = dataset ? `${dataset.label} (${labels.loadedAt} ${dataset.loadedAt})` : labels.none;
      return buildWorkbook({
        title: spec.title,
        aboutSheetName: labels.about,
        dash: labels.dash,
        about: [
          [labels.plan, spec.plan],
          [labels.dataset, loaded],
          ...spec.about,
          ...aboutCaller(actor, labels, spec.regionName),
        ],
        sheets: spec.sheets,
      });
    };

    app.get(
      '/api/v1/plans/:planId/overview.xlsx',
      {
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
          target: c.target_2025,
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
          notes: [labels.withheldNote, labels.yoyNote, labels.completionNote],
        };
        const body = await workbook(request.actor, labels, {
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
        const body = await workbook(request.actor, labels, {
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
      '/api/v1/firms.xlsx',
      {
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
        const rows = await exportFirmsInScope(database, request.actor, filters);
        const regionName = await regionNamer(lang);
        const chains = new Map((await listChains(database.query, q.plan)).map((c) => [c.id, c]));
        const chainName = (id: string) => {
          const c = chains.get(id);
          return c ? (lang === 'zh' ? c.nameZh : c.nameEn) : id;
        };
        const applied = [
          q.city && `${labels.region}: ${regionName(q.city)}`,
          q.county && `${labels.county}: ${regionName(q.county)}`,
          q.chain && `${labels.chain}: ${chainName(q.chain)}`,
          q.node && `${labels.node}: ${q.node}`,
          q.q && `“${q.q}”`,
          q.tag?.length && `${labels.tags}: ${q.tag.join(', ')}`,
        ].filter(Boolean);
        const body = await workbook(request.actor, labels, {
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
                size: f.sizeClass,
                tags: f.tags.join('、'),
              })),
              notes: [labels.firmNote],
            },
          ],
        });
        const named = [
          q.chain && chainName(q.chain),
          q.city && regionName(q.city),
          q.county && regionName(q.county),
          q.node,
        ];
        const local = [labels.firmsTitle, ...named.filter(Boolean)].join('_');
        const ascii = ['firms', q.chain, q.city, q.county, q.node].filter(Boolean).join('_');
        return sendWorkbook(reply, body, `${ascii}.xlsx`, `${local}.xlsx`);
      },
    );
  };
}
