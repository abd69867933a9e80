// Every migration, in order. Listed explicitly so the same array works from TypeScript
// (tests) and compiled JavaScript (npm start, the typeorm CLI).
import { InitialSchema1764300000000 } from './1764300000000-initial-schema';
import { RoleQueueIndexes1764400000000 } from './1764400000000-role-queue-indexes';
import { AuthChangeNotify1764500000000 } from './1764500000000-auth-change-notify';
import { QueueWorkRoles1764600000000 } from './1764600000000-queue-work-roles';
import { Issuance1764816160000 } from './1764816160000-issuance';
import { BuiltinIssuance1764816200000 } from './1764816200000-builtin-issuance';
import { NotificationsIntegration1764817300000 } from './1764817300000-notifications-integration';
import { Reports1764920000000 } from './1764920000000-reports';
import { SatisfactionSurvey1764930000000 } from './1764930000000-satisfaction-survey';
import { WorkflowDesigner1764940000000 } from './1764940000000-workflow-designer';
import { ActingAppointments1764950000000 } from './1764950000000-acting-appointments';
import { PendingFiles1764960000000 } from './1764960000000-pending-files';
import { HolidayNames1764970000000 } from './1764970000000-holiday-names';
import { Complaints1764975000000 } from './1764975000000-complaints';
import { PiiEncryption1764980000000 } from './1764980000000-pii-encryption';
import { SignatoryNikEncryption1764990000000 } from './1764990000000-signatory-nik-encryption';
import { ApplicantRegistry1765017000000 } from './1765017000000-applicant-registry';
import { ComplaintNotifications1765030000000 } from './1765030000000-complaint-notifications';
import { WebhookSuspension1765040000000 } from './1765040000000-webhook-suspension';
import { PortalDocumentReuse1765040100000 } from './1765040100000-portal-document-reuse';
import { ReportCoarseRollups1765041800000 } from './1765041800000-report-coarse-rollups';
import { CaseExportJobs1765043300000 } from './1765043300000-case-export-jobs';
import { Consults1765045500000 } from './1765045500000-consults';
import { LeaveAndWorkload1765046000000 } from './1765046000000-leave-and-workload';
import { ConsultFollowUp1765047000000 } from './1765047000000-consult-follow-up';
import { WebhookThrottling1765049100000 } from './1765049100000-webhook-throttling';
import { ReportBacklogCases1765049500000 } from './1765049500000-report-backlog-cases';
import { WebhookSuspensionReason1765049600000 } from './1765049600000-webhook-suspension-reason';

export const MIGRATIONS = [
  InitialSchema1764300000000,
  RoleQueueIndexes1764400000000,
  AuthChangeNotify1764500000000,
  QueueWorkRoles1764600000000,
  Issuance1764816160000,
  BuiltinIssuance1764816200000,
  NotificationsIntegration1764817300000,
  Reports1764920000000,
  SatisfactionSurvey1764930000000,
  WorkflowDesigner1764940000000,
  ActingAppointments1764950000000,
  PendingFiles1764960000000,
  HolidayNames1764970000000,
  Complaints1764975000000,
  PiiEncryption1764980000000,
  SignatoryNikEncryption1764990000000,
  ApplicantRegistry1765017000000,
  ComplaintNotifications1765030000000,
  WebhookSuspension1765040000000,
  PortalDocumentReuse1765040100000,
  ReportCoarseRollups1765041800000,
  CaseExportJobs1765043300000,
  Consults1765045500000,
  LeaveAndWorkload1765046000000,
  ConsultFollowUp1765047000000,
  WebhookThrottling1765049100000,
  ReportBacklogCases1765049500000,
  WebhookSuspensionReason1765049600000,
];
