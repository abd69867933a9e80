import { CallHandler, ExecutionContext, Inject, Injectable, mixin, NestInterceptor, Type } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import type { Request, RequestHandler, Response } from 'express';
import multer from 'multer';
import { Observable } from 'rxjs';
import { AppError } from '../common/errors/app-error';
import { appConfig } from '../config';
import { formatBytes } from './file-inspection';

export type UploadMode = { kind: 'single'; field: string } | { kind: 'many'; maxFiles: number };

/**
 * Parses multipart/form-data into memory with the configured size limit and turns every
 * multer/busboy failure into our error shape naming the field (413 for an oversize file,
 * never a 500). Files land in req.file / req.files for @UploadedFile(s).
 */
export function UploadInterceptor(mode: UploadMode): Type<NestInterceptor> {
  @Injectable()
  class MixinUploadInterceptor implements NestInterceptor {
    private readonly handler: RequestHandler;
    private readonly maxBytes: number;

    constructor(@Inject(appConfig.KEY) cfg: ConfigType<typeof appConfig>) {
      this.maxBytes = cfg.uploadMaxBytes;
      const upload = multer({
        storage: multer.memoryStorage(),
        limits: { fileSize: cfg.uploadMaxBytes, files: mode.kind === 'single' ? 1 : mode.maxFiles, fields: 10, fieldSize: 256 * 1024, parts: 60 },
      });
      this.handler = mode.kind === 'single' ? upload.single(mode.field) : upload.any();
    }

    async intercept(ctx: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
      const http = ctx.switchToHttp();
      await new Promise<void>((resolve, reject) => {
        this.handler(http.getRequest<Request>(), http.getResponse<Response>(), (err?: unknown) => (err ? reject(this.toAppError(err)) : resolve()));
      });
      return next.handle();
    }

    private toAppError(err: unknown): AppError {
      if (!(err instanceof multer.MulterError)) return AppError.field('VALIDATION', 'body', 'is not a well-formed multipart/form-data request');
      const field = err.field ?? (mode.kind === 'single' ? mode.field : 'files');
      switch (err.code) {
        case 'LIMIT_FILE_SIZE':
          return AppError.field('PAYLOAD_TOO_LARGE', field, `must be at most ${formatBytes(this.maxBytes)}`);
        case 'LIMIT_FILE_COUNT':
          return AppError.field('VALIDATION', field, mode.kind === 'single' ? 'only one file may be sent' : `at most ${mode.maxFiles} files may be sent`);
        case 'LIMIT_UNEXPECTED_FILE':
          return AppError.field('VALIDATION', field, mode.kind === 'single' ? `is not expected here (send one file as "${mode.field}")` : 'is not an expected file field');
        case 'LIMIT_FIELD_VALUE':
          return AppError.field('VALIDATION', field, 'is too long');
        default:
          return AppError.field('VALIDATION', field, 'the multipart request has too many parts or fields');
      }
    }
  }
  return mixin(MixinUploadInterceptor);
}
