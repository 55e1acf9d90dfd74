import { listRecentAudit, verifyAudit } from '@chainbrain/app';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { needs } from '../auth/access-rule.js';
import type { ServerContext } from '../context.js';
import { wholeNumberQuery } from './params.js';

export function auditRoutes({ database }: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const access = needs('audit:read');
    app.get(
      '/api/v1/audit',
      {
        config: { access },
        schema: {
          tags: ['audit'],
          summary: 'Newest audit entries, newest first; `before` pages back / 审计日志',
          querystring: z.object({
            limit: wholeNumberQuery(1, 500, 100),
            before: z
              .string()
              .regex(/^[0-9]{1,15}$/, 'an entry id in digits / 应为数字组成的条目编号')
              .transform(Number)
              .pipe(z.number().int().positive())
              .optional()
              .describe(
                'only entries with a smaller id: the last id of the page before / 只列出编号更小的条目',
              ),
          }),
          response: {
            200: z.array(
              z.object({
                id: z.number(),
                at: z.string(),
                actor_name: z.string(),
                action: z.string(),
                target_type: z.string().nullable(),
                target_id: z.string().nullable(),
                details: z.unknown(),
                ip: z.string().nullable(),
              }),
            ),
          },
        },
      },
      async (request) =>
        (await listRecentAudit(database, request.actor, request.query.limit, request.query.before)).map(
          (e) => ({
            id: e.id,
            at: e.at,
            actor_name: e.actorName,
            action: e.action,
            target_type: e.targetType,
            target_id: e.targetId,
            details: e.details,
            ip: e.ip,
          }),
        ),
    );

    app.get(
      '/api/v1/audit/verify',
      {
        config: { access },
        schema: {
          tags: ['audit'],
          summary: 'Check the audit hash chain / 校验审计链',
          response: {
            200: z.object({
              ok: z.boolean(),
              count: z.number(),
              bad_entry_id: z.number().nullable(),
              reason: z.string().nullable(),
              /** missing, unlinked, changed, truncated or head_mismatch; null when intact. */
              reason_code: z.string().nullable(),
            }),
          },
        },
      },
      async () => {
        const result = await verifyAudit(database);
        return result.ok
          ? { ok: true, count: result.count, bad_entry_id: null, reason: null, reason_code: null }
          : {
              ok: false,
              count: result.count,
              bad_entry_id: result.badEntryId,
              reason: result.reason,
              reason_code: result.reasonCode,
            };
      },
    );
  };
}
