import { subject } from '@casl/ability';
import type { CaseAuthzFields, ReportAuthzFields, UserAuthzFields } from './app-ability';

/**
 * Tags a case (entity, DTO or plain row) as a CASL `Case` subject so that
 * `ability.can('act', caseSubject(row))` evaluates the conditions. The input is copied, so
 * the caller's object is never mutated (CASL's `subject()` defines a hidden property).
 */
export function caseSubject<T extends CaseAuthzFields>(fields: T): T & { readonly __caslSubjectType__: 'Case' } {
  return subject('Case', { ...fields });
}

/** Tags a user record as a CASL `User` subject. */
export function userSubject<T extends UserAuthzFields>(fields: T): T & { readonly __caslSubjectType__: 'User' } {
  return subject('User', { ...fields });
}

/** Tags a report scope (one OPD, or null for city-wide) as a CASL `Report` subject. */
export function reportSubject<T extends ReportAuthzFields>(fields: T): T & { readonly __caslSubjectType__: 'Report' } {
  return subject('Report', { ...fields });
}
