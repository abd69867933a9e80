import type {
  AppointmentAuthzFields,
  CaseAuthzFields,
  ComplaintAuthzFields,
  ConsultAuthzFields,
  LeaveAuthzFields,
  ReportAuthzFields,
  UserAuthzFields,
} from './app-ability';

/**
 * A copy of `fields` tagged with CASL's subject-type field (`__caslSubjectType__`, which CASL's
 * `detectSubjectType` reads as an own property). Built as one object literal: CASL's `subject()`
 * adds the field with `Object.defineProperty`, which turns the object into a slow dictionary and
 * cost about 1% of the API's CPU, as several checks run per request. The caller's object is
 * never mutated.
 */
function tagged<K extends string, T extends object>(type: K, fields: T): T & { readonly __caslSubjectType__: K } {
  return { ...fields, __caslSubjectType__: type };
}

/**
 * Tags a case (entity, DTO or plain row) as a CASL `Case` subject so that
 * `ability.can('act', caseSubject(row))` evaluates the conditions.
 */
export function caseSubject<T extends CaseAuthzFields>(fields: T): T & { readonly __caslSubjectType__: 'Case' } {
  return tagged('Case', fields);
}

/** Tags a user record as a CASL `User` subject. */
export function userSubject<T extends UserAuthzFields>(fields: T): T & { readonly __caslSubjectType__: 'User' } {
  return tagged('User', fields);
}

/** Tags a report scope (one OPD, or null for city-wide) as a CASL `Report` subject. */
export function reportSubject<T extends ReportAuthzFields>(fields: T): T & { readonly __caslSubjectType__: 'Report' } {
  return tagged('Report', fields);
}

/** Tags an appointment's OPD as a CASL `Appointment` subject. */
export function appointmentSubject<T extends AppointmentAuthzFields>(fields: T): T & { readonly __caslSubjectType__: 'Appointment' } {
  return tagged('Appointment', fields);
}

/** Tags a complaint's OPD as a CASL `Complaint` subject. */
export function complaintSubject<T extends ComplaintAuthzFields>(fields: T): T & { readonly __caslSubjectType__: 'Complaint' } {
  return tagged('Complaint', fields);
}

/** Tags a leave (its user and that user's OPD) as a CASL `Leave` subject. */
export function leaveSubject<T extends LeaveAuthzFields>(fields: T): T & { readonly __caslSubjectType__: 'Leave' } {
  return tagged('Leave', fields);
}

/** Tags a consult's OPDs as a CASL `Consult` subject. */
export function consultSubject<T extends ConsultAuthzFields>(fields: T): T & { readonly __caslSubjectType__: 'Consult' } {
  return tagged('Consult', fields);
}
