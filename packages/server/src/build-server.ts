import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler } from 'fastify-type-provider-zod';
import { accessPlugin } from './auth/access-plugin.js';
import { PUBLIC } from './auth/access-rule.js';
import { rateLimitKey } from './auth/rate-limit-key.js';
import type { ServerContext } from './context.js';
import { registerErrorHandler } from './errors.js';
import { auditRoutes } from './routes/audit.js';
import { authRoutes } from './routes/auth.js';
import { chainServicesRoutes } from './routes/chain-services.js';
import { chainsRoutes } from './routes/chains.js';
import { exportsRoutes } from './routes/exports.js';
import { firmSupplyRoutes } from './routes/firm-supply.js';
import { nodeDependencyRoutes } from './routes/node-dependency.js';
import { firmsRoutes } from './routes/firms.js';
import { healthRoutes } from './routes/health.js';
import { plansRoutes } from './routes/plans.js';
import { referenceRoutes } from './routes/reference.js';
import { restrictedOriginsRoutes } from './routes/restricted-origins.js';
import { risksRoutes } from './routes/risks.js';
import { usersRoutes } from './routes/users.js';
import { trustProxySetting } from './trust-proxy.js';
import { registerJsonBodyParser } from './json-body.js';
import { validatorWithInputs } from './validator.js';

export type BuildServerOptions = ServerContext & {
  /** Built web app (packages/web/dist) to serve at /; absent serves the API only. */
  webDir?: string | undefined;
  /**
   * Log to stdout (pino JSON, credentials redacted): true logs every request; a level logs only from
   * that level up ('warn': failures only, which `serve` uses so that a 500 leaves its cause).
   */
  logger?: boolean | 'info' | 'warn' | 'error';
  /** The proxies in front of the server (trust-proxy.ts); default CHAINBRAIN_TRUST_PROXY. */
  trustProxy?: string | undefined;
  /** Requests per minute per caller (token or address) on /api; default 1200. */
  rateLimitPerMinute?: number;
};

/** Fastify's refusals before a route is found, in Chinese. */
const FRAMEWORK_ZH: Record<string, string> = {
  FST_ERR_BAD_URL: '网址无效：含有无法解码的字符',
  FST_ERR_MAX_PARAM_LENGTH: '网址中的参数过长',
  FST_ERR_ASYNC_CONSTRAINT: '请求无法匹配任何路由',
};

/** Every API plugin, in one list so that tests can enumerate the routes. */
export const API_ROUTES = [
  healthRoutes,
  authRoutes,
  usersRoutes,
  auditRoutes,
  plansRoutes,
  chainsRoutes,
  nodeDependencyRoutes,
  chainServicesRoutes,
  referenceRoutes,
  firmsRoutes,
  firmSupplyRoutes,
  risksRoutes,
  restrictedOriginsRoutes,
  exportsRoutes,
];

/** The HTTP server: API under /api, OpenAPI document at /api/docs, the web app everywhere else. */
export async function buildServer(options: BuildServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger
      ? {
          level: options.logger === true ? 'info' : options.logger,
          redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'],
        }
      : false,
    // Refusals before routing (a malformed URL, an id longer than the router takes) in the API's shape.
    frameworkErrors: (error, _request, reply) => {
      // Typed for the route's own replies, which do not exist yet at this stage.
      const raw = reply as unknown as { status(code: number): { send(body: unknown): void } };
      raw.status(error.statusCode ?? 400).send({
        error: {
          code: 'bad_request',
          message_zh: FRAMEWORK_ZH[error.code] ?? `请求无效（${error.code}）`,
          message_en: error.message,
          details: { fastify_code: error.code },
        },
      });
    },
    trustProxy: trustProxySetting(options.trustProxy ?? process.env.CHAINBRAIN_TRUST_PROXY),
  });
  app.setValidatorCompiler(validatorWithInputs);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  registerJsonBodyParser(app);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // antd writes its styles at run time; the API document's page needs its own inline bits.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'"],
      },
    },
  });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    max: options.rateLimitPerMinute ?? 1200,
    timeWindow: '1 minute',
    keyGenerator: rateLimitKey(options.database),
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      error: {
        code: 'too_many_requests',
        message_zh: `请求过于频繁，请 ${Math.ceil(context.ttl / 1000)} 秒后再试`,
        message_en: `Too many requests; retry in ${Math.ceil(context.ttl / 1000)} s`,
      },
    }),
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'ChainBrain API / 产业链大脑接口',
        version: '0.1.0',
        description:
          'Industrial chain monitoring and supply-risk decision support. Money in 亿元 unless stated. ' +
          'Sign in with POST /api/v1/auth/login (session cookie; send the x-csrf-token header on changes) ' +
          'or use an API token: Authorization: Bearer cbt_…',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    // Swagger UI sets a few inline styles of its own; nothing is loaded from elsewhere.
    staticCSP:
      "default-src 'self'; base-uri 'self'; img-src 'self' data:; object-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'",
  });
  await app.register(accessPlugin, { database: options.database });
  const context: ServerContext = {
    database: options.database,
    loginRateLimitPerMinute: options.loginRateLimitPerMinute,
  };
  for (const routes of API_ROUTES) await app.register(routes(context));
  if (options.webDir && existsSync(join(options.webDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: options.webDir, wildcard: false });
    // Client-side routes: any non-API GET falls back to the app shell.
    app.get('/*', { config: { access: PUBLIC } }, async (request, reply) => {
      if (request.url.startsWith('/api/')) {
        return reply
          .status(404)
          .send({ error: { code: 'not_found', message_zh: '未找到', message_en: 'Not found' } });
      }
      return reply.sendFile('index.html');
    });
  }
  return app;
}
