// The one place the console turns a failure into text: the API's domain `code` (ErrorBody)
// picks an i18n key under `lt.error`; the API's English `message` is never shown.
import { isErrorCode, type ErrorBody } from '@layanan/contracts';
import { HttpError, useNotify, useTranslate } from 'react-admin';
import { FIELD_ERROR_CODES, type ShownError } from '../i18n/errors';

/** An error answer's body as toHttpError keeps it (`errors`: i18n keys per form field). */
export type ErrorAnswer = Partial<ErrorBody> & { errors?: Record<string, string> };

export function answerOf(error: unknown): ErrorAnswer | undefined {
  if (!(error instanceof HttpError)) return undefined;
  const body: unknown = error.body;
  return typeof body === 'object' && body !== null ? body : undefined;
}

/** The code to explain: the API's, else one from the status (a proxy's answer has no body). */
export function errorCodeOf(error: unknown): ShownError {
  if (error instanceof HttpError) {
    const code = answerOf(error)?.code;
    if (isErrorCode(code)) return code;
    if (error.status === 401) return 'SESSION_ENDED';
    if (error.status === 403) return 'FORBIDDEN';
    if (error.status === 404) return 'NOT_FOUND';
    if (error.status === 409) return 'CASE_VERSION_CONFLICT';
    if (error.status === 413) return 'REQUEST_TOO_LARGE';
    if (error.status === 429) return 'RATE_LIMITED';
    if (error.status === 503) return 'SERVICE_UNAVAILABLE';
    if (error.status >= 500) return 'INTERNAL';
    return 'UNKNOWN';
  }
  // fetch() rejects with a TypeError when the request never got an answer.
  if (error instanceof TypeError) return 'NETWORK';
  return 'UNKNOWN';
}

export const errorKey = (code: ShownError): string => `lt.error.${code}`;

/** The i18n key shown under a form field the API named in `details`. */
export const fieldErrorKey = (code: string | undefined): string =>
  `lt.error_field.${code && FIELD_ERROR_CODES.includes(code) ? code : 'FIELD_INVALID'}`;

export function isConflict(error: unknown): boolean {
  return error instanceof HttpError && error.status === 409;
}

/** An error as the user reads it, in the current language. */
export function useErrorText(): (error: unknown) => string {
  const translate = useTranslate();
  return (error) => translate(errorKey(errorCodeOf(error)));
}

/** Notifies an error by its code (warning style). */
export function useNotifyError(): (error: unknown) => void {
  const notify = useNotify();
  return (error) => notify(errorKey(errorCodeOf(error)), { type: 'warning' });
}
