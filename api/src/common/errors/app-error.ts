import type { ErrorBody, ErrorCode, FieldProblem } from '@layanan/contracts';

export type FieldError = FieldProblem;

/**
 * Every expected failure is an AppError with a stable domain code (libs/contracts ERROR_CODES);
 * http-error.filter.ts is the one place that turns codes into HTTP statuses. The message is
 * English for logs and developers; users see text keyed on the code.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: Pick<ErrorBody, 'details' | 'current'> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  /** FIELD_INVALID with one detail per malformed field. */
  static validation(details: FieldError[]): AppError {
    return new AppError('FIELD_INVALID', details.map((d) => `${d.field}: ${d.message}`).join('; '), { details });
  }

  static field(code: ErrorCode, field: string, message: string): AppError {
    return new AppError(code, `${field}: ${message}`, { details: [{ field, message }] });
  }

  static notFound(what: string): AppError {
    return new AppError('NOT_FOUND', `${what} not found`);
  }
}

/** The one wording of "you may not act on this case" (documents, events). */
export const MAY_NOT_ACT = 'You may not act on this case (it belongs to another OPD or is assigned to someone else)';
