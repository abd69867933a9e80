import { HttpError } from 'react-admin';

export function isConflict(error: unknown): boolean {
  return error instanceof HttpError && error.status === 409;
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return 'ra.notification.http_error';
}
