import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { ServerContext } from './context.js';
import { registerErrorHandler } from './errors.js';
import { healthRoutes } from './routes/health.js';
import { plansRoutes } from './routes/plans.js';
import { referenceRoutes } from './routes/reference.js';

export type BuildServerOptions = ServerContext & {
  /** Built web app (packages/web/dist) to serve at /; absent serves the API only. */
  webDir?: string | undefined;
  logger?: boolean;
};

/** The HTTP server: API under /api, OpenAPI document at /api/docs, the web app everywhere else. */
export async function buildServer(options: BuildServerOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false, trustProxy: false });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'ChainBrain API / 产业链大脑接口',
        version: '0.1.0',
        description:
          'Industrial chain monitoring and supply-risk decision support. Money in 亿元 unless stated.',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  const context: ServerContext = { database: options.database };
  await app.register(healthRoutes(context));
  await app.register(plansRoutes(context));
  await app.register(referenceRoutes(context));
  if (options.webDir && existsSync(join(options.webDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: options.webDir, wildcard: false });
    // Client-side routes: any non-API GET falls back to the app shell.
    app.get('/*', async (request, reply) => {
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
