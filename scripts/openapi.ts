// Writes the API's OpenAPI document to a file without a database or a listening server: the
// app module is loaded in Nest's preview mode (controllers are scanned, no provider is
// instantiated), so `npm run lint:openapi` can lint it anywhere. Usage: openapi.js <out.json>
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AppModule } from '../api/src/app.module';
import { createHttpAdapter, openApiDocument } from '../api/src/bootstrap';

async function main(out: string): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, createHttpAdapter(), { preview: true, logger: false });
  app.setGlobalPrefix('api');
  mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  writeFileSync(out, `${JSON.stringify(openApiDocument(app), null, 2)}\n`);
}

main(process.argv[2] ?? 'dist/openapi.json').catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
