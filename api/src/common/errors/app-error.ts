import type { ErrorBody } from '@layanan/contracts';

/** Every expected failure is an AppError with a code; http-error.filter.ts maps codes to HTTP. */
export type AppErrorCode =
  | 'VALIDATION' // 400: a field is malformed
  | 'UNAUTHENTICATED' // 401
  | 'FORBIDDEN' // 403
  | 'NOT_FOUND' // 404
  | 'CONFLICT' // 409: stale version, event not accepted in this state, duplicate
  | 'PAYLOAD_TOO_LARGE' // 413
  | 'UNSUPPORTED_MEDIA' // 415
  | 'UNPROCESSABLE' // 422: well-formed but breaks a rule (missing reason, guard failed)
  | 'LOCKED' // 423: account locked after failed logins
  | 'TOO_MANY_REQUESTS'; // 429

export type FieldError = NonNullable<ErrorBody['details']>[number];

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly extra: Pick<ErrorBody, 'details' | 'current'> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  static validation(details: FieldError[]): AppError {
    return new AppError('VALIDATION', details.map((d) => `${d.field}: ${d.message}`).join('; '), { details });
  }

  static field(code: AppErrorCode, field: string, message: string): AppError {
    return new AppError(code, `${field}: ${message}`, { details: [{ field, message }] });
  }

  static notFound(what: string): AppError {
    return new AppError('NOT_FOUND', `${what} not found`);
  }
}
