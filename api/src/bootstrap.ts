import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger, PinoLogger } from 'nestjs-pino';
import { requestLog } from './common/http/request-log';
import { createValidationPipe } from './common/pipes/validation.pipe';

/** Everything main.ts and the e2e tests both apply to a Nest app, so tests see production. */
export function configureApp(app: INestApplication, opts: { corsOrigin?: string | null } = {}): INestApplication {
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix('api');
  app.use(requestLog(() => PinoLogger.root));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { 'img-src': ["'self'", 'data:', 'blob:'], 'frame-src': ["'self'", 'blob:'], 'object-src': ["'self'", 'blob:'] },
      },
    }),
  );
  app.enableCors({ origin: opts.corsOrigin ?? false, exposedHeaders: ['Content-Range', 'X-Next-Cursor', 'X-Total-Count', 'X-Request-Id'] });
  app.useGlobalPipes(createValidationPipe());
  const config = new DocumentBuilder()
    .setTitle('Layanan Terpadu API')
    .setDescription('Integrated public services of Kota Malang: staff API (bearer token) and citizen API under /api/public.')
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', useGlobalPrefix: false });
  return app;
}
