import multipart from '@fastify/multipart';
import fastifyStatic, { type FastifyStaticOptions } from '@fastify/static';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { INestApplication } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Logger, PinoLogger } from 'nestjs-pino';
import { isApiUrl } from './common/http/api-url';
import { AppLogger } from './common/logging/app-logger';
import { registerAdmission } from './common/http/admission';
import { registerRequestLog, requestId } from './common/http/request-log';
import { databaseConfig } from './config';
import { registerSecurityHeaders } from './common/http/security-headers';
import { createValidationPipe } from './common/pipes/validation.pipe';

/**
 * The HTTP server: Fastify (a Nest app on Express spent about 0.1 ms more per request in the
 * framework alone, measured with the same controller and guard). Request ids come from
 * `requestId` (the caller's well-formed `x-request-id` or a UUID).
 */
export function createHttpAdapter(): FastifyAdapter {
  return new AppFastifyAdapter({ genReqId: requestId, requestIdHeader: false });
}

/**
 * Static assets (Swagger UI) through our own @fastify/static: v9, since v10 requires Node 22.
 * Nest's adapter would look for the package from its own folder, where npm does not place v9
 * (the adapter's optional peer range is ^10).
 */
class AppFastifyAdapter extends FastifyAdapter {
  override useStaticAssets(options: FastifyStaticOptions) {
    return this.getInstance<FastifyInstance>().register(fastifyStatic, options);
  }
}

// The built console and citizen pages: admin-ui/dist, three levels up from the compiled file
// (dist/api/src) and two from the source (api/src, tests).
const UI_ROOT = [path.resolve(__dirname, '../../../admin-ui/dist'), path.resolve(__dirname, '../../admin-ui/dist')].find((p) =>
  existsSync(p),
);

/** Everything main.ts and the e2e tests both apply to a Nest app, so tests see production. */
export async function configureApp(
  app: NestFastifyApplication,
  opts: { corsOrigin?: string | null } = {},
): Promise<NestFastifyApplication> {
  app.useLogger(new AppLogger(app.get(Logger)));
  app.setGlobalPrefix('api');
  const fastify = app.getHttpAdapter().getInstance();
  registerAdmission(fastify, app.get<ConfigType<typeof databaseConfig>>(databaseConfig.KEY).maxInFlight, () => PinoLogger.root);
  registerRequestLog(fastify, () => PinoLogger.root);
  registerSecurityHeaders(fastify);
  app.enableCors({
    origin: opts.corsOrigin ?? false,
    exposedHeaders: ['Content-Range', 'X-Total-At-Least', 'X-Next-Cursor', 'X-Total-Count', 'X-Request-Id'],
  });
  // Limits are set per route by UploadInterceptor.
  await app.register(multipart);
  if (UI_ROOT) await serveConsole(app, UI_ROOT);
  app.useGlobalPipes(createValidationPipe());
  SwaggerModule.setup('api/docs', app, openApiDocument(app), { jsonDocumentUrl: 'api/docs-json', useGlobalPrefix: false });
  return app;
}

/**
 * The OpenAPI document of the app's routes (served at /api/docs-json; `npm run lint:openapi`
 * writes it without a database and lints it with Redocly's recommended rules).
 */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Layanan Terpadu API')
    .setDescription('Integrated public services of Kota Malang: staff API (bearer token) and citizen API under /api/public.')
    .setVersion('0.1.0')
    .setLicense('AGPL-3.0-or-later', 'https://www.gnu.org/licenses/agpl-3.0.html')
    // Paths carry the /api prefix: the server is the instance that serves this document.
    .addServer('/', 'This instance')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, config);
}

/**
 * The staff console at / and the citizen portal at /portal/: their files, and each app's
 * index.html for any other path under it (client-side routes such as /portal/bukti/CODE survive
 * a reload). Unknown /api paths stay the API's 404.
 */
async function serveConsole(app: NestFastifyApplication, root: string): Promise<void> {
  await app.register(fastifyStatic, { root, prefix: '/', wildcard: false });
  app
    .getHttpAdapter()
    .getInstance()
    .get('/*', (req: FastifyRequest, reply: FastifyReply) => {
      if (isApiUrl(req.url)) return reply.callNotFound();
      return reply.sendFile(req.url.startsWith('/portal') ? 'portal/index.html' : 'index.html');
    });
}
