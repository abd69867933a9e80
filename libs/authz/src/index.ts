export {
  APP_ACTIONS,
  APP_SUBJECT_TYPES,
  createAppAbility,
  type AppAbility,
  type AppointmentAuthzFields,
  type AppointmentSubject,
  type AppAction,
  type AppRawRule,
  type AppSubject,
  type AppSubjectType,
  type CaseAuthzFields,
  type CaseSubject,
  type ComplaintAuthzFields,
  type ComplaintSubject,
  type ConsultAuthzFields,
  type ConsultSubject,
  type LeaveAuthzFields,
  type LeaveSubject,
  type ReportAuthzFields,
  type ReportSubject,
  type UserAuthzFields,
  type UserSubject,
} from './app-ability';
export { actingAt, actingGrantFor, rolesIn, type ActingState } from './acting';
export {
  appointmentSubject,
  caseSubject,
  complaintSubject,
  consultSubject,
  leaveSubject,
  reportSubject,
  userSubject,
} from './case-subject';
export { defineAbilityFor, defineAbilityForApiKey } from './define-ability-for';
export { abilityFromPackedRules, InvalidPackedRulesError, packAbilityRules, type PackedAbilityRules } from './packed-rules';
