import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { ErrorBody } from '@layanan/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { AppError, AppErrorCode } from './app-error';

const STATUS: Record<AppErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA: 415,
  UNPROCESSABLE: 422,
  LOCKED: 423,
  TOO_MANY_REQUESTS: 429,
};

/** The one place where errors become HTTP responses, all in the `ErrorBody` shape. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<FastifyReply>();
    if (res.sent) return;
    const body = this.toBody(exception);
    if (body.statusCode >= 500) {
      const reqId = http.getRequest<FastifyRequest>().id;
      this.logger.error({ reqId, err: exception }, 'unhandled error');
    }
    void res.status(body.statusCode).send(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof AppError) {
      const statusCode = STATUS[exception.code];
      return { statusCode, error: reason(statusCode), message: exception.message, ...exception.extra };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const response = exception.getResponse();
      const raw = typeof response === 'string' ? response : (response as { message?: unknown }).message;
      const message = Array.isArray(raw) ? raw.join('; ') : typeof raw === 'string' ? raw : exception.message;
      return { statusCode, error: reason(statusCode), message: humanise(statusCode, message) };
    }
    if (exception instanceof QueryFailedError) {
      const code = (exception.driverError as { code?: string }).code;
      // Malformed ids and values that slipped past the DTOs are the caller's fault, not ours.
      if (code === '22P02' || code === '22007' || code === '22008')
        return { statusCode: 400, error: reason(400), message: 'A value has an invalid format' };
      if (code === '23505') return { statusCode: 409, error: reason(409), message: 'A record with the same unique value already exists' };
      if (code === '23503') return { statusCode: 422, error: reason(422), message: 'A referenced record does not exist' };
    }
    return { statusCode: 500, error: reason(500), message: 'Internal server error' };
  }
}

function humanise(status: number, message: string): string {
  if (status === 413) return `file: ${message} (too large)`;
  return message;
}

function reason(status: number): string {
  const name = HttpStatus[status];
  return typeof name === 'string'
    ? name
        .split('_')
        .map((w) => w[0] + w.slice(1).toLowerCase())
        .join(' ')
    : 'Error';
}
