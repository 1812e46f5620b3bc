import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { version } from '../version.ts';

/** OpenAPI from the routes' Zod schemas: /api/v1/openapi.json, browsable at /api/docs. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Evergreen API',
        version,
        description:
          'REST API of Evergreen. Browser sessions use a cookie plus the `x-csrf-token` header on writes; scripts use a workspace API token: `Authorization: Bearer evg_…`. Errors answer `{ error: { code, message, fields? } }`.',
      },
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'Workspace API token (Settings → API tokens)',
          },
          cookie: { type: 'apiKey', in: 'cookie', name: 'evg_session' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
