import { CallHandler, createParamDecorator, ExecutionContext, Inject, Injectable, mixin, NestInterceptor, Type } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import type { FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';
import { AppError } from '../common/errors/app-error';
import { appConfig } from '../config';
import { formatBytes, type IncomingFile } from './file-inspection';

export type UploadMode = { kind: 'single'; field: string } | { kind: 'many'; maxFiles: number };

type UploadRequest = FastifyRequest & { uploads?: IncomingFile[] };

/**
 * Parses multipart/form-data into memory (@fastify/multipart, registered in bootstrap) with
 * the configured size limit: text fields become the body for the DTO, files are read with
 * @UploadedFile() / @UploadedFiles() below. Every failure becomes our error shape naming the
 * field (413 for an oversize file, never a 500). A request that is not multipart passes
 * through untouched, so the DTO and the service report what is missing.
 */
export function UploadInterceptor(mode: UploadMode): Type<NestInterceptor> {
  @Injectable()
  class MixinUploadInterceptor implements NestInterceptor {
    private readonly maxBytes: number;

    constructor(@Inject(appConfig.KEY) cfg: ConfigType<typeof appConfig>) {
      this.maxBytes = cfg.uploadMaxBytes;
    }

    async intercept(ctx: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
      const req = ctx.switchToHttp().getRequest<UploadRequest>();
      if (req.isMultipart()) await this.parse(req);
      return next.handle();
    }

    private async parse(req: UploadRequest): Promise<void> {
      const fields: Record<string, string> = {};
      const files: IncomingFile[] = [];
      const maxFiles = mode.kind === 'single' ? 1 : mode.maxFiles;
      let current: string | undefined;
      try {
        const parts = req.parts({ limits: { fileSize: this.maxBytes, files: maxFiles, fields: 10, fieldSize: 256 * 1024, parts: 60 } });
        for await (const part of parts) {
          current = part.fieldname;
          if (part.type === 'file') {
            if (mode.kind === 'single' && part.fieldname !== mode.field) {
              throw AppError.field('FIELD_INVALID', part.fieldname, `is not expected here (send one file as "${mode.field}")`);
            }
            const buffer = await part.toBuffer();
            files.push({ fieldname: part.fieldname, originalname: part.filename, mimetype: part.mimetype, size: buffer.length, buffer });
          } else {
            if (part.valueTruncated) throw AppError.field('FIELD_INVALID', part.fieldname, 'is too long');
            fields[part.fieldname] = String(part.value);
          }
        }
      } catch (e) {
        throw this.toAppError(e, current);
      }
      req.body = fields;
      req.uploads = files;
    }

    private toAppError(err: unknown, current: string | undefined): AppError {
      if (err instanceof AppError) return err;
      const fileField = mode.kind === 'single' ? mode.field : 'files';
      const field = current ?? fileField;
      switch ((err as { code?: string }).code) {
        case 'FST_REQ_FILE_TOO_LARGE':
          return AppError.field('FILE_TOO_LARGE', field, `must be at most ${formatBytes(this.maxBytes)}`);
        case 'FST_FILES_LIMIT':
          return AppError.field(
            'FIELD_INVALID',
            fileField,
            mode.kind === 'single' ? 'only one file may be sent' : `at most ${mode.maxFiles} files may be sent`,
          );
        case 'FST_FIELDS_LIMIT':
        case 'FST_PARTS_LIMIT':
          return AppError.field('FIELD_INVALID', field, 'the multipart request has too many parts or fields');
        default:
          return AppError.field('FIELD_INVALID', 'body', 'is not a well-formed multipart/form-data request');
      }
    }
  }
  return mixin(MixinUploadInterceptor);
}

/** The one file an UploadInterceptor({ kind: 'single' }) route received, if any. */
export const UploadedFile = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): IncomingFile | undefined => ctx.switchToHttp().getRequest<UploadRequest>().uploads?.[0],
);

/** Every file an UploadInterceptor({ kind: 'many' }) route received, if any. */
export const UploadedFiles = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): IncomingFile[] | undefined => ctx.switchToHttp().getRequest<UploadRequest>().uploads,
);
