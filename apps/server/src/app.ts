import { existsSync } from 'node:fs';
import { errorForLog } from '@evergreen/db';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from './deps.ts';
import { DEFAULT_KEPT_ANSWERS_BYTES, type KeptAnswers, keptAnswers } from './kept.ts';
import { authPlugin } from './plugins/auth.ts';
import { registerErrorHandler, registerNotFound } from './plugins/errors.ts';
import { registerOpenApi } from './plugins/openapi.ts';
import { registerTextGuard } from './plugins/text-guard.ts';
import { registerWorkScope } from './plugins/work-scope.ts';
import { authRoutes } from './routes/auth/index.ts';
import { healthRoutes } from './routes/health.ts';
import { calendarRoutes } from './routes/messaging/index.ts';
import { orderWebhookRoutes } from './routes/orders/index.ts';
import { portalRoutes } from './routes/portal/index.ts';
import { portalResultsRoutes } from './routes/portal/results.ts';
import { workspaceRoutes } from './routes/workspaces/index.ts';

export interface RouteEntry {
  method: string;
  url: string;
  minRole: string | undefined;
  /** The query parameters the route reads (walks send hostile values in each). */
  query?: string[];
}
declare module 'fastify' {
  interface FastifyInstance {
    routeTable: RouteEntry[];
    /** Answers kept in memory until their workspace's data changes (kept.ts). */
    kept: KeptAnswers;
  }
}

/** Builds the whole app without listening: main.ts listens, tests use `inject`. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  // Errors are logged through errorForLog: the SQL text at most, never a statement's
  // parameters or the values PostgreSQL echoes (what users typed).
  const logger: FastifyServerOptions['logger'] =
    deps.loggerLevel && deps.loggerLevel !== 'silent'
      ? {
          level: deps.loggerLevel,
          serializers: { err: (e) => errorForLog(e) },
          ...(deps.logStream ? { stream: deps.logStream } : {}),
        }
      : false;
  const app = Fastify({
    logger,
    // Only the configured proxies' X-Forwarded-For is believed; by default none, so a client
    // cannot choose its own address (and with it its sign-in limit) by sending the header.
    trustProxy: deps.trustProxy?.length ? deps.trustProxy : false,
    bodyLimit: 5 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app, { databaseFault: deps.databaseFault });
  // Before every other hook: the auth hook's session lookup is database work of the request too.
  registerWorkScope(app, { waitMs: deps.databaseWaitMs });
  registerTextGuard(app);
  // The route table, for tests that walk every route (isolation, roles) and for docs.
  const routeTable: RouteEntry[] = [];
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) {
      const qs = (r.schema?.querystring as { shape?: Record<string, unknown> } | undefined)?.shape;
      if (method !== 'HEAD')
        routeTable.push({
          method,
          url: r.url,
          minRole: r.config?.minRole,
          ...(qs ? { query: Object.keys(qs) } : {}),
        });
    }
  });
  app.decorate('routeTable', routeTable);
  app.decorate(
    'kept',
    keptAnswers({ maxBytes: deps.keptAnswersBytes ?? DEFAULT_KEPT_ANSWERS_BYTES, clock: deps.clock }),
  );

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        'upgrade-insecure-requests': deps.secureCookies ? [] : null,
        // Swagger UI (at /api/docs) loads its own inline bootstrap.
        'script-src': ["'self'"],
        'img-src': ["'self'", 'data:', 'https:'],
      },
    },
    hsts: deps.secureCookies,
  });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  await registerOpenApi(app);
  await app.register(authPlugin, { db: deps.db, clock: deps.clock });

  await app.register(healthRoutes, deps);
  await app.register(
    async (v1) => {
      await v1.register(authRoutes, deps);
      await v1.register(calendarRoutes, deps);
      // Public: the shop signs each delivery (outside the workspace scope, no session).
      await v1.register(orderWebhookRoutes, deps);
      await v1.register(workspaceRoutes, deps);
      // The creator portal: its own session, never a team session or token.
      await v1.register(portalRoutes, deps);
      await v1.register(portalResultsRoutes, deps);
    },
    { prefix: '/api/v1' },
  );

  const spa = !!deps.webDist && existsSync(deps.webDist);
  // wildcard: files are looked up per request, so a rebuilt web app is served without a restart.
  if (spa) {
    await app.register(fastifyStatic, { root: deps.webDist!, wildcard: true, index: false });
    app.get('/', { schema: { hide: true } }, (_req, reply) => reply.type('text/html').sendFile('index.html'));
  }
  registerNotFound(app, { spa });
  return app;
}
