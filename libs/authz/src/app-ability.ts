// Types shared by every consumer of the authorization rules (API guards, SQL compiler,
// react-admin console). Browser-safe: only `@casl/ability` imports, no Node built-ins.
import { createMongoAbility, type ForcedSubject, type MongoAbility, type RawRuleOf } from '@casl/ability';

export const APP_ACTIONS = [
  'manage',
  'read',
  'create',
  'update',
  /** send a workflow event (verify, approve, sign, ...) */
  'act',
  'claim',
  'assign',
  'transfer',
  'comment',
  /** see unmasked NIK, phone and address */
  'readPersonalData',
  'checkDocument',
  /** download a case's documents (integration API keys with documents:read) */
  'readDocument',
  'readReport',
  /** revoke or correct an issued document of the case */
  'revokeDocument',
  /** answer a consult (pertimbangan teknis) asked of the caller's OPD */
  'answer',
] as const;
export type AppAction = (typeof APP_ACTIONS)[number];

export const APP_SUBJECT_TYPES = [
  'Case',
  'User',
  'Opd',
  'Service',
  'Holiday',
  'Workflow',
  'Report',
  /** webhook subscribers, API keys and the delivery log */
  'Integration',
  'NotificationTemplate',
  /** Plh./Plt. appointments of an OPD's positions */
  'Appointment',
  /** citizens' complaints (pengaduan) about an OPD's cases and services */
  'Complaint',
  /** a user's leave (cuti): the user themself, the OPD's head and section heads, admin */
  'Leave',
  /** consults between OPDs (permintaan pertimbangan teknis) on a case */
  'Consult',
  'all',
] as const;
export type AppSubjectType = (typeof APP_SUBJECT_TYPES)[number];

/**
 * The Case fields that rule conditions refer to. These names are the contract with the SQL
 * side (`abilityToSql` maps each one to a column); renaming one is a breaking change.
 */
export interface CaseAuthzFields {
  /** the OPD currently responsible for the case */
  opdId: string;
  assigneeId: string | null;
  /** every OPD that has held the case, including the current one */
  handledOpdIds: string[];
  isOpen: boolean;
  /** OPDs asked for a technical opinion (pertimbangan teknis) on the case whose consult is still open */
  consultOpdIds?: string[];
}

/** User fields used in conditions (`opdId` null for admin / leadership accounts). */
export interface UserAuthzFields {
  opdId: string | null;
}

/** A report scope: one OPD, or null for the city-wide report. */
export interface ReportAuthzFields {
  opdId: string | null;
}

/** An acting appointment's OPD (whose head or admin may appoint). */
export interface AppointmentAuthzFields {
  opdId: string;
}

/** A complaint's OPD (whose complaint officer handles it). */
export interface ComplaintAuthzFields {
  opdId: string;
}

/** A leave's user and that user's OPD. */
export interface LeaveAuthzFields {
  userId: string;
  opdId: string | null;
}

/** A consult between OPDs: the OPD that asked, the one asked and the role addressed there. */
export interface ConsultAuthzFields {
  requesterOpdId: string;
  consultedOpdId: string;
  consultedRole: string | null;
}

export type CaseSubject = CaseAuthzFields & ForcedSubject<'Case'>;
export type UserSubject = UserAuthzFields & ForcedSubject<'User'>;
export type ReportSubject = ReportAuthzFields & ForcedSubject<'Report'>;
export type AppointmentSubject = AppointmentAuthzFields & ForcedSubject<'Appointment'>;

export type ComplaintSubject = ComplaintAuthzFields & ForcedSubject<'Complaint'>;
export type ConsultSubject = ConsultAuthzFields & ForcedSubject<'Consult'>;
export type LeaveSubject = LeaveAuthzFields & ForcedSubject<'Leave'>;

export type AppSubject =
  AppSubjectType | CaseSubject | UserSubject | ReportSubject | AppointmentSubject | ComplaintSubject | ConsultSubject | LeaveSubject;

export type AppAbility = MongoAbility<[AppAction, AppSubject]>;
export type AppRawRule = RawRuleOf<AppAbility>;

/** Builds an ability from raw rules with the options every consumer must share. */
export function createAppAbility(rules: AppRawRule[] = []): AppAbility {
  return createMongoAbility<AppAbility>(rules);
}
