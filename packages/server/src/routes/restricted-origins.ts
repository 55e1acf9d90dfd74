import {
  addRestrictedOrigin,
  listRestrictedOriginEntries,
  RESTRICTED_NOTE_MAX,
  RESTRICTED_SOURCE_MAX,
  removeRestrictedOrigin,
} from '@chainbrain/app';
import type { RestrictedOriginRow } from '@chainbrain/store';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { needs } from '../auth/access-rule.js';
import type { ServerContext } from '../context.js';
import { countryNames } from './country-names.js';
import { rowId } from './params.js';

const entrySchema = z.object({
  id: z.number(),
  country: z.string(),
  country_name_zh: z.string(),
  country_name_en: z.string(),
  /** Digits only; '' for every product of the country (an embargo). */
  hs: z.string(),
  source: z.string(),
  note: z.string().nullable(),
  added_by: z.string(),
  added_at: z.string(),
});

const entryView = (r: RestrictedOriginRow): z.infer<typeof entrySchema> => {
  const names = countryNames().get(r.country);
  return {
    id: r.id,
    country: r.country,
    country_name_zh: names?.name_zh ?? r.country,
    country_name_en: names?.name_en ?? r.country,
    hs: r.hs,
    source: r.source,
    note: r.note,
    added_by: r.addedByName,
    added_at: r.addedAt.toISOString(),
  };
};

/**
 * The restricted-origin list (限制来源清单, ADR 0024): read by every official who reads firms, kept by
 * province administrators under the risk scan's permission. The codes are checked by the use case with
 * the engine's own checks, so the route takes them as text and only bounds their length.
 */
export function restrictedOriginsRoutes({ database }: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const manage = needs('plans:manage');
    app.get(
      '/api/v1/restricted-origins',
      {
        config: { access: needs('firms:read') },
        schema: {
          tags: ['restricted-origins'],
          summary: 'The restricted-origin list (country × HS) / 限制来源清单（国家 × HS 编码）',
          response: { 200: z.object({ items: z.array(entrySchema) }) },
        },
      },
      async (request) => ({
        items: (await listRestrictedOriginEntries(database, request.actor)).map(entryView),
      }),
    );

    app.post(
      '/api/v1/restricted-origins',
      {
        config: { access: manage },
        schema: {
          tags: ['restricted-origins'],
          summary: 'Add an entry; the next risk scan applies it / 新增限制来源（下次风险扫描时生效）',
          body: z.strictObject({
            country: z.string().max(10, 'a country code is two letters / 国家代码为两位字母'),
            hs: z
              .string()
              .max(20, 'an HS code has at most 10 digits / HS 编码最多 10 位数字')
              .nullable()
              .optional(),
            source: z
              .string()
              .max(
                RESTRICTED_SOURCE_MAX,
                `a source of at most ${RESTRICTED_SOURCE_MAX} characters / 来源最多 ${RESTRICTED_SOURCE_MAX} 个字`,
              ),
            note: z
              .string()
              .max(
                RESTRICTED_NOTE_MAX,
                `a note of at most ${RESTRICTED_NOTE_MAX} characters / 备注最多 ${RESTRICTED_NOTE_MAX} 个字`,
              )
              .nullable()
              .optional(),
          }),
          response: { 201: entrySchema },
        },
      },
      async (request, reply) => {
        const added = await addRestrictedOrigin(database, request.actor, request.body);
        return reply.status(201).send(entryView(added));
      },
    );

    app.delete(
      '/api/v1/restricted-origins/:entryId',
      {
        config: { access: manage },
        schema: {
          tags: ['restricted-origins'],
          summary: 'Remove an entry; the next risk scan applies it / 删除限制来源（下次风险扫描时生效）',
          params: z.object({ entryId: rowId }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await removeRestrictedOrigin(database, request.actor, request.params.entryId);
        return reply.status(204).send(null);
      },
    );
  };
}
