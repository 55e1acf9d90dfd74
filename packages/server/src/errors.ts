import { AppError } from '@chainbrain/app';
import { DataFolderLockedError } from '@chainbrain/store';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';

const zhLocale = z.locales.zhCN().localeError;

/**
 * A validation issue in both languages: our own messages carry both ("English / 中文"); zod's standard
 * ones are rendered again with its Chinese locale.
 */
function bilingualIssue(v: { keyword: string; message?: string; params?: Record<string, unknown> }): {
  en: string;
  zh: string;
} {
  const message = v.message ?? 'invalid';
  const split = message.indexOf(' / ');
  if (split > 0) return { en: message.slice(0, split), zh: message.slice(split + 3) };
  const localized = zhLocale({ code: v.keyword, path: [], message, ...v.params } as never);
  const zh =
    typeof localized === 'string' ? localized : (localized as { message?: string } | undefined)?.message;
  return { en: message, zh: zh ?? message };
}

/** Every error leaves the API as { error: { code, message_zh, message_en, details? } }. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = error.validation.map((v) => {
        const { en, zh } = bilingualIssue(v);
        return {
          field: `${error.validationContext ?? ''}${v.instancePath || ''}`.replace(/\//g, '.'),
          message: en,
          message_zh: zh,
        };
      });
      return reply.status(400).send({
        error: {
          code: 'invalid_input',
          message_zh: `请求参数无效：${details.map((d) => `${d.field} ${d.message_zh}`).join('；')}`,
          message_en: `Invalid request: ${details.map((d) => `${d.field} ${d.message}`).join('; ')}`,
          details,
        },
      });
    }
    if (error instanceof AppError) {
      return reply.status(error.status).send({
        error: {
          code: error.code,
          message_zh: error.messageZh,
          message_en: error.messageEn,
          details: error.details,
        },
      });
    }
    if (error instanceof DataFolderLockedError) {
      return reply
        .status(503)
        .send({ error: { code: 'unavailable', message_zh: '数据目录被占用', message_en: error.message } });
    }
    // The rate limiter throws the bilingual body built in build-server.ts.
    const built = (error as unknown as { error?: { code: string; message_zh: string; message_en: string } })
      .error;
    if (error.statusCode === 429 && built?.message_zh) {
      return reply.status(429).send({ error: built });
    }
    if (error.statusCode && error.statusCode < 500) {
      const message = error.message || String(error.code ?? 'bad request');
      return reply.status(error.statusCode).send({
        error: {
          code: error.code ?? 'bad_request',
          message_zh: `请求无效：${message}`,
          message_en: message,
        },
      });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({
      error: {
        code: 'internal',
        message_zh: '服务器内部错误，请联系管理员',
        message_en: 'Internal server error; please contact the administrator',
      },
    });
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({
      error: {
        code: 'not_found',
        message_zh: `未找到 ${request.method} ${request.url}`,
        message_en: `Not found: ${request.method} ${request.url}`,
      },
    });
  });
}
