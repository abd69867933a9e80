import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { ErrorBody, ErrorCode } from '@layanan/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { AppError } from './app-error';

/** The HTTP status of every domain code: the only place that knows statuses. */
export const STATUS: Record<ErrorCode, number> = {
  FIELD_INVALID: 400,
  AUTH_REQUIRED: 401,
  LOGIN_FAILED: 401,
  SESSION_ENDED: 401,
  REFRESH_INVALID: 401,
  API_KEY_INVALID: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  TRACKING_NOT_FOUND: 404,
  CASE_VERSION_CONFLICT: 409,
  EVENT_NOT_ALLOWED: 409,
  CASE_ALREADY_CLAIMED: 409,
  CASE_NOT_ASSIGNED: 409,
  DOCUMENT_SUPERSEDED: 409,
  DUPLICATE: 409,
  REQUEST_IN_PROGRESS: 409,
  SURVEY_NOT_OPEN: 409,
  COMPLAINT_STATE_INVALID: 409,
  FILE_TOO_LARGE: 413,
  REQUEST_TOO_LARGE: 413,
  FILE_TYPE_UNSUPPORTED: 415,
  CONTENT_TYPE_UNSUPPORTED: 415,
  FIELD_REQUIRED: 422,
  REFERENCE_INVALID: 422,
  FOUR_EYES: 422,
  DOCUMENTS_INCOMPLETE: 422,
  ASSIGNEE_CANNOT_ACT: 422,
  ASSIGNEE_ON_LEAVE: 422,
  LEAVE_OVERLAP: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  TEMPLATE_INVALID: 422,
  URL_NOT_ALLOWED: 422,
  RULE_VIOLATED: 422,
  APPOINTMENT_OVERLAP: 422,
  CONSULT_OWN_OPD: 422,
  CONSULT_NOT_OPEN: 409,
  SERVICE_INACTIVE: 422,
  DEACTIVATE_INSTEAD: 409,
  WORKFLOW_INVALID: 422,
  DRAFT_STALE: 409,
  ISSUANCE_NOT_CONFIGURED: 422,
  SIGNER_REJECTED: 422,
  DOCUMENT_NOT_VALID: 409,
  EXPORT_TOO_LARGE: 413,
  EXPORT_NOT_READY: 409,
  LOGIN_LOCKED: 423,
  RATE_LIMITED: 429,
  SERVICE_UNAVAILABLE: 503,
  SIGNER_UNAVAILABLE: 503,
  SIGNING_UNCERTAIN: 504,
  POPULATION_CHECK_OFF: 422,
  INTERNAL: 500,
};

/**
 * Framework exceptions by status, for their domain code: routing (404) and the body parser,
 * whose failures concern the request body as a whole (files have their own codes, raised by
 * UploadInterceptor with the part's name).
 */
const CODE_OF_STATUS: Record<number, ErrorCode> = {
  400: 'FIELD_INVALID',
  401: 'AUTH_REQUIRED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'DUPLICATE',
  413: 'REQUEST_TOO_LARGE',
  415: 'CONTENT_TYPE_UNSUPPORTED',
  422: 'RULE_VIOLATED',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};
/** Body-parser failures name the body as the field. */
const BODY_STATUSES = new Set([400, 413, 415]);

/** PostgreSQL error classes that mean "the database is not there right now", not a bug. */
const UNAVAILABLE_SQLSTATE = /^(08|53|57P0[1-3])/;
const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE']);
const RETRY_AFTER_SECONDS = 5;

/** The one place where errors become HTTP responses, all in the `ErrorBody` shape. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<FastifyReply>();
    if (res.sent) return;
    const body = toErrorBody(exception);
    if (body.statusCode >= 500) {
      const reqId = http.getRequest<FastifyRequest>().id;
      const dependency = body.code === 'SERVICE_UNAVAILABLE' || body.code === 'SIGNER_UNAVAILABLE' || body.code === 'SIGNING_UNCERTAIN';
      this.logger.error({ reqId, err: exception }, dependency ? 'dependency unavailable' : 'unhandled error');
    }
    if (body.code === 'SERVICE_UNAVAILABLE' || body.code === 'RATE_LIMITED' || body.code === 'SIGNER_UNAVAILABLE')
      void res.header('Retry-After', String(RETRY_AFTER_SECONDS));
    void res.status(body.statusCode).send(body);
  }
}

export function toErrorBody(exception: unknown): ErrorBody {
  if (exception instanceof AppError) return body(exception.code, exception.message, exception.extra);
  if (exception instanceof ThrottlerException) return body('RATE_LIMITED', 'Too many requests; try again in a minute');
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const raw = typeof response === 'string' ? response : (response as { message?: unknown }).message;
    const message = Array.isArray(raw) ? raw.join('; ') : typeof raw === 'string' ? raw : exception.message;
    const code = CODE_OF_STATUS[status] ?? (status >= 500 ? 'INTERNAL' : 'RULE_VIOLATED');
    const details = BODY_STATUSES.has(status) && code !== 'NOT_FOUND' ? [{ field: 'body', message }] : undefined;
    return { ...body(code, message, details ? { details } : {}), statusCode: status, error: reason(status) };
  }
  if (exception instanceof QueryFailedError) {
    const code = (exception.driverError as { code?: string }).code ?? '';
    // Malformed ids and values that slipped past the DTOs are the caller's fault, not ours.
    if (code === '22P02' || code === '22007' || code === '22008') return body('FIELD_INVALID', 'A value has an invalid format');
    // A null or too long value for a column the DTO let through: still the caller's field, named.
    const column = (exception.driverError as { column?: string }).column;
    if (code === '23502' && column)
      return body('FIELD_INVALID', `${fieldOf(column)} must not be empty`, fieldDetail(column, 'must not be empty'));
    // NUL and characters outside UTF-8 are refused by the pipe; this is the net behind it.
    if (code === '22021' || code === '22P05') return body('FIELD_INVALID', 'A value holds a character that cannot be stored');
    if (code === '22001' || code === '22003') return body('FIELD_INVALID', 'A value is too long or out of range');
    if (code === '23514') return body('RULE_VIOLATED', 'A value breaks a rule of the record');
    if (code === '23505') return body('DUPLICATE', 'A record with the same unique value already exists');
    if (code === '23503') return body('REFERENCE_INVALID', 'A referenced record does not exist');
    if (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_ERRNO.has(code)) return unavailable();
  }
  if (isConnectionError(exception)) return unavailable();
  return body('INTERNAL', 'Internal server error');
}

/** snake_case column → the camelCase field the API speaks. */
function fieldOf(column: string): string {
  return column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

function fieldDetail(column: string, message: string): Pick<ErrorBody, 'details'> {
  return { details: [{ field: fieldOf(column), message }] };
}

function unavailable(): ErrorBody {
  return body('SERVICE_UNAVAILABLE', 'The database is unavailable; try again in a few seconds');
}

/** pg's own connection failures (no SQLSTATE): refused, reset, or the pool's connect timeout. */
function isConnectionError(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  const errno = (e as { code?: string }).code;
  if (errno && UNAVAILABLE_ERRNO.has(errno)) return true;
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/.test(e.message);
}

function body(code: ErrorCode, message: string, extra: Pick<ErrorBody, 'details' | 'current'> = {}): ErrorBody {
  const statusCode = STATUS[code];
  return { statusCode, code, error: reason(statusCode), message, ...extra };
}

/** An error response's body for a code, for the few answers given before Nest (admission control). */
export const errorBody = body;

function reason(status: number): string {
  const name = HttpStatus[status];
  return typeof name === 'string'
    ? name
        .split('_')
        .map((w) => w[0] + w.slice(1).toLowerCase())
        .join(' ')
    : 'Error';
}
