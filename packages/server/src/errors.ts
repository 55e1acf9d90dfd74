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

/** Fastify's own refusals of a request, in Chinese (its English message is kept beside it). */
const FASTIFY_ZH: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: '请求体不是有效的 JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: '请求体为空，但 Content-Type 声明为 application/json',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: '不支持该 Content-Type，请使用 application/json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'Content-Length 与请求体长度不符',
  FST_ERR_CTP_BODY_TOO_LARGE: '请求体过大',
  FST_ERR_CTP_INVALID_TYPE: 'Content-Type 无效',
  FST_ERR_CTP_EMPTY_TYPE: 'Content-Type 为空',
  FST_ERR_BAD_URL: '网址无效',
  CB_FORBIDDEN_JSON_KEY: '请求体含有不允许的键（__proto__ 或 constructor）',
  CB_JSON_TOO_DEEP: '请求体嵌套层级过深',
};

/** Every error leaves the API as { error: { code, message_zh, message_en, details? } }. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = error.validation.map((v) => {
        const { en, zh } = bilingualIssue(v);
        return {
          // An issue of the whole body (an unknown key) has the path "/": no trailing dot.
          field: `${error.validationContext ?? ''}${v.instancePath || ''}`
            .replace(/\//g, '.')
            .replace(/\.$/, ''),
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
      const zh = (error.code && FASTIFY_ZH[error.code]) || `请求无效（${error.code ?? error.statusCode}）`;
      return reply.status(error.statusCode).send({
        error: {
          code: 'bad_request',
          message_zh: zh,
          message_en: message,
          details: { fastify_code: error.code ?? null },
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
